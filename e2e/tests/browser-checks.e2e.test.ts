import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { newestCase, removeFixtures } from '../support/fixtures.ts';

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
    // Field's message id is `<field id>-error`, the one the mobile's input names in aria-describedby.
    const mobileMessage = form.locator('#u-mobile-error');
    await expect(mobileMessage.textContent(), 'the mobile number has its message beside it').resolves.toBe('手机号格式不正确（11 位大陆手机号）');
    await expect(form.getByLabel('联系人手机').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.waitForTimeout(300);
    expect(posts(), 'nothing was sent').toBe(0);
    await screenshot(page, 'browser-check-partner-unit-360');

    // The name's message goes as the name is typed; the mobile's stays until it is a mobile number.
    const name = `浏览器校验测试单位 ${stamp}`;
    await form.getByLabel('单位名称').fill(name);
    await form.getByText('请填写单位名称').waitFor({ state: 'detached' });
    await expect(mobileMessage.textContent()).resolves.toBe('手机号格式不正确（11 位大陆手机号）');
    await form.getByLabel('联系人手机').fill('13912345678');
    await form.locator('select[name="kind"]').selectOption({ index: 1 });
    await form.getByRole('button', { name: '登记共建单位' }).click();
    await page.getByTestId('toast').filter({ hasText: '共建单位已登记' }).first().waitFor();
    expect(posts(), 'sent once it passed').toBe(1);
    // The saved form starts empty for the next unit.
    await expect(form.getByLabel('单位名称').inputValue()).resolves.toBe('');
  }, 90_000);

  it('a case action with nothing typed is not sent; the use case’s words stand beside its field; then it is saved', async () => {
    // The case page's forms were the last not checked in the browser (caseActionSchema only routed the intent).
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/cases');
    await page.goto((await page.locator('[data-testid=inbox] a').first().getAttribute('href'))!);
    await page.waitForLoadState('networkidle');
    const posts = countPosts(page);
    const panel = page.locator('[data-action-panel]').filter({ has: page.getByRole('heading', { name: '内部备注', exact: true }) });
    await panel.getByRole('button', { name: '内部备注' }).click();
    await panel.getByText('请填写内容', { exact: true }).waitFor();
    await expect(panel.getByLabel('备注内容').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.waitForTimeout(300);
    expect(posts(), 'nothing was sent').toBe(0);
    await screenshot(page, 'browser-check-case-note-360');
    await panel.getByLabel('备注内容').fill(`浏览器校验备注 ${stamp}`);
    await panel.getByText('请填写内容', { exact: true }).waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: '内部备注' }).click();
    await page.getByTestId('toast').filter({ hasText: '内部备注已添加' }).first().waitFor();
    expect(posts(), 'sent once it passed').toBe(1);
  }, 90_000);

  it('a meeting with no topic, time, place or agenda is not sent, and says each at once', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/committee');
    const posts = countPosts(page);
    const form = page.getByTestId('meeting-form');
    await form.getByRole('button', { name: '创建会议' }).click();
    await form.getByText('请填写会议主题').waitFor();
    // Every problem of the form in one pass (t34 saw them one round at a time): topic, start, place, agenda.
    for (const message of ['请填写会议地点或线上会议链接', '议程至少需要一个议题']) await expect(form.getByText(message).count(), message).resolves.toBeGreaterThan(0);
    await expect(form.locator('[name="startsAt"][aria-invalid="true"]').count(), 'the start is marked').resolves.toBe(1);
    await page.waitForTimeout(300);
    expect(posts()).toBe(0);
  }, 60_000);
});

describe('a Conform page, a resident page and an operator page checked in the browser with the action’s schema (issue 12)', () => {
  it('staff (Conform): days out of bounds on the settings page are not sent, said beside the field in Chinese, then saved', async () => {
    const { page } = await newPage(browser);
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/settings');
    const days = page.getByLabel('办结后未评价自动完成的天数');
    const saved = await days.inputValue();
    const posts = countPosts(page);
    await days.fill('0');
    await page.getByRole('button', { name: '保存设置' }).click();
    const message = page.locator(`#${await days.getAttribute('id')}-error`);
    await expect(message.textContent()).resolves.toBe('请填写 1 到 60 之间的天数');
    await expect(days.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.waitForTimeout(300);
    expect(posts(), 'nothing was sent').toBe(0);
    // Corrected, the message goes as it is typed, and the form is sent once.
    await days.fill(saved);
    await message.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByTestId('toast').filter({ hasText: '已保存' }).first().waitFor();
    expect(posts(), 'sent once it passed').toBe(1);
  }, 60_000);

  it('resident on a phone: a query code that is none is not sent, said beside the field in Chinese; a real one opens the case', async () => {
    const { code } = await newestCase('jinyuan').then((c) => ({ code: c.trackingCode }));
    const { page } = await newPage(browser, { mobile: true });
    await page.goto('/c/jinyuan/track');
    const posts = countPosts(page);
    const field = page.getByLabel('查询码');
    await field.fill('ABC');
    await page.getByRole('button', { name: '查询' }).click();
    const message = page.locator('#code-error');
    await expect(message.textContent()).resolves.toBe('没有找到对应的诉求，请核对查询码');
    await page.waitForTimeout(300);
    expect(posts(), 'nothing was sent').toBe(0);
    await screenshot(page, 'browser-check-track-360');
    await field.fill(code);
    await message.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('case-status').waitFor();
    expect(posts(), 'sent once it passed').toBe(1);
  }, 60_000);

  it('operator: the onboarding wizard with a malformed short name and mobile is not sent, says both beside their fields, then opens the community', async () => {
    const { page } = await newPage(browser);
    await signIn(page, '13800000000');
    await page.waitForURL('**/operator');
    await page.goto('/operator/communities/new');
    const posts = countPosts(page);
    await page.getByLabel('所属街道').selectOption({ label: '观山湖区 · 世纪城街道' });
    await page.getByLabel('社区名称').fill(`浏览器校验社区${stamp}`);
    await page.getByLabel('短网址名称').fill('Bad Slug!');
    await page.getByLabel('管理员姓名').fill('钱主任');
    await page.getByLabel('管理员手机号').fill('12345');
    await page.getByRole('button', { name: '开通社区' }).click();
    await expect(page.locator('#slug-error').textContent()).resolves.toBe('短网址名称格式不正确（小写字母、数字、连字符，3–40 位）');
    await expect(page.locator('#adminMobile-error').textContent()).resolves.toBe('请填写正确的 11 位手机号');
    await page.waitForTimeout(300);
    expect(posts(), 'nothing was sent').toBe(0);
    await screenshot(page, 'browser-check-onboarding');
    await page.getByLabel('短网址名称').fill(`chk-${stamp}`);
    await page.locator('#slug-error').waitFor({ state: 'detached' });
    expect(await page.locator('#adminMobile-error').count(), 'the mobile’s message stays until it is one').toBe(1);
    await page.getByLabel('管理员手机号').fill(`1350${String(Date.now()).slice(-7)}`);
    await page.getByRole('button', { name: '开通社区' }).click();
    await expect(page.getByTestId('invitation-link').inputValue()).resolves.toMatch(/\/invite\//);
    expect(posts(), 'sent once it passed').toBe(1);
  }, 90_000);
});
