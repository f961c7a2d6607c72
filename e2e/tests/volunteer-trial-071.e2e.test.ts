import { describe, expect, it } from 'vitest';
import { BASE_URL, newPage, pageWidth as width, screenshot, signIn, toastText, useBrowser } from '../support/browser.ts';
import { createClaimedWallWish, createRegisterPerson, createVolunteerShift, moveShift, removeFixtures, residentSessionCookie } from '../support/fixtures.ts';
import { readShiftQr } from '../support/volunteers.ts';

// Issue 17, the faults of a third outside trial (decision 071), at 360 px: a second scan soon after checking in asks
// before checking out, and a refused scan leaves no button the server would refuse again; a resident who is not a
// volunteer yet signs up from 我的 with consent on the way; the activity form says every problem at once and, without
// JavaScript, comes back filled; staff see a wish's claimant in full (audited) and read that 点亮's photo is optional.
const browser = useBrowser(removeFixtures);

describe('volunteers after the third trial (360 px)', () => {
  it('a second scan right after checking in asks first; a refused scan offers no button', async () => {
    const fixture = await createVolunteerShift();
    const { context, page } = await newPage(browser, { mobile: true });
    await context.addCookies([await residentSessionCookie('jinyuan', fixture.residentId, BASE_URL)]);
    await page.goto('/c/jinyuan/me/volunteering');
    await page.getByTestId('open-shift').filter({ hasText: fixture.title }).getByRole('button', { name: '报名' }).click();
    expect(await toastText(page)).toContain('报名成功');
    await moveShift(fixture.shiftId, 5);
    const leader = await newPage(browser, { mobile: true });
    await signIn(leader.page, '13800000007');
    await leader.page.waitForURL('**/community**');

    const first = await readShiftQr(leader.page, fixture.shiftId);
    await page.goto(first);
    await expect(page.getByTestId('scan-state').textContent()).resolves.toContain('已报名，尚未签到');
    await page.getByTestId('scan-confirm').click();
    await expect(page.getByTestId('scan-done').textContent()).resolves.toContain('签到成功');

    // The code again a moment later: the page says when they checked in and asks before checking out.
    const soon = await readShiftQr(leader.page, fixture.shiftId);
    await page.goto(soon);
    await expect(page.getByTestId('scan-state').textContent()).resolves.toMatch(/已于 \d\d:\d\d 签到，尚未签退/);
    await page.getByText('确实要现在签退吗').waitFor();
    await expect(page.getByTestId('scan-confirm').textContent()).resolves.toBe('确认签退');
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '071-scan-asks-before-check-out-360');
    // A post without the confirmation (a stale page, a double tap) is refused and names the check-in time.
    const form = page.locator('form').filter({ has: page.getByTestId('scan-confirm') });
    const fields = await form.evaluate((f: HTMLFormElement) => Object.fromEntries(new FormData(f) as unknown as Iterable<[string, string]>));
    const { checkOut: _checkOut, ...unconfirmed } = fields;
    const refused = await page.request.post(soon, { form: unconfirmed });
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain('签到后 10 分钟内再次扫码不会签退');

    // A code that is not the shift's: refused, and no button is offered for it again.
    await page.goto(first.replace(/code=[^&]+/, 'code=abcdefgh'));
    await page.getByTestId('scan-confirm').click();
    await expect(page.getByTestId('form-error').textContent()).resolves.toContain('这不是本班次的签到码');
    await expect(page.getByTestId('scan-confirm').count()).resolves.toBe(0);
    await expect(page.getByTestId('scan-state').textContent()).resolves.toMatch(/已于 \d\d:\d\d 签到/);

    // Confirmed, the check-out goes through; then nothing more is offered for the shift.
    const second = await readShiftQr(leader.page, fixture.shiftId);
    await page.goto(second);
    await page.getByTestId('scan-confirm').click();
    await expect(page.getByTestId('scan-done').textContent()).resolves.toContain('签退成功');
    await page.goto(second);
    await expect(page.getByTestId('scan-state').textContent()).resolves.toContain('本班次无需再扫码');
    await expect(page.getByTestId('scan-confirm').count()).resolves.toBe(0);
    await leader.context.close();
    await context.close();
  }, 180_000);

  it('a resident who is not a volunteer signs up from 我的, consenting on the way; a 15-year-old is asked for a guardian', async () => {
    const fixture = await createVolunteerShift();
    const person = await createRegisterPerson();
    const { context, page } = await newPage(browser, { mobile: true });
    await context.addCookies([await residentSessionCookie('jinyuan', person.residentId, BASE_URL)]);
    await page.goto('/c/jinyuan/me/volunteering');
    await page.getByTestId('my-volunteering-join').waitFor();
    const row = page.getByTestId('open-shift').filter({ hasText: fixture.title });
    await row.locator('summary').click();
    // Without the consent ticked: refused, and the step's form is open again beside the message.
    await row.getByTestId('join-submit').click();
    await expect(page.getByTestId('form-error').textContent()).resolves.toContain('请确认本人已同意登记为志愿者');
    const again = page.getByTestId('open-shift').filter({ hasText: fixture.title });
    await expect(again.getByTestId('join-sign-up').evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(true);
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '071-me-join-consent-360');
    await again.getByTestId('join-consent').check();
    await again.getByTestId('join-submit').click();
    expect(await toastText(page)).toContain('报名成功');
    await page.getByTestId('my-shift').filter({ hasText: fixture.title }).waitFor();

    const teen = await createRegisterPerson('jinyuan', { birth: '2011-06-01' });
    const minor = await newPage(browser, { mobile: true });
    await minor.context.addCookies([await residentSessionCookie('jinyuan', teen.residentId, BASE_URL)]);
    await minor.page.goto('/c/jinyuan/me/volunteering');
    const teamRow = minor.page.getByTestId('team').filter({ hasText: fixture.teamName });
    await teamRow.locator('summary').click();
    await teamRow.getByTestId('join-guardian').waitFor();
    await teamRow.getByTestId('join-consent').check();
    await teamRow.getByTestId('join-submit').click();
    await expect(minor.page.getByTestId('form-error').textContent()).resolves.toContain('须经监护人同意');
    const teamAgain = minor.page.getByTestId('team').filter({ hasText: fixture.teamName });
    await teamAgain.getByTestId('join-consent').check();
    await teamAgain.getByLabel('监护人姓名').fill('王芳');
    await teamAgain.getByLabel('监护人已同意我参加志愿服务').check();
    await teamAgain.getByTestId('join-submit').click();
    expect(await toastText(minor.page)).toContain('已提交入队申请');
    await minor.context.close();
    await context.close();
  }, 120_000);

  it('the activity form without JavaScript: every problem at once, each naming its bound, and the form filled again', async () => {
    const fixture = await createVolunteerShift();
    const context = await browser.newContext({ baseURL: BASE_URL, locale: 'zh-CN', viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, '13800000004');
    await page.waitForURL('**/community**');
    await page.goto('/community/volunteers/activities/new');
    await page.getByLabel('服务队').selectOption({ label: fixture.teamName });
    await page.getByLabel('活动名称').fill('登高清洗玻璃');
    await page.getByLabel('地点', { exact: true }).fill('5栋外墙');
    await page.getByLabel('开始时间').fill('2027-01-09T09:00');
    await page.getByLabel('结束时间').fill('2027-01-09T08:00');
    await page.getByLabel('名额', { exact: true }).fill('10');
    await page.getByLabel('预留名额（现场登记）').fill('20');
    await page.getByLabel('最低年龄').fill('200');
    await page.getByLabel('有一定风险（如登高、水边、交通疏导）').check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForLoadState('load');
    await page.getByText('请填写 0 到 120 之间的整数').waitFor();
    await page.getByText('班次的结束时间须晚于开始时间').waitFor();
    await page.getByText('预留名额（20 个）不能多于本班次的总名额（10 个）').waitFor();
    await page.getByText('有风险的活动须先购买意外保险').waitFor();
    await expect(page.getByLabel('活动名称').inputValue()).resolves.toBe('登高清洗玻璃');
    await expect(page.getByLabel('地点', { exact: true }).inputValue()).resolves.toBe('5栋外墙');
    await expect(page.getByLabel('开始时间').inputValue()).resolves.toBe('2027-01-09T09:00');
    await expect(page.getByLabel('预留名额（现场登记）').inputValue()).resolves.toBe('20');
    await expect(page.getByLabel('有一定风险（如登高、水边、交通疏导）').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('服务队').inputValue()).resolves.toBe(fixture.teamId);
    await screenshot(page, '071-activity-form-every-problem-no-js-360');
    await context.close();
  }, 120_000);

  it('staff see a wish’s claimant in full to call them; 点亮 says its photo is optional', async () => {
    const fixture = await createVolunteerShift();
    const wish = await createClaimedWallWish(fixture.residentId);
    const office = await newPage(browser, { mobile: true });
    await signIn(office.page, '13800000004');
    await office.page.waitForURL('**/community**');
    await office.page.goto('/community/volunteers/wishes');
    const card = office.page.getByTestId('staff-wish').filter({ hasText: wish });
    await expect(card.getByTestId('wish-claimant').textContent()).resolves.toContain(`${fixture.mobile.slice(0, 3)}****${fixture.mobile.slice(-4)}`);
    await card.getByTestId('wish-claimant-reveal').click();
    expect(await toastText(office.page)).toContain('已显示认领人的完整联系方式');
    const full = office.page.getByTestId('staff-wish').filter({ hasText: wish }).getByTestId('wish-claimant-full');
    await expect(full.textContent()).resolves.toContain(fixture.mobile);
    await expect(full.locator('a').getAttribute('href')).resolves.toBe(`tel:${fixture.mobile}`);
    await office.page.getByTestId('staff-wish').filter({ hasText: wish }).getByText('选填：没有照片也可以确认点亮').waitFor();
    expect(await width(office.page)).toBeLessThanOrEqual(360);
    await screenshot(office.page, '071-wish-claimant-revealed-360');
    // A team leader (no reveal of personal data) is offered no such button.
    const leader = await newPage(browser, { mobile: true });
    await signIn(leader.page, '13800000007');
    await leader.page.waitForURL('**/community**');
    await leader.page.goto('/community/volunteers/wishes');
    await leader.page.getByTestId('staff-wish').filter({ hasText: wish }).waitFor();
    await expect(leader.page.getByTestId('wish-claimant-reveal').count()).resolves.toBe(0);
    await leader.context.close();
    await office.context.close();
  }, 120_000);
});
