import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, openCase, screenshot, signIn, signInTo, steadyBox, submitWish, useBrowser } from '../support/browser.ts';
import { communityQrPath, createStaffUser, removeFixtures, removeServiceDeskFixture, serviceDeskFixture } from '../support/fixtures.ts';

// Issue 12: "every action shows a success message". Staff on a 360 px phone take a representative action of each
// kind of form the pages are built from (a case's labelled action panels, a form that redirects to the new record,
// a row's single button, a settings form with its foot, a row's allowed steps), and each time a success message is
// on screen, whole, inside the 360 px, and the page does not scroll sideways.
const browser = useBrowser(async () => {
  if (slotId) await removeServiceDeskFixture(slotId);
}, removeFixtures);
let slotId: string | null = null;

/** Waits for the success message saying `text`, and checks it is visible, whole on a 360 px screen, on a page that fits. */
async function expectSuccess(page: Page, text: string | RegExp, shot: string) {
  const toast = page.getByTestId('toast').filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible' });
  const box = await steadyBox(toast);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(740);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, shot);
}

describe('every kind of staff action says it worked, on a phone', () => {
  it('a case accepted and answered, a resident registered, a reset link issued, volunteer settings saved, a service booked and cancelled', async () => {
    // A resident's wish, for the case's actions.
    const resident = await newPage(browser, { mobile: true });
    const unique = `单元门禁失灵进出不便 ${Date.now()}`;
    const code = await submitWish(resident.page, await communityQrPath('jinyuan'), unique);
    await resident.context.close();

    // The case page's action panels (community staff of 金元社区): 受理, then 回复居民.
    const staff = await newPage(browser, { mobile: true });
    await signInTo(staff.page, '13800000005', /金元社区/);
    await openCase(staff.page, unique, code);
    await staff.page.getByRole('button', { name: '受理', exact: true }).click();
    await expectSuccess(staff.page, '已受理', 'success-case-accept-360');
    await staff.page.getByLabel('回复内容').fill('已联系物业，今天下午维修门禁。');
    await staff.page.getByRole('button', { name: '回复居民', exact: true }).click();
    await expectSuccess(staff.page, '回复已发送', 'success-case-reply-360');
    await staff.context.close();

    // The community's admin.
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');

    // A form that goes on to the new record: a resident registered on their behalf.
    await page.goto('/community/residents/new');
    await page.getByLabel('姓名').fill('周玉芬');
    await page.getByLabel('手机号').first().fill(`139${String(Date.now()).slice(-8)}`);
    await page.getByLabel('出生年月').fill('1944-09');
    await page.getByTestId('consent').check();
    await page.getByTestId('resident-submit').click();
    await page.waitForURL(/\/community\/residents\/[0-9a-f-]{36}$/);
    await expectSuccess(page, '居民已登记', 'success-resident-registered-360');

    // A row's single button: a password-reset link for a colleague.
    const colleague = await createStaffUser('忘了密码的社工', 'community_staff', 'jinyuan', { keep: true });
    await page.goto('/community/staff');
    await page.getByRole('button', { name: `生成重置密码链接：${colleague.displayName}` }).click();
    await expectSuccess(page, '已生成密码重置链接', 'success-reset-link-360');
    await page.getByTestId('reset-link').waitFor();

    // A settings form with its foot (the refusal line above its button): saved as it is.
    await page.goto('/community/volunteers/settings');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expectSuccess(page, '志愿服务设置已保存', 'success-volunteer-settings-360');

    // The services desk: booked on behalf of an elder, then cancelled with the booking's own step button.
    const fx = await serviceDeskFixture();
    slotId = fx.slotId;
    const elder = fx.elders[0]!;
    await page.goto(`/community/services?day=${fx.day}&resident=${elder.id}`);
    await page.getByTestId('service-book-form').locator('select[name="slotId"]').selectOption(fx.slotId);
    await page.getByTestId('service-book').click();
    await expectSuccess(page, /已预约：自付 \d+\.\d\d 元/, 'success-service-booked-360');
    const booking = page.locator(`[data-testid="service-booking"][data-resident="${elder.id}"]`);
    await booking.getByTestId('service-cancel').click();
    // Asked first (decision 056), then cancelled.
    await page.getByTestId('service-cancel-confirm').click();
    await expectSuccess(page, '已取消', 'success-service-cancelled-360');
    await booking.getByText('已取消').waitFor();
  }, 180_000);
});
