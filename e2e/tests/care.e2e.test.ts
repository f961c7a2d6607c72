import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { allowConsoleError, launch, newPage, screenshot, signIn, toastText } from '../support/browser.ts';
import { goOffline, openCareApp, putQueue, readQueue } from '../support/care-app.ts';
import { careCounts, careRateFigures, changeResidentRoom, removeFixtures, TINY_PNG } from '../support/fixtures.ts';

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

/** Presses 退出登录 in the phone's menu (opening the menu unless it is still open). */
async function signOutFromMenu(page: Page) {
  if (!(await page.getByTestId('sign-out-menu').isVisible())) await page.getByTestId('menu-button').click();
  await page.getByTestId('sign-out-menu').click();
}

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
    // The photo: a labelled control in the page's words (not the browser's "Choose File"), reachable by its label.
    const photoField = page.getByTestId('care-visit-form').getByTestId('file-input');
    await photoField.getByText('拍照或选择照片').waitFor();
    await photoField.getByText('未选择照片').waitFor();
    const photo = page.getByLabel('照片（选填）');
    expect(await photo.getAttribute('type')).toBe('file');
    expect((await photo.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
    expect((await photoField.getByTestId('file-input-choose').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await photo.setInputFiles({ name: '入户.png', mimeType: 'image/png', buffer: TINY_PNG });
    await photoField.getByTestId('file-input-status').filter({ hasText: '已选择：入户.png' }).waitFor();
    await photoField.getByTestId('file-input-remove').filter({ hasText: '移除照片' }).click();
    await photoField.getByText('未选择照片').waitFor();
    expect(await photo.evaluate((el: HTMLInputElement) => el.files?.length ?? 0)).toBe(0);
    await photo.setInputFiles({ name: '入户.png', mimeType: 'image/png', buffer: TINY_PNG });
    await photoField.getByText('更换').waitFor();
    expect(await fits360(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '79-care-visit-photo-360');
    await page.getByTestId('care-visit-submit').click();
    expect(await toastText(page)).toContain('走访已记录');
    await page.waitForURL(`**/community/care/${residentId}`);
    await page.getByTestId('care-person-visits').getByText('精神不错，冰箱里有菜').waitFor();
    await page.getByTestId('care-person-visits').getByText('有照片').first().waitFor();
    expect(await fits360(page)).toBeLessThanOrEqual(360);
  });

  it('works offline: three visits and one need kept across a reload, sent once on reconnect; a stale edit goes to the conflict list', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    // The service worker takes the page over; loaded again, the page and its scripts are in its cache.
    await openCareApp(page);
    await page.getByTestId('care-app-person').nth(3).waitFor();

    const cards = page.getByTestId('care-app-person');
    const people = await Promise.all([0, 1, 2].map(async (i) => (await cards.nth(i).getAttribute('data-resident-id'))!));
    const since = new Date(Date.now() - 1000);
    expect(await careCounts(people, since)).toMatchObject({ visits: 0, cases: 0 });

    await goOffline(context, page);
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
    await need.getByLabel('诉求类别').selectOption({ index: 1 }); // index 0 is “—”: the app asks for a choice (issue 20)
    await need.getByLabel('需求内容').fill('家中水龙头漏水，需要维修');
    await page.getByTestId('care-app-save-need').click();
    await page.getByTestId('care-app-notice').waitFor();
    // An offline edit of the second person's room, from the version the phone has.
    await cards.nth(1).getByTestId('care-app-edit').click();
    await page.getByTestId('care-app-edit-form').getByLabel('房号').fill('离线改');
    await page.getByTestId('care-app-save-edit').click();
    await page.getByTestId('care-app-notice').waitFor();
    // The notice shows before the queue is read again (and the need's notice is still there): wait for the count.
    await page.waitForFunction(() => document.querySelector('[data-testid=care-app-waiting-count]')?.getAttribute('data-count') === '5', undefined, { timeout: 15_000 });
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
  }, 180_000); // two browsers, offline and back, a reload and a repeated sync: longer than one page on a busy machine
  it('signing out asks first while visits wait to be sent, and then clears the app from the phone: IndexedDB, cached pages, service worker', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000006');
    await page.waitForURL('**/community');
    await page.goto('/community/care/app');
    await page.getByTestId('care-app-person').first().waitFor();
    await page.waitForFunction(async () => Boolean(await caches.match('/community/care/app')), undefined, { timeout: 15_000 });
    const residentId = (await page.getByTestId('care-app-person').first().getAttribute('data-resident-id'))!;
    const since = new Date(Date.now() - 1000);

    // Offline, a visit with a photo is kept on the phone; signing out is refused (the server must end the session).
    await goOffline(context, page);
    await page.getByTestId('care-app-person').first().getByTestId('care-app-visit').click();
    const form = page.getByTestId('care-app-visit-form');
    await form.getByLabel('本人', { exact: true }).check();
    await form.getByLabel('补充说明（选填）').fill('退出前未发送');
    await form.getByLabel('照片（选填）').setInputFiles({ name: '门口.png', mimeType: 'image/png', buffer: TINY_PNG });
    await form.getByTestId('file-input-status').filter({ hasText: '已选择：门口.png' }).waitFor();
    await page.getByTestId('care-app-save-visit').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=care-app-waiting-count]')?.getAttribute('data-count') === '1');
    await signOutFromMenu(page);
    await page.getByTestId('sign-out-dialog').getByText('现在没有网络，无法退出登录').waitFor();
    await page.getByTestId('sign-out-cancel').click();
    expect(await readQueue(page)).toHaveLength(1);
    // The app is closed before the network returns (nothing sent), and the worker goes on in the roster's page.
    await page.close();
    await context.setOffline(false);
    const roster = await context.newPage();
    await roster.goto('/community/care');
    await roster.getByTestId('care-row').first().waitFor();
    expect(await readQueue(roster)).toHaveLength(1);

    // Signing out now: a warning names the record waiting; cancelled, nothing is lost.
    await signOutFromMenu(roster);
    const dialog = roster.getByTestId('sign-out-dialog');
    await dialog.getByText('还有 1 条走访助手的记录没有被接收（等待发送 1 条，未被接收 0 条）').waitFor();
    expect(await fits360(roster)).toBeLessThanOrEqual(360);
    await screenshot(roster, '80-care-sign-out-waiting-360');
    await dialog.getByTestId('sign-out-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await readQueue(roster)).toHaveLength(1);
    expect(roster.url()).toContain('/community/care');
    expect(await careCounts([residentId], since)).toMatchObject({ visits: 0 });

    // "Send them first" opens the app, which sends it; then signing out asks nothing and clears the phone.
    await signOutFromMenu(roster);
    await roster.getByTestId('sign-out-send').click();
    await roster.waitForURL('**/community/care/app');
    await roster.getByTestId('care-app-waiting').getByText('已发送 1 条').waitFor({ timeout: 30_000 });
    expect(await readQueue(roster)).toHaveLength(0);
    expect(await careCounts([residentId], since)).toMatchObject({ visits: 1 });
    await signOutFromMenu(roster);
    await roster.waitForURL('**/login?signedOut=1');
    await roster.waitForFunction(async () => !(await indexedDB.databases()).some((d) => d.name === 'shequ-care'), undefined, { timeout: 15_000 });
    expect(await roster.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('shequ-care-')))).toEqual([]);
    await roster.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 0, undefined, { timeout: 15_000 });
    // The app's page is not kept anywhere: offline, it no longer opens from the phone.
    await context.setOffline(true);
    expect(await roster.goto('/community/care/app').then(() => 'opened', () => 'failed')).toBe('failed');
    await context.setOffline(false);
    await context.close();
  }, 180_000);

  it('the monthly visit rates on the community, street and district dashboards are those of the care windows', async () => {
    // The community's own card (the office): each tier's due, on time and rate.
    const office = await newPage(browser);
    await signIn(office.page, '13800000004');
    await office.page.waitForURL('**/community');
    await office.page.goto('/community/dashboard');
    const card = office.page.getByTestId('care-dashboard-rates');
    await card.waitFor();
    const month = /\d{4}-\d{2}/.exec((await office.page.getByText(/月度探访率（按分级） · \d{4}-\d{2}/).textContent()) ?? '')![0];
    const figures = await careRateFigures('jinyuan', month);
    expect(figures.total.due).toBeGreaterThan(0); // the demo history has windows ending this month
    const pct = (f: { due: number; onTime: number }) => (f.due ? `${Math.round((f.onTime / f.due) * 1000) / 10}%` : '—');
    for (const tier of ['high', 'priority', 'regular', 'total'] as const) {
      const cells = await card.getByTestId(`care-dashboard-rate-${tier}`).locator('td').allTextContents();
      expect(cells.slice(1), tier).toEqual([String(figures[tier].due), String(figures[tier].onTime), pct(figures[tier])]);
    }
    await office.context.close();

    // The street's and the district's comparison: 金元社区's row, counts only (no person), the same figures.
    for (const mobile of ['13800000002', '13800000001']) {
      const officer = await newPage(browser);
      await signIn(officer.page, mobile);
      await officer.page.waitForURL('**/org');
      await officer.page.goto('/org/dashboard');
      const row = officer.page.getByTestId('care-comparison-row').filter({ hasText: '金元社区' });
      await row.waitFor();
      await officer.page.getByText(`月度探访率（按分级） · ${month}`).waitFor();
      const cells = row.locator('td');
      expect(await cells.nth(0).textContent()).toBe('金元社区');
      for (const [i, tier] of (['high', 'priority', 'regular'] as const).entries()) {
        expect(await cells.nth(i + 1).textContent(), `${mobile} ${tier}`).toBe(pct(figures[tier]));
        if (figures[tier].due) expect(await cells.nth(i + 1).getAttribute('title')).toBe(`${figures[tier].onTime}/${figures[tier].due}`);
      }
      expect(await cells.nth(4).textContent()).toBe(pct(figures.total));
      expect(await officer.page.getByTestId('care-comparison').textContent()).not.toMatch(/\*\*|关爱对象/);
      // Every community compared has its row, one without a visit due that month with "—" (an outside tester saw
      // only the communities with data): 碧海社区 has no care roster in the demo.
      const names = await officer.page.getByTestId('comparison-row').locator('td:nth-child(2)').allTextContents();
      expect(await officer.page.getByTestId('care-comparison-row').locator('td:first-child').allTextContents(), mobile).toEqual(names);
      const bihai = await careRateFigures('bihai', month);
      const quiet = officer.page.getByTestId('care-comparison-row').filter({ hasText: '碧海社区' }).locator('td');
      expect(await quiet.allTextContents(), mobile).toEqual(['碧海社区', pct(bihai.high), pct(bihai.priority), pct(bihai.regular), pct(bihai.total)]);
      await officer.context.close();
    }
  }, 180_000); // three consoles signed in one after another
});
