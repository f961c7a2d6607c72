import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { allowConsoleError, launch, newPage, screenshot, signIn, toastText } from '../support/browser.ts';
import { careCounts, changeResidentRoom, removeFixtures } from '../support/fixtures.ts';

// Issue 20 / decision 039: the care roster and home visits on a 360 px phone, and the grid worker's app working
// without a network (Chromium's offline mode): three visits and one need recorded offline, kept across a reload
// offline, sent on reconnect exactly once (a repeated sync stores nothing new); an offline edit of a person whose
// record changed on the server meanwhile lands in the conflict list, where the office chooses field by field.
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  // Offline, the browser reports the requests it could not make (Remix's route discovery, the app's own sync).
  allowConsoleError(/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_FAILED|ERR_NETWORK_CHANGED/);
});

afterAll(async () => {
  await browser?.close();
  await removeFixtures();
});

const fits360 = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const waitingCount = async (page: Page) => Number(await page.getByTestId('care-app-waiting-count').getAttribute('data-count'));

/** The records the app keeps in IndexedDB's queue (read in the page). */
const readQueue = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const req = indexedDB.open('shequ-care');
        req.onsuccess = () => {
          const all = req.result.transaction('queue').objectStore('queue').getAll();
          all.onsuccess = () => resolve(all.result as unknown[]);
          all.onerror = () => reject(all.error);
        };
        req.onerror = () => reject(req.error);
      }),
  );
const putQueue = (page: Page, rows: unknown[]) =>
  page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('shequ-care');
        req.onsuccess = () => {
          const tx = req.result.transaction('queue', 'readwrite');
          for (const r of records) tx.objectStore('queue').put(r);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
        req.onerror = () => reject(req.error);
      }),
    rows,
  );

