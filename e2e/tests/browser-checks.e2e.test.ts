import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { removeFixtures } from '../support/fixtures.ts';

// Issue 12: one schema per input, used in the browser and by the use case on the server. A staff form the page's
// schema refuses is not sent: its messages (the server's own words, Chinese first) appear beside its fields at once,
// follow what is typed, and the form is sent once it passes.
const browser = useBrowser(removeFixtures);
const stamp = Date.now().toString(36).slice(-5);

/** Counts the form posts the page sends (document or fetch) from now on. */
function countPosts(page: Page): () => number {
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST') posts += 1;
  });
  return () => posts;
}

describe('staff forms checked in the browser with the server’s schema (issue 12)', () => {
  it('a partner unit with no name and a short mobile is not sent; the messages follow the typing; then it is saved', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/committee/partners');
    const posts = countPosts(page);
    const form = page.getByTestId('unit-form');
    await form.getByLabel('联系人手机').fill('1380');
    await form.getByRole('button', { name: '登记共建单位' }).click();
    await form.getByText('请填写单位名称').waitFor();
    const mobileMessage = form.locator('#u-mobile-error, [id^="u-mobile"][id$="error"]');
    expect(await mobileMessage.count(), 'the mobile number has its message beside it').toBeGreaterThan(0);
    await page.waitForTimeout(300);
    expect(posts(), 'nothing was sent').toBe(0);
    await screenshot(page, 'browser-check-partner-unit-360');

    // The name's message goes as the name is typed; the mobile's stays until it is a mobile number.
    const name = `浏览器校验测试单位 ${stamp}`;
    await form.getByLabel('单位名称').fill(name);
    await form.getByText('请填写单位名称').waitFor({ state: 'detached' });
    expect(await mobileMessage.count()).toBeGreaterThan(0);
    await form.getByLabel('联系人手机').fill('13912345678');
    await form.locator('select[name="kind"]').selectOption({ index: 1 });
    await form.getByRole('button', { name: '登记共建单位' }).click();
    await page.getByTestId('toast').filter({ hasText: '共建单位已登记' }).first().waitFor();
    expect(posts(), 'sent once it passed').toBe(1);
    // The saved form starts empty for the next unit.
    await expect(form.getByLabel('单位名称').inputValue()).resolves.toBe('');
  }, 90_000);

  it('a meeting with no topic and no time is not sent, and says both at once', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/committee');
    const posts = countPosts(page);
    const form = page.getByTestId('meeting-form');
    await form.getByRole('button', { name: '创建会议' }).click();
    await form.getByText('请填写会议主题').waitFor();
    expect(await form.locator('[id$="-error"]').count(), 'every refused field at once').toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(300);
    expect(posts()).toBe(0);
  }, 60_000);
});
