import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE_URL, newPage, screenshot, signIn, useBrowser } from '../support/browser.ts';

// Decision 060: a route that takes files declares the body it takes; the web server reads that declaration from the
// build instead of a hand-kept list. Two upload routes missing from the old list (the committee's partner import, the
// operator's calendar) answered a file over 1 MB with the server's plain-text 413 — a page the console cannot show.
// Now each says it beside its file field, in Chinese, on its own page; a route that takes no files still gets the
// server's bound.


const browser = useBrowser();

/** A file of `bytes` bytes (its content does not matter: it is refused for its size before anything reads it). */
const fileOf = (name: string, mimeType: string, bytes: number) => ({ name, mimeType, buffer: Buffer.alloc(bytes, 0x41) });

/** Waits for the answer to the page's next POST to `path` (the form's own, or its single-fetch .data). */
const nextPost = (page: Page, path: string) => page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname.replace(/\.data$/, '') === path);

describe('a file too large for its route: the page’s own message beside the file field', () => {
  it('the committee’s partner import with a 2 MB file (over its 2 MB bound with the form)', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/committee/partners');
    const form = page.getByTestId('import-form');
    await form.getByTestId('import-file').setInputFiles(fileOf('共建单位.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 2 * 1024 * 1024 + 100 * 1024));
    const answered = nextPost(page, '/community/committee/partners');
    await form.getByTestId('import-check').click();
    const answer = await answered;
    expect(answer.status()).toBe(413);
    expect(answer.headers()['content-type'] ?? '').not.toContain('text/plain');
    await page.locator('#u-file-error').filter({ hasText: '文件不能超过 2MB，请拆分后分批导入' }).waitFor();
    expect(await page.getByTestId('error-page').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, '99-partner-import-too-large-360');
    await context.close();
  }, 90_000);

  it('the operator’s calendar import with a 2 MB file (its bound is 64 KB): the file has its own form, the typed lists stay', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, '13800000000');
    await page.waitForURL('**/operator**');
    await page.goto('/operator/calendar');
    // Lists typed but not saved, then a file chosen in the form beside them (decision 060's addendum).
    const typed = page.getByTestId('calendar-typed-form');
    const lists = { holidays: '2027-01-01\n2027-02-06', workdays: '2027-02-14' };
    await typed.locator('textarea[name=holidays]').fill(lists.holidays);
    await typed.locator('textarea[name=workdays]').fill(lists.workdays);
    const fileForm = page.getByTestId('calendar-file-form');
    await fileForm.locator('input[name=file]').setInputFiles(fileOf('2027.json', 'application/json', 2 * 1024 * 1024));
    const answered = nextPost(page, '/operator/calendar');
    await fileForm.getByRole('button', { name: '上传并保存' }).click();
    const answer = await answered;
    expect(answer.status()).toBe(413);
    await page.getByTestId('calendar-file-error').filter({ hasText: '文件不能超过 64KB' }).waitFor();
    expect(await page.locator('input[name=file]').getAttribute('aria-describedby')).toContain('calendar-file-error');
    expect(await page.getByTestId('error-page').count()).toBe(0);
    const keptLists = async () => ({ holidays: await typed.locator('textarea[name=holidays]').inputValue(), workdays: await typed.locator('textarea[name=workdays]').inputValue() });
    expect(await keptLists()).toEqual(lists);
    // A small file the page cannot read: its message is beside the field too (it used to be above the page).
    await fileForm.locator('input[name=file]').setInputFiles(fileOf('2027.json', 'application/json', 200));
    await fileForm.getByRole('button', { name: '上传并保存' }).click();
    await page.getByTestId('calendar-file-error').filter({ hasText: '无法读取该文件' }).waitFor();
    expect(await keptLists()).toEqual(lists);
    // No file chosen: said beside the field; nothing typed is lost.
    await fileForm.locator('input[name=file]').setInputFiles([]);
    await fileForm.getByRole('button', { name: '上传并保存' }).click();
    await page.getByTestId('calendar-file-error').filter({ hasText: '请先选择要上传的 JSON 文件' }).waitFor();
    expect(await keptLists()).toEqual(lists);
    await context.close();
  }, 90_000);

  it('the calendar without JavaScript: a refused year comes back with what was typed in its lists', async () => {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, '13800000000');
    await page.waitForURL('**/operator**');
    await page.goto('/operator/calendar');
    const typed = page.getByTestId('calendar-typed-form');
    // A day off outside the year typed: refused (nothing saved), the page rendered anew by the server.
    const lists = { holidays: '2027-01-01\n2030-05-01', workdays: '2027-02-14' };
    await typed.locator('input[name=year]').fill('2027');
    await typed.locator('textarea[name=holidays]').fill(lists.holidays);
    await typed.locator('textarea[name=workdays]').fill(lists.workdays);
    const answered = page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/operator/calendar');
    await typed.getByRole('button', { name: '保存', exact: true }).click();
    const status = (await answered).status();
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    await page.getByTestId('calendar-typed-form').waitFor();
    // The refusal is the holidays' own, naming the wrong date (2030-05-01 is not a day of 2027), beside its field.
    await page.getByText('这些放假日期不对：“2030-05-01”（应为 2027 年的日期').first().waitFor();
    expect(await typed.locator('textarea[name=holidays]').inputValue()).toBe(lists.holidays);
    expect(await typed.locator('textarea[name=workdays]').inputValue()).toBe(lists.workdays);
    expect(await typed.locator('input[name=year]').inputValue()).toBe('2027');
    await context.close();
  }, 90_000);

  it('a route that takes no file still refuses a body over 1 MB before reading it, and a declared route’s bound holds without a session', async () => {
    const big = 2 * 1024 * 1024;
    const plain = await fetch(`${BASE_URL}/community/grids`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `name=${'a'.repeat(big)}`, redirect: 'manual' });
    expect(plain.status).toBe(413);
    expect(await plain.text()).toContain('提交的内容太大');
    // Over the sync's 6 MB: its JSON in words, not the server's text, even before the session is looked at.
    const body = new FormData();
    body.set('photo', new Blob([new Uint8Array(7 * 1024 * 1024)], { type: 'image/jpeg' }), 'big.jpg');
    const sync = await fetch(`${BASE_URL}/community/care/sync`, { method: 'POST', body, headers: { Accept: 'application/json' }, redirect: 'manual' });
    expect(sync.status).toBe(413);
    expect(sync.headers.get('content-type') ?? '').toContain('json');
    expect(((await sync.json()) as { code?: string }).code).toBe('tooLarge');
  }, 60_000);
});
