import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, pageWidth as width, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { backdateCheckIns, createVolunteerShift, moveShift, removeFixtures } from '../support/fixtures.ts';

// Issue 17, the pages an outside trial found missing (stop 27), at 360 px: on the shift page the leader (周敏,
// 13800000007) records walk-ups in the register, approves the hours she ticks and corrects an entry by a reversal with
// its reason; she switches her team's recruiting on its page; the office records a training with its expiry on a
// volunteer's page (expired ones marked), publishes an activity with two shifts and the skills it needs, and reads a
// month's figures.
const browser = useBrowser(removeFixtures);

const toast = (page: Page, text: string) => page.getByTestId('toast').filter({ hasText: text }).waitFor();

describe('the volunteer pages found missing (360 px)', () => {
  it('the leader records two walk-ups, approves the one she ticks, and corrects an approved entry by a reversal with its reason', async () => {
    const fixture = await createVolunteerShift();
    await moveShift(fixture.shiftId, 120);
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000007');
    await page.waitForURL('**/community**');
    await page.goto(`/community/volunteers/shifts/${fixture.shiftId}`);

    // Walk-ups: registered in the register as they are, and checked in.
    const walkUp = page.getByTestId('walk-up');
    await walkUp.locator('summary').click();
    // Without consent: said beside the box, what was typed stays.
    await walkUp.locator('input[name=name]').fill('现场甲');
    await walkUp.locator('input[name=mobile]').fill(`1376${String(Date.now()).slice(-7)}`);
    await walkUp.locator('input[name=birth]').fill('1985-04-01');
    await walkUp.getByRole('button', { name: '登记并签到' }).click();
    await page.locator('#wu-consent-error').waitFor();
    await expect(page.locator('#wu-consent-error').textContent()).resolves.toBe('请确认本人已同意登记为志愿者并记录服务信息');
    await expect(walkUp.locator('input[name=name]').inputValue()).resolves.toBe('现场甲');
    await walkUp.getByLabel('本人同意登记为志愿者并记录服务信息').check();
    await walkUp.getByRole('button', { name: '登记并签到' }).click();
    await toast(page, '已登记到居民档案并签到');
    await page.getByTestId('walk-up').locator('summary').click();
    await page.getByTestId('walk-up').locator('input[name=name]').fill('现场乙');
    await page.getByTestId('walk-up').locator('input[name=mobile]').fill(`1375${String(Date.now()).slice(-7)}`);
    await page.getByTestId('walk-up').locator('input[name=birth]').fill('1990-06-01');
    await page.getByTestId('walk-up').getByLabel('本人同意登记为志愿者并记录服务信息').check();
    await page.getByTestId('walk-up').getByRole('button', { name: '登记并签到' }).click();
    // The second one's badge (the first one's toast may still show).
    await page.locator('li').getByText('现场登记', { exact: true }).nth(1).waitFor();
    await expect(page.locator('li').getByText('现场登记', { exact: true }).count()).resolves.toBe(2);

    // They served an hour: checked out from the list; two entries await approval.
    await backdateCheckIns(fixture.shiftId, 60);
    for (const left of [1, 0]) {
      await page.getByRole('button', { name: '代签退' }).first().click();
      await page.waitForFunction((n) => Array.from(document.querySelectorAll('button')).filter((b) => b.textContent === '代签退').length === n, left);
    }
    const ledger = page.getByTestId('hours-ledger');
    await expect(ledger.locator('[data-testid=hour-entry][data-status=pending]').count()).resolves.toBe(2);

    // Nothing ticked: asked to tick; then one ticked and approved, the other left pending.
    await ledger.getByRole('button', { name: '审核通过所选时长' }).click();
    await expect(page.getByTestId('approve-some-error').textContent()).resolves.toBe('请勾选要审核的时长');
    await ledger.locator('[data-testid=hour-entry][data-status=pending] input[type=checkbox]').first().check();
    await ledger.getByRole('button', { name: '审核通过所选时长' }).click();
    await toast(page, '已审核所选的 1 条时长');
    await expect(ledger.locator('[data-testid=hour-entry][data-status=approved]').count()).resolves.toBe(1);
    await expect(ledger.locator('[data-testid=hour-entry][data-status=pending]').count()).resolves.toBe(1);

    // A correction of the approved entry: a reason is asked for; then a reversal entry with it, and the corrected hours pending.
    const approved = ledger.locator('[data-testid=hour-entry][data-status=approved]');
    await approved.locator('summary').click();
    await approved.getByRole('button', { name: '冲正这条记录' }).click();
    await expect(page.locator('[id^=rv-reason-][id$=-error]').textContent()).resolves.toBe('请填写更正原因');
    const again = ledger.locator('[data-testid=hour-entry][data-status=approved]');
    await again.getByLabel('更正原因').fill('签退时间记错');
    await again.getByLabel('更正后的时长（分钟）').fill('30');
    await again.getByRole('button', { name: '冲正这条记录' }).click();
    await toast(page, '已冲正，更正后的时长待审核');
    await ledger.locator('[data-testid=hour-entry][data-status=reversal]').waitFor();
    await expect(ledger.locator('[data-testid=hour-entry][data-status=reversal]').textContent()).resolves.toContain('原因：签退时间记错');
    await expect(ledger.locator('[data-testid=hour-entry][data-status=reversed]').count()).resolves.toBe(1);
    await expect(ledger.locator('[data-testid=hour-entry][data-status=pending]').count()).resolves.toBe(2);
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'volunteer-shift-ledger-leader-360');
    await context.close();
  }, 240_000);

  it('the leader stops her team recruiting on its page (and starts it again)', async () => {
    const fixture = await createVolunteerShift();
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000007');
    await page.waitForURL('**/community**');
    await page.goto('/community/volunteers');
    await page.getByTestId('teams').getByRole('link', { name: new RegExp(fixture.teamName) }).click();
    await page.waitForURL('**/community/volunteers/teams/**');
    await expect(page.getByTestId('team-recruiting').textContent()).resolves.toBe('招募中');
    await page.getByLabel('招募队员（居民可在“我的”申请入队）').uncheck();
    await page.getByLabel('服务方向').fill('楼道清洁');
    await page.getByRole('button', { name: '保存' }).click();
    await toast(page, '服务队已保存');
    await expect(page.getByTestId('team-recruiting').textContent()).resolves.toBe('暂停招募');
    await expect(page.getByLabel('服务方向').inputValue()).resolves.toBe('楼道清洁');
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'volunteer-team-page-leader-360');
    await page.getByLabel('招募队员（居民可在“我的”申请入队）').check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('team-recruiting').filter({ hasText: '招募中' }).waitFor();
    await context.close();
  }, 120_000);

  it('the office records a training with its expiry on the volunteer’s page: an expired one is marked', async () => {
    const fixture = await createVolunteerShift();
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community**');
    await page.goto(`/community/volunteers/person/${fixture.residentId}`);
    const form = page.getByTestId('training-form');
    await form.getByRole('button', { name: '记录培训' }).click();
    await expect(page.locator('#tr-name-error').textContent()).resolves.toBe('请填写此项');
    await form.getByLabel('培训名称').fill('急救培训');
    await form.getByLabel('完成日期').fill('2024-03-01');
    await form.getByLabel('有效期至').fill('2025-03-01');
    await form.getByRole('button', { name: '记录培训' }).click();
    await toast(page, '培训记录已保存');
    const training = page.getByTestId('training').filter({ hasText: '急救培训' });
    await expect(training.getAttribute('data-expired')).resolves.toBe('true');
    await expect(training.textContent()).resolves.toContain('已过期');
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'volunteer-person-trainings-360');
    await context.close();
  }, 120_000);

  it('an activity with two shifts and the skills it needs: a row added, one removed, both shifts published', async () => {
    const fixture = await createVolunteerShift();
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000007');
    await page.waitForURL('**/community**');
    await page.goto('/community/volunteers/activities/new');
    const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const title = `两班次活动${Date.now().toString(36).slice(-4)}`;
    await page.getByLabel('服务队').selectOption({ label: fixture.teamName });
    await page.getByLabel('活动名称').fill(title);
    await page.getByLabel('地点', { exact: true }).fill('社区菜园');
    await page.getByLabel('所需技能').fill('陪伴');
    const rows = page.getByTestId('shift-row');
    await rows.nth(0).getByLabel('开始时间').fill(`${day(20)}T09:00`);
    await rows.nth(0).getByLabel('结束时间').fill(`${day(20)}T11:00`);
    // Three rows, the middle one removed: what was typed stays with its row.
    await page.getByTestId('add-shift').click();
    await page.getByTestId('add-shift').click();
    await expect(rows.count()).resolves.toBe(3);
    await rows.nth(1).getByLabel('开始时间').fill(`${day(21)}T08:00`);
    await rows.nth(2).getByLabel('开始时间').fill(`${day(21)}T14:00`);
    await rows.nth(2).getByLabel('结束时间').fill(`${day(21)}T16:00`);
    await rows.nth(2).getByLabel('名额', { exact: true }).fill('6');
    await rows.nth(2).getByLabel('预留名额（现场登记）').fill('2');
    await rows.nth(1).getByRole('button', { name: '删除班次 2' }).click();
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(1).getByLabel('开始时间').inputValue()).resolves.toBe(`${day(21)}T14:00`);
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'volunteer-activity-two-shifts-360');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/community\/volunteers\/shifts\/[0-9a-f-]{36}$/);
    await toast(page, '活动已发布');
    // Both shifts are listed on the volunteers page.
    await page.goto('/community/volunteers');
    await expect(page.getByRole('link', { name: title }).count()).resolves.toBe(2);
    await context.close();
  }, 120_000);

  it('the office reads a month’s figures (an impossible month is refused, not replaced)', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community**');
    await page.goto('/community/volunteers/figures?month=2026-11');
    await expect(page.getByTestId('figures-period').textContent()).resolves.toBe('2026 年 11 月');
    expect(await width(page)).toBeLessThanOrEqual(360);
    const bad = await page.goto('/community/volunteers/figures?month=2026-13');
    expect(bad?.status()).toBe(400);
    await context.close();
  }, 60_000);
});
