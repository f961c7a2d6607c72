import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { confirmAction, newPage, screenshot, signIn, submitWish, toastText, useBrowser } from '../support/browser.ts';
import { communityQrPath } from '../support/fixtures.ts';

const browser = useBrowser();

const statusIs = (page: Page, text: string) =>
  page.waitForFunction((t) => document.querySelector('[data-testid="case-status"]')?.textContent === t, text);

describe('escalation', () => {
  it('the community escalates, the street forwards, the department replies and resolves, the street approves; the resident sees each step', async () => {
    // A resident's wish.
    const resident = await newPage(browser, { mobile: true });
    const unique = `小区东侧市政雨水管堵塞，积水严重 ${Date.now()}`;
    const code = await submitWish(resident.page, await communityQrPath('jinyuan'), unique);
    const trackUrl = resident.page.url().split('?')[0]!;

    // The community accepts it, then escalates it to 金源街道 with a reason.
    const admin = await newPage(browser);
    await signIn(admin.page, '13800000004');
    await admin.page.waitForURL('**/community');
    await admin.page.getByRole('link', { name: '微心愿' }).click();
    await admin.page.getByLabel('搜索内容').fill(unique.slice(-13));
    await admin.page.getByRole('button', { name: '筛选' }).click();
    await admin.page.getByRole('link', { name: code }).click();
    await admin.page.getByRole('button', { name: '受理', exact: true }).click();
    await statusIs(admin.page, '办理中');
    await admin.page.getByRole('button', { name: '上报街道' }).click(); // empty reason: the browser asks for it
    await expect(admin.page.getByRole('alertdialog').count()).resolves.toBe(0); // nothing to confirm before the reason is there
    await admin.page.getByLabel('上报原因（街道可见）').fill('涉及市政管网，社区无法处理');
    await admin.page.getByRole('button', { name: '上报街道' }).click();
    await confirmAction(admin.page);
    await statusIs(admin.page, '街道办理中');
    await expect(toastText(admin.page)).resolves.toContain('已上报街道');
    await expect(admin.page.getByTestId('case-holder').textContent()).resolves.toContain('金源街道');
    await admin.context.close();

    await resident.page.goto(trackUrl);
    await expect(resident.page.getByTestId('case-status').textContent()).resolves.toBe('已上报金源街道，正在办理');

    // The street officer finds it in the street's inbox (and the bell rang) and forwards it.
    const street = await newPage(browser);
    await signIn(street.page, '13800000002');
    await street.page.waitForURL('**/org');
    expect(Number(await street.page.getByTestId('bell-count').textContent())).toBeGreaterThan(0);
    // The bell carries the escalation's reason and the code as every page shows it (before: "上报原因：" and nothing).
    await street.page.goto('/notifications');
    await street.page.getByTestId('notifications').getByText(`金元社区上报诉求 ${code}，请处理。上报原因：涉及市政管网，社区无法处理`).waitFor();
    await street.page.goto('/org');
    await street.page.getByRole('navigation').getByRole('link', { name: '待办案件' }).click();
    await street.page.getByRole('link', { name: code }).click();
    await street.page.getByTestId('case-content').waitFor();
    await expect(street.page.getByTestId('case-content').textContent()).resolves.toBe(unique);
    await expect(street.page.getByTestId('staff-timeline').textContent()).resolves.toContain('涉及市政管网，社区无法处理');
    await screenshot(street.page, '40-street-case');
    await street.page.locator('select[name=leadDepartmentId]').selectOption({ label: '区住房和城乡建设局' });
    await street.page.getByLabel('转办说明（选填）').fill('请三日内疏通并反馈');
    await street.page.getByRole('button', { name: '转办' }).click();
    await confirmAction(street.page);
    await statusIs(street.page, '部门办理中');
    await expect(toastText(street.page)).resolves.toContain('已转办');
    // The forward note is on the case record.
    await street.page.getByTestId('staff-timeline').getByText('请三日内疏通并反馈').waitFor();

    await resident.page.reload();
    await expect(resident.page.getByTestId('case-status').textContent()).resolves.toBe('已转交区住房和城乡建设局办理');

    // The department replies to the resident and resolves; its resolution goes to the street for review.
    const dept = await newPage(browser);
    await signIn(dept.page, '13800000003');
    await dept.page.waitForURL('**/org');
    // The department's bell carries the street's note.
    await dept.page.goto('/notifications');
    await dept.page.getByTestId('notifications').getByText('转办说明：请三日内疏通并反馈').first().waitFor();
    await dept.page.goto('/org');
    await dept.page.getByRole('navigation').getByRole('link', { name: '待办案件' }).click();
    await dept.page.getByRole('link', { name: code }).click();
    await dept.page.getByLabel('回复内容').fill('已安排管网养护班组明天上午疏通');
    await dept.page.getByRole('button', { name: '回复居民' }).click();
    await dept.page.getByTestId('staff-timeline').getByText('已安排管网养护班组明天上午疏通').waitFor();
    await dept.page.getByLabel('办理结果').fill('雨水管已疏通，积水已排除');
    await dept.page.getByRole('button', { name: '办结' }).click();
    await confirmAction(dept.page);
    // Handed to the street for review, the case leaves the department's sight.
    await dept.page.getByTestId('handed-on').waitFor();
    await expect(dept.page.getByTestId('handed-on').textContent()).resolves.toBe('已办结，已交街道审核');
    await expect(toastText(dept.page)).resolves.toContain('已办结');
    await dept.context.close();

    // The street is asked to review the department's resolution (before: "退回：… 已退回"), and its record names the
    // department as the one that resolved it (before: "社区已办结 · 赵强").
    await street.page.goto('/notifications');
    await street.page.getByTestId('notifications').getByText(`区住房和城乡建设局已办结诉求 ${code}（金元社区），请审核。办理结果：雨水管已疏通，积水已排除`).waitFor();
    expect(await street.page.getByTestId('notifications').textContent()).not.toContain('已退回');
    await street.page.goBack();
    await street.page.reload();
    const record = (await street.page.getByTestId('staff-timeline').textContent())!;
    expect(record).toContain('区住房和城乡建设局办结，提交金源街道审核');
    expect(record).not.toContain('社区已办结');
    await street.page.getByRole('button', { name: '审核通过' }).click();
    await statusIs(street.page, '待评价');
    await expect(toastText(street.page)).resolves.toContain('已审核通过');
    await street.context.close();

    // The resident sees every step, the department's reply, and the approved resolution; then rates it.
    await resident.page.reload();
    await expect(resident.page.getByTestId('case-status').textContent()).resolves.toBe('已办结，请您评价');
    const timeline = (await resident.page.getByTestId('timeline').textContent())!;
    for (const step of ['已上报金源街道', '已转交区住房和城乡建设局办理', '区住房和城乡建设局回复', '已安排管网养护班组明天上午疏通', '区住房和城乡建设局已办结，提交金源街道审核', '金源街道审核通过', '雨水管已疏通，积水已排除']) expect(timeline).toContain(step);
    expect(timeline).not.toContain('李红梅');
    expect(timeline).not.toContain('涉及市政管网');
    expect(timeline).not.toContain('请三日内疏通');
    await screenshot(resident.page, '41-resident-escalated-steps');
    await resident.context.close();
  }, 180_000); // five people through every level, and their bells: longer than one page flow

  it('community staff cannot open the officers’ pages, and officers cannot open cases not escalated to them', async () => {
    const staff = await newPage(browser);
    await signIn(staff.page, '13800000004');
    await staff.page.waitForURL('**/community');
    expect((await staff.page.goto('/org/cases'))?.status()).toBe(403);
    await staff.context.close();
    const dept = await newPage(browser);
    await signIn(dept.page, '13800000003');
    await dept.page.waitForURL('**/org');
    expect((await dept.page.goto('/org/cases/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000000'))?.status()).toBe(404);
    expect((await dept.page.goto('/org/cases/not-an-id/x'))?.status()).toBe(404);
    await dept.context.close();
  });
});
