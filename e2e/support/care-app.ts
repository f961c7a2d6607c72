import type { BrowserContext, Page } from 'playwright-core';
import { signIn } from './browser.ts';

// The grid worker's phone app (issue 20) as the care e2e tests drive it: open it online until the service worker
// keeps it, go offline, record a visit, and read what the app keeps in IndexedDB. Shared by care.e2e and
// care-phone.e2e (they repeated these set-ups: D1 of stop 26's duplicate report).

/** A record of the app's queue as IndexedDB keeps it (the fields the tests read). */
export type QueuedRecord = { id: string; residentId: string; owner?: string; ownerLabel?: string; state: string; fields: Record<string, unknown>; photo?: unknown; message?: string };

/** The records the app keeps in IndexedDB's queue, of every account (read in the page). */
export const readQueue = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<QueuedRecord[]>((resolve, reject) => {
        const req = indexedDB.open('shequ-care');
        req.onsuccess = () => {
          const all = req.result.transaction('queue').objectStore('queue').getAll();
          all.onsuccess = () => {
            resolve(all.result as never);
            req.result.close();
          };
          all.onerror = () => reject(all.error);
        };
        req.onerror = () => reject(req.error);
      }),
  );

/** Puts records into the app's queue as an older app (or another account) would have left them. */
export const putQueue = (page: Page, rows: unknown[]) =>
  page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('shequ-care');
        req.onsuccess = () => {
          const tx = req.result.transaction('queue', 'readwrite');
          for (const r of records) tx.objectStore('queue').put(r);
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        req.onerror = () => reject(req.error);
      }),
    rows,
  );

/** Waits until the element `testId` says `data-count` = n (the app's waiting and other-accounts counts). */
export const waitCount = (page: Page, testId: string, n: number) =>
  page.waitForFunction(([id, want]) => document.querySelector(`[data-testid=${id}]`)?.getAttribute('data-count') === String(want), [testId, n] as const, { timeout: 30_000 });

/**
 * Signs in (the grid worker 刘伟 unless `mobile` says otherwise), opens the app and waits until the service worker
 * controls it and keeps its page for offline use (loaded again once it controls the page).
 */
export async function openCareApp(page: Page, mobile = '13800000006') {
  await signIn(page, mobile);
  await page.waitForURL('**/community');
  await page.goto('/community/care/app');
  await page.getByTestId('care-app-person').first().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 15_000 });
  await page.reload();
  await page.getByTestId('care-app-person').first().waitFor();
  await page.waitForFunction(async () => Boolean(await caches.match('/community/care/app')), undefined, { timeout: 15_000 });
  return page;
}

/** Takes the phone off the network and waits until the app says so. */
export async function goOffline(context: BrowserContext, page: Page) {
  await context.setOffline(true);
  await page.getByTestId('care-app-network').filter({ hasText: '离线' }).waitFor();
}

/** The id of the app's `n`-th person card (0 = first). */
export const personAt = async (page: Page, n: number) => (await page.getByTestId('care-app-person').nth(n).getAttribute('data-resident-id'))!;

/**
 * Records a visit in the app (offline or not) to `residentId`: seen in person, with a note, optionally a photo
 * (`{ name, mimeType, buffer }`; the form then waits until it says the file is chosen under `chosenAs`, by default the
 * photo's name: one the app had to make fit is named .jpg once it fits) and the location; waits until it is kept
 * (or sent, online).
 */
export async function queueVisit(page: Page, residentId: string, note: string, options: { photo?: { name: string; mimeType: string; buffer: Buffer }; chosenAs?: string; withLocation?: boolean } = {}) {
  await page.locator(`[data-testid=care-app-person][data-resident-id="${residentId}"]`).getByTestId('care-app-visit').click();
  const form = page.getByTestId('care-app-visit-form');
  await form.getByLabel('本人', { exact: true }).check();
  await form.getByLabel('补充说明（选填）').fill(note);
  if (options.photo) {
    await form.getByLabel('照片（选填）').setInputFiles(options.photo);
    await form.getByTestId('file-input-status').filter({ hasText: `已选择：${options.chosenAs ?? options.photo.name}` }).waitFor({ timeout: 30_000 });
  }
  if (options.withLocation) {
    await form.getByLabel('附上当前位置（选填）').check();
    await form.getByText('已取得位置').waitFor();
  }
  await page.getByTestId('care-app-save-visit').click();
  // Offline it waits; online it may already be sent (the note then says so).
  await page.getByTestId('care-app-notice').filter({ hasText: /已保存在手机上，等待发送|已保存，并已发送/ }).waitFor();
}

/** Posts one record to the sync endpoint from the page (its session), answering the status, the content type and the body. */
export const postSync = (page: Page, fields: Record<string, string>, bigBytes = 0) =>
  page.evaluate(
    async ({ fields, bigBytes }) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      if (bigBytes) body.set('photo', new Blob([new Uint8Array(bigBytes)], { type: 'image/jpeg' }), 'big.jpg');
      const res = await fetch('/community/care/sync', { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json().catch(() => null)) as { ok: boolean; key?: string; message?: string; repeated?: boolean; caseId?: string; code?: string } | null };
    },
    { fields, bigBytes },
  );