describe('visiting care on a phone', () => {
  it('the roster shows due, due soon and overdue with their written definitions, and the quick visit form fits 360 px', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000006');
    await page.waitForURL('**/community');
    await page.goto('/community/care');
    expect(await page.title()).toContain('关爱名册');
    await page.getByTestId('care-definitions').getByText('已超期：周期结束').waitFor();
    await page.getByTestId('care-row').first().waitFor();
    expect(await page.getByTestId('care-count-overdue').textContent()).toMatch(/已超期 \d+/);
    expect(await fits360(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '75-care-roster-360');

    // The quick visit form: choices first, free text second, optional photo and location.
    const first = page.getByTestId('care-row').first();
    const residentId = (await first.getAttribute('data-resident-id'))!;
    await first.getByTestId('care-row-visit').click();
    await page.getByTestId('care-visit-form').waitFor();
    expect(await fits360(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '76-care-visit-form-360');
    await page.getByLabel('本人', { exact: true }).check();
    await page.getByLabel('良好', { exact: true }).check();
    await page.getByLabel('补充说明（选填）').fill('精神不错，冰箱里有菜');
    await page.getByTestId('care-visit-submit').click();
    expect(await toastText(page)).toContain('走访已记录');
    await page.waitForURL(`**/community/care/${residentId}`);
    await page.getByTestId('care-person-visits').getByText('精神不错，冰箱里有菜').waitFor();
    expect(await fits360(page)).toBeLessThanOrEqual(360);
  });

  it('works offline: three visits and one need kept across a reload, sent once on reconnect; a stale edit goes to the conflict list', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000006');
    await page.waitForURL('**/community');
    await page.goto('/community/care/app');
    await page.getByTestId('care-app-person').nth(3).waitFor();
    // The service worker takes the page over; loaded again, the page and its scripts are in its cache.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 15_000 });
    await page.reload();
    await page.getByTestId('care-app-person').first().waitFor();
    await page.waitForFunction(async () => Boolean(await caches.match('/community/care/app')), undefined, { timeout: 15_000 });

    const cards = page.getByTestId('care-app-person');
    const people = await Promise.all([0, 1, 2].map(async (i) => (await cards.nth(i).getAttribute('data-resident-id'))!));
    const since = new Date(Date.now() - 1000);
    expect(await careCounts(people, since)).toMatchObject({ visits: 0, cases: 0 });

    await context.setOffline(true);
    await page.getByTestId('care-app-network').filter({ hasText: '离线' }).waitFor();
    for (const i of [0, 1, 2]) {
      await cards.nth(i).getByTestId('care-app-visit').click();
      const form = page.getByTestId('care-app-visit-form');
      await form.getByLabel('本人', { exact: true }).check();
      await form.getByLabel('稳定', { exact: true }).check();
      await form.getByLabel('助餐', { exact: true }).check();
      await form.getByLabel('补充说明（选填）').fill(`离线走访 ${i + 1}`);
      await page.getByTestId('care-app-save-visit').click();
      await page.getByTestId('care-app-notice').filter({ hasText: '已保存在手机上，等待发送' }).waitFor();
    }
    await cards.nth(0).getByTestId('care-app-need').click();
    const need = page.getByTestId('care-app-need-form');
    await need.getByLabel('诉求类别').selectOption({ index: 0 });
    await need.getByLabel('需求内容').fill('家中水龙头漏水，需要维修');
    await page.getByTestId('care-app-save-need').click();
    await page.getByTestId('care-app-notice').waitFor();
    // An offline edit of the second person's room, from the version the phone has.
    await cards.nth(1).getByTestId('care-app-edit').click();
    await page.getByTestId('care-app-edit-form').getByLabel('房号').fill('离线改');
    await page.getByTestId('care-app-save-edit').click();
    await page.getByTestId('care-app-notice').waitFor();
    expect(await waitingCount(page)).toBe(5);
    expect(await page.getByTestId('care-app-waiting').textContent()).toContain('有 5 条记录等待发送');
    expect(await fits360(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '77-care-app-waiting-360');

    // Reloaded without a network: the page comes from the service worker, the queue from IndexedDB.
    await page.reload();
    await page.getByTestId('care-app-person').first().waitFor();
    // The queue is read from IndexedDB once the page has started.
    await page.waitForFunction(() => document.querySelector('[data-testid=care-app-waiting-count]')?.getAttribute('data-count') === '5', undefined, { timeout: 15_000 });
    expect(await waitingCount(page)).toBe(5);
    expect(await careCounts(people, since)).toMatchObject({ visits: 0, cases: 0 });
    const queued = await readQueue(page);
    expect(queued).toHaveLength(5);

    // Meanwhile someone changes the second person on the server.
    await changeResidentRoom(people[1]!, '服务器改');

    // Back online: sent on reconnect, nothing left waiting.
    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('[data-testid=care-app-waiting-count]')?.getAttribute('data-count') === '0', undefined, { timeout: 30_000 });
    expect(await careCounts(people, since)).toEqual({ visits: 3, cases: 1, conflicts: 1 });
    await page.getByTestId('care-app-waiting').getByText('冲突').waitFor();

    // The same records sent again (a lost answer, a repeated sync): stored once.
    await putQueue(page, queued);
    expect(await readQueue(page)).toHaveLength(5);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    for (let i = 0; i < 60 && (await readQueue(page)).length > 0; i++) await page.waitForTimeout(500);
    expect(await readQueue(page)).toHaveLength(0);
    expect(await careCounts(people, since)).toEqual({ visits: 3, cases: 1, conflicts: 1 });

    // The office settles the conflict field by field: nothing was overwritten meanwhile.
    const office = await newPage(browser, { mobile: true });
    await signIn(office.page, '13800000004');
    await office.page.waitForURL('**/community');
    await office.page.goto('/community/care/conflicts');
    const conflict = office.page.getByTestId('care-conflict').filter({ has: office.page.getByTestId('care-conflict-field-room') }).first();
    await conflict.getByText('服务器改').waitFor();
    await conflict.getByText('离线改').waitFor();
    expect(await fits360(office.page)).toBeLessThanOrEqual(360);
    await screenshot(office.page, '78-care-conflicts-360');
    await conflict.getByLabel(/采用离线修改/).check();
    await conflict.getByTestId('care-conflict-resolve').click();
    expect(await toastText(office.page)).toContain('已按所选确认');
    expect(await careCounts(people, since)).toMatchObject({ conflicts: 0 });
    await office.context.close();
    await context.close();
  });
});
