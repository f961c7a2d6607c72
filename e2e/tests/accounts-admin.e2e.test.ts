import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { confirmAction, newPage, screenshot, signIn, toastText, useBrowser } from '../support/browser.ts';
import { removeFixtures, removeUserByMobile, waitForSms } from '../support/fixtures.ts';

// Issue 13: officers' accounts are created and managed in the product. A district officer, on a phone (360 px),
// invites a street officer by mobile; the invitee opens the link, sets a password and is in their console, then
// signs in again with that password. Then a staff member who forgot their password resets it by a text-message code.
const browser = useBrowser(() => removeUserByMobile(invitee), removeFixtures);
const invitee = `1372${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;

describe('a district officer manages officers’ accounts', () => {
  it('invites a street officer, who accepts with a new password and signs in (360 px)', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000001');
    await page.waitForURL('**/org');
    // (The menu link is in the phone's drawer; the shell test walks every role's menu.)
    await page.goto('/org/accounts');
    await page.getByLabel('单位').selectOption({ label: '街道 · 金源街道' });
    await page.waitForURL('**/org/accounts?unit=*');
    await page.getByRole('heading', { name: '金源街道的街道干部' }).waitFor();
    await page.getByLabel('姓名').fill('新来的街道干部');
    await page.getByLabel('手机号').fill(invitee);
    await page.getByRole('button', { name: '发送邀请' }).click();
    expect(await toastText(page)).toContain('已生成邀请链接');
    const link = await page.getByTestId('invite-link').inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId('unit-invitations').textContent()).resolves.toContain('待接受');
    // The page never scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'org-accounts-360');
    // A wrong mobile is refused beside the field, in Chinese.
    await page.getByLabel('姓名').fill('某人');
    await page.getByLabel('手机号').fill('12345');
    await page.getByRole('button', { name: '发送邀请' }).click();
    await page.getByText('请输入正确的 11 位手机号').waitFor();
    await context.close();

    // The invitee, on their own phone.
    const guest = await newPage(browser, { mobile: true });
    await guest.page.goto(new URL(link).pathname);
    await guest.page.getByText('邀请您以「街道干部」身份加入「金源街道」').waitFor();
    await guest.page.getByLabel('登录密码').fill('JieDao#2026ok');
    await guest.page.getByLabel('再次输入密码').fill('JieDao#2026ok');
    await guest.page.getByRole('button', { name: '进入工作台' }).click();
    await guest.page.waitForURL('**/org');
    await guest.context.clearCookies();
    await signIn(guest.page, invitee, 'JieDao#2026ok');
    await guest.page.waitForURL('**/org');
    await guest.context.close();

    // The district officer now sees them among the street's officers, and may remove them (asked first).
    const again = await newPage(browser, { mobile: true });
    await signIn(again.page, '13800000001');
    await again.page.waitForURL('**/org');
    await again.page.goto('/org/accounts');
    await again.page.getByLabel('单位').selectOption({ label: '街道 · 金源街道' });
    await again.page.waitForURL('**/org/accounts?unit=*');
    const members = again.page.getByTestId('unit-members');
    await expect(members.textContent()).resolves.toContain('新来的街道干部');
    await members.locator('tr', { hasText: '新来的街道干部' }).getByRole('button', { name: '移除' }).click();
    await confirmAction(again.page);
    expect(await toastText(again.page)).toContain('已移除该身份');
    await again.context.close();
   }, 180_000); // three people sign in (argon2) and four pages load: over a minute at load average 40
});

describe('the account holder resets their own password by a text-message code', () => {
  it('asks for a code on the sign-in page, sets a new password with it and signs in (360 px)', async () => {
    const { createStaffUser } = await import('../support/fixtures.ts');
    const staff = await createStaffUser('忘了密码的社工', 'community_staff', 'jinyuan');
    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto('/login');
    await page.getByRole('link', { name: '忘记密码？' }).click();
    await page.waitForURL('**/forgot-password');
    const since = Date.now() - 1000;
    await page.getByLabel('手机号').fill(staff.mobile);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByTestId('code-sent').waitFor();
    const sms = await waitForSms(staff.mobile, since);
    expect(sms).toMatch(/验证码为 \d{6}/);
    const code = /\d{6}/.exec(sms!)![0];
    // A wrong code first: refused, in Chinese.
    await page.getByLabel('短信验证码').fill(code === '000000' ? '000001' : '000000');
    await page.getByLabel('新密码', { exact: true }).fill('Wangle#2026ok');
    await page.getByLabel('再次输入新密码').fill('Wangle#2026ok');
    await page.getByRole('button', { name: '重置密码' }).click();
    await expect(page.getByTestId('form-error').textContent()).resolves.toContain('验证码不正确');
    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('新密码', { exact: true }).fill('Wangle#2026ok');
    await page.getByLabel('再次输入新密码').fill('Wangle#2026ok');
    await page.getByRole('button', { name: '重置密码' }).click();
    await page.waitForURL('**/login?reset=1');
    await page.getByText('密码已更新，请用新密码登录').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await signIn(page, staff.mobile, 'Wangle#2026ok');
    await page.waitForURL('**/community');
    await context.close();
   }, 120_000); // waits for the worker to relay and deliver the text message

  it('answers a mobile without an account exactly as one with an account', async () => {
    const { page, context } = await newPage(browser, { mobile: true });
    await page.goto('/forgot-password');
    await page.getByLabel('手机号').fill('13999990000');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByTestId('code-sent').waitFor();
    await expect(page.getByTestId('code-sent').textContent()).resolves.toBe('如果该手机号已开通账号，验证码已发送，请查看短信（10 分钟内有效）。');
    expect(await waitForSms('13999990000', Date.now() - 5000, 3000)).toBeNull();
    await context.close();
  });
});
