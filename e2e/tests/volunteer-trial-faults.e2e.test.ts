import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE_URL, newPage, pageWidth as width, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { caseStatusOf, createClaimedWallWish, createRegisterPerson, createResidentWish, createVolunteerShift, moveShift, removeFixtures, residentSessionCookie } from '../support/fixtures.ts';

// Issue 17, the faults of a second outside trial, at 360 px: the wish wall's hours form keeps its refusal in sight and
// the hours it records wait on the volunteers page for the leader; an activity organised for a wish is ended only once
// held, and ending it resolves the wish; a walk-up whose mobile is already a person's is offered that person and the
// box to say the number is shared; the recognitions page says why an empty nomination is refused and who may decide;
// long unbroken titles never make a page wider than the phone.
const browser = useBrowser(removeFixtures);

const toast = (page: Page, text: string) => page.getByTestId('toast').filter({ hasText: text }).waitFor();
const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('volunteer pages after the second trial (360 px)', () => {
  it('hours recorded on a claimed wish: a refusal stays in sight; the leader approves them from 待审核时长', async () => {
    const fixture = await createVolunteerShift();
    const wish = await createClaimedWallWish(fixture.residentId);
    const office = await newPage(browser, { mobile: true });
    await signIn(office.page, '13800000004');
    await office.page.waitForURL('**/community**');
    await office.page.goto('/community/volunteers/wishes');
    const card = office.page.getByTestId('staff-wish').filter({ hasText: wish });
    const section = card.getByTestId('claim-hours');
    await section.locator('summary').click();
    await section.getByLabel('计入服务队').selectOption({ label: fixture.teamName });
    await section.getByLabel('开始时间').fill(`${chinaDay(1)}T09:00`);
    await section.getByLabel('结束时间').fill(`${chinaDay(1)}T11:00`);
    await section.getByRole('button', { name: '记录时长（待队长审核）' }).click();
    // The refusal is beside its field, in a section that stays open (it collapsed and hid the message).
    const error = card.locator('[id^="hto-"][id$="-error"]');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/^结束时间不能晚于现在（\d{4}-\d\d-\d\d \d\d:\d\d）：只能补录已经完成的服务$/);
    await expect(error.isVisible()).resolves.toBe(true);
    await expect(section.evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(true);
    await section.getByLabel('开始时间').fill(`${chinaDay(-1)}T09:00`);
    await section.getByLabel('结束时间').fill(`${chinaDay(-1)}T11:00`);
    await section.getByRole('button', { name: '记录时长（待队长审核）' }).click();
    await toast(office.page, '服务时长已记录，待队长审核');
    // The office entered them: listed, and told why it is not theirs to approve.
    await office.page.goto('/community/volunteers');
    const mine = office.page.getByTestId('pending-entry').filter({ hasText: wish });
    await expect(mine.getByTestId('pending-why').textContent()).resolves.toBe('由您录入或审核，须由另一人审核');
    await office.context.close();

    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000007');
    await page.waitForURL('**/community**');
    await page.goto('/community/volunteers');
    const entry = page.getByTestId('pending-entry').filter({ hasText: wish });
    await expect(entry.textContent()).resolves.toContain('2.0 小时');
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'volunteer-pending-hours-leader-360');
    await entry.getByRole('button', { name: '审核通过' }).click();
    await toast(page, '已审核这条时长');
    await expect(page.getByTestId('pending-entry').filter({ hasText: wish }).count()).resolves.toBe(0);
    await context.close();
  }, 180_000);

  it('an activity for a wish: not ended before it is held; ended with its report, the wish is resolved and links to it', async () => {
    const fixture = await createVolunteerShift();
    const stamp = Date.now().toString(36).slice(-4);
    const caseId = await createResidentWish(`希望周末给孩子们组织活动${stamp}`);
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community**');
    await page.goto(`/community/cases/${caseId}`);
    await page.getByTestId('organise-activity').click();
    await page.waitForURL('**/community/volunteers/activities/new?wish=**');
    const title = `亲子菜园${stamp}`;
    await page.getByLabel('服务队').selectOption({ label: fixture.teamName });
    await page.getByLabel('活动名称').fill(title);
    await page.getByLabel('地点', { exact: true }).fill('社区菜园');
    const row = page.getByTestId('shift-row').first();
    await row.getByLabel('开始时间').fill(`${chinaDay(2)}T09:00`);
    await row.getByLabel('结束时间').fill(`${chinaDay(2)}T11:00`);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/community\/volunteers\/shifts\/[0-9a-f-]{36}$/);
    const shiftId = page.url().split('/').pop()!;
    // Not held yet: the page says from when it can be ended, and offers no button.
    await expect(page.getByTestId('close-not-yet').textContent()).resolves.toContain(`${chinaDay(2)} 09:00`);
    await expect(page.getByRole('button', { name: '结束活动' }).count()).resolves.toBe(0);
    expect(await width(page)).toBeLessThanOrEqual(360);

    // Held (the fixture moves it into the past): an empty report is said beside the field, then the activity is ended.
    await moveShift(shiftId, 150);
    await page.reload();
    const close = page.getByTestId('close-activity');
    await close.getByRole('button', { name: '结束活动' }).click();
    await expect(page.locator('#activity-report-error').textContent()).resolves.toBe('请填写活动总结（开展情况、服务对象）');
    await close.getByLabel('活动总结').fill('6 个家庭参加，孩子们种下了青菜');
    await close.getByRole('button', { name: '结束活动' }).click();
    await toast(page, '活动已结束，居民的微心愿已办结');
    await expect(caseStatusOf(caseId)).resolves.toEqual({ status: 'resolved', resolution: `${title}：6 个家庭参加，孩子们种下了青菜` });
    await page.goto(`/community/cases/${caseId}`);
    await expect(page.getByTestId('wish-activities').textContent()).resolves.toContain(`${title} · 已结束`);
    expect(await width(page)).toBeLessThanOrEqual(360);
    await context.close();
  }, 180_000);

  it('a walk-up whose mobile is a person’s of the register: that person is offered, or the number recorded as shared', async () => {
    const fixture = await createVolunteerShift();
    await moveShift(fixture.shiftId, 10);
    const known = await createRegisterPerson();
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000007');
    await page.waitForURL('**/community**');
    await page.goto(`/community/volunteers/shifts/${fixture.shiftId}`);
    await page.getByTestId('attendance-windows').waitFor();
    const walkUp = page.getByTestId('walk-up');
    await walkUp.locator('summary').click();
    await walkUp.locator('input[name=name]').fill('现场戊');
    await walkUp.locator('input[name=mobile]').fill(known.mobile);
    await walkUp.locator('input[name=birth]').fill('1985-03');
    await walkUp.getByLabel('本人同意登记为志愿者并记录服务信息').check();
    await walkUp.getByRole('button', { name: '登记并签到' }).click();
    await page.locator('#wu-mobile-error').waitFor();
    await expect(page.locator('#wu-mobile-error').textContent()).resolves.toContain('居民档案中已有使用此手机号的居民');
    // What the message asks for is on the form: the person to choose, and the box for a shared number.
    await expect(walkUp.getByLabel('此手机号与他人共用（如老人使用子女的手机）').count()).resolves.toBe(1);
    const option = walkUp.locator('select[name=residentId] option', { hasText: '档案中的居民' });
    await walkUp.locator('select[name=residentId]').selectOption(await option.getAttribute('value'));
    await walkUp.getByRole('button', { name: '登记并签到' }).click();
    await toast(page, '已现场登记并签到');

    await page.getByTestId('walk-up').locator('summary').click();
    const again = page.getByTestId('walk-up');
    await again.locator('input[name=name]').fill('现场己');
    await again.locator('input[name=mobile]').fill(known.mobile);
    await again.locator('input[name=birth]').fill('1990-07-01');
    await again.getByLabel('此手机号与他人共用（如老人使用子女的手机）').check();
    await again.getByLabel('本人同意登记为志愿者并记录服务信息').check();
    await again.getByRole('button', { name: '登记并签到' }).click();
    await toast(page, '已登记到居民档案并签到');
    await page.locator('li').getByText('现场登记', { exact: true }).nth(1).waitFor();
    expect(await width(page)).toBeLessThanOrEqual(360);
    await context.close();
  }, 180_000);

  it('recognitions: an empty nomination is said field by field; a single admin is told why she cannot decide her own', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community**');
    await page.goto('/community/volunteers/recognitions');
    await expect(page.getByTestId('recognition-deciders').textContent()).resolves.toContain('只有您一位管理员');
    await page.getByRole('button', { name: '提交提名' }).click();
    await page.locator('#rc-person-error').waitFor();
    await expect(page.locator('#rc-person-error').isVisible()).resolves.toBe(true);
    await expect(page.locator('#rc-citation-error').isVisible()).resolves.toBe(true);
    // Each person once, told apart (no two options read the same).
    const labels = await page.locator('select[name=residentId] option').allTextContents();
    expect(new Set(labels).size).toBe(labels.length);
    expect(await width(page)).toBeLessThanOrEqual(360);
    await context.close();
  }, 120_000);

  it('long unbroken titles: the volunteers page, the shift page and 我的 stay within 360 px', async () => {
    const stamp = Date.now().toString(36).slice(-5);
    const fixture = await createVolunteerShift('jinyuan', { title: `Communitygardenvolunteerday${'X'.repeat(28)}${stamp}`.slice(0, 60), teamName: `Longteamname${'Y'.repeat(14)}${stamp}`.slice(0, 30) });
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000007');
    await page.waitForURL('**/community**');
    await page.goto('/community/volunteers');
    await page.getByRole('link', { name: fixture.title }).first().waitFor();
    expect(await width(page)).toBeLessThanOrEqual(360);
    // Each page measured once the long title is on it (a 404 page is narrow too).
    await page.goto(`/community/volunteers/shifts/${fixture.shiftId}`);
    await page.getByText(fixture.title).first().waitFor();
    expect(await width(page)).toBeLessThanOrEqual(360);
    await page.goto(`/community/volunteers/teams/${fixture.teamId}`);
    await page.getByText(fixture.teamName).first().waitFor();
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'volunteer-long-title-team-360');
    await context.close();

    const resident = await newPage(browser, { mobile: true });
    await resident.context.addCookies([await residentSessionCookie('jinyuan', fixture.residentId, BASE_URL)]);
    await resident.page.goto('/c/jinyuan/me');
    await resident.page.getByTestId('me-section-myVolunteering').waitFor();
    expect(await width(resident.page)).toBeLessThanOrEqual(360);
    await resident.page.goto('/c/jinyuan/me/volunteering');
    await resident.page.getByText(fixture.title).first().waitFor();
    expect(await width(resident.page)).toBeLessThanOrEqual(360);
    await screenshot(resident.page, 'volunteer-long-title-me-360');
    await resident.context.close();
  }, 180_000);
});
