import { describe, expect, it } from 'vitest';
import { BASE_URL, newPage, signIn, useBrowser } from '../support/browser.ts';
import { removeFixtures } from '../support/fixtures.ts';

// Issue 19, after the last trial's review: forms that refused a field holding several entries without naming the
// wrong ones — a dish's tags, the calendar's dates, the time limits' reminders — now name every wrong entry at once,
// beside the field; the time limits' page does so without JavaScript too (it said the first problem above all rows).
const browser = useBrowser(removeFixtures);

describe('a refusal names the wrong entries of a field', () => {
  it('dish tags: every tag that cannot be one, in quotes, beside 标签', async () => {
    const { page } = await newPage(browser);
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/meals/settings');
    await page.getByLabel('菜名').fill('测试菜');
    await page.getByLabel('标签', { exact: true }).fill('荤 😀 低盐 <b>');
    await page.getByRole('button', { name: '添加菜品' }).click();
    await page.getByText('这些标签写法不对：“😀”、“<b>”').waitFor();
  }, 90_000);

  it('the calendar: the adjusted working days that are no weekend and the day both off and worked, both beside the field', async () => {
    const { page } = await newPage(browser);
    await signIn(page, '13800000000');
    await page.waitForURL('**/operator**');
    await page.goto('/operator/calendar');
    const typed = page.getByTestId('calendar-typed-form');
    await typed.locator('input[name=year]').fill('2027');
    await typed.locator('textarea[name=holidays]').fill('2027-01-01\n2027-13-01');
    await typed.locator('textarea[name=workdays]').fill('2027-01-05\n2027-01-01');
    await typed.getByRole('button', { name: '保存', exact: true }).click();
    await typed.getByText('这些放假日期不对：“2027-13-01”').waitFor();
    const workdays = (await page.locator('#calendar-workdays-error').textContent()) ?? '';
    expect(workdays).toContain('调休上班日应为周六或周日，这些不是：“2027-01-01”、“2027-01-05”');
    expect(workdays).toContain('同一天不能既放假又上班：“2027-01-01”');
  }, 90_000);

  it('the time limits without JavaScript: the wrong reminders named beside the field of the row sent, what was typed kept', async () => {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/sla');
    const row = page.getByTestId('sla-all');
    await row.locator('input[name=reminders]').fill('50, 120, abc');
    await row.locator('input[name=acceptHours]').fill('0');
    const answered = page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/community/sla');
    await row.getByRole('button', { name: /保存/ }).click();
    expect((await answered).status()).toBe(400);
    const again = page.getByTestId('sla-all');
    // Both problems of the row, each beside its field (it said the first, above every row).
    await again.getByText('这些催办点不对：“120”、“abc”').waitFor();
    await again.getByText('受理时限应为 1–200 个工作小时').waitFor();
    expect(await again.locator('input[name=reminders]').inputValue()).toBe('50, 120, abc');
    await context.close();
  }, 90_000);
});
