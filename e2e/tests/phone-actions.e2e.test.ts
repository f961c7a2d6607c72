import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, openCase, screenshot, signIn, signInTo, steadyBox, submitWish, useBrowser, whenEnabled } from '../support/browser.ts';
import { communityQrPath } from '../support/fixtures.ts';

/**
 * The case page's confirmed actions on a 360×740 phone, tapped where a thumb taps them (an outside tester: 上报街道
 * and 转办 "sent nothing and no confirmation dialog appeared"). Right after an action the success message lay over
 * the bottom of the screen, where the next button is: the tap landed on the message. Here every tap goes to the
 * point on screen, not to the element (no helper that clicks through), and what is on top there is checked first.
 */
const browser = useBrowser();

const statusIs = (page: Page, text: string) => page.waitForFunction((t) => document.querySelector('[data-testid="case-status"]')?.textContent === t, text);

/**
 * Taps the middle of `target` as a finger would: whatever is on top at that point gets the tap. The point is taken once
 * the button takes taps again (whenEnabled: a send still in flight, such as the refused 上报街道 without a reason,
 * disables it and elementFromPoint then finds its form) and has stopped moving (steadyBox: the scroll, or the answer's
 * message arriving above it, could still move it between reading its box and asking what is on top there).
 */
async function tapOnScreen(page: Page, target: Locator) {
  await whenEnabled(target);
  const box = await steadyBox(target);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  expect(y, 'the tap point is on the screen').toBeLessThan(740);
  const onTop = await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.closest('button')?.textContent ?? document.elementFromPoint(px!, py!)?.outerHTML.slice(0, 80), [x, y]);
  expect(onTop, 'nothing covers the button').toBe(await target.textContent());
  await page.mouse.click(x, y);
}

/** Scrolls until the button's bottom edge is just above the bottom of the screen, where a thumb reaches it. */
async function scrollToThumb(button: Locator) {
  await button.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 24));
}

/** Taps `name`, sees its confirmation dialog whole on the screen, taps 确认, and waits for the success message `done`. */
async function confirmByTapping(page: Page, name: string, done: string, shot: string) {
  const button = page.getByRole('button', { name, exact: true });
  await scrollToThumb(button);
  await tapOnScreen(page, button);
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor({ state: 'visible', timeout: 3000 });
  const box = await steadyBox(dialog);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(box.y + box.height).toBeLessThanOrEqual(740);
  await screenshot(page, shot);
  await tapOnScreen(page, dialog.getByRole('button', { name: '确认' }));
  await page.getByTestId('toast').filter({ hasText: done }).waitFor();
}

describe('confirmed case actions on a phone', () => {
  it('community staff escalate (上报街道) and a street officer forwards (转办) by tapping, each with a visible dialog and a success message', async () => {
    const resident = await newPage(browser, { mobile: true });
    const unique = `楼道外墙空调支架锈蚀松动 ${Date.now()}`;
    const code = await submitWish(resident.page, await communityQrPath('jinyuan'), unique);
    await resident.context.close();

    // Community staff (金元社区) on a phone: accept, then at once (the 受理 message still showing) escalate.
    const staff = await newPage(browser, { mobile: true });
    await signInTo(staff.page, '13800000005', /金元社区/);
    await openCase(staff.page, unique, code);
    await tapOnScreen(staff.page, staff.page.getByRole('button', { name: '受理', exact: true }));
    await statusIs(staff.page, '办理中');
    await staff.page.getByTestId('toast').waitFor();
    // Without a reason the dialog is not offered: the reason field is brought into sight and focused instead.
    await scrollToThumb(staff.page.getByRole('button', { name: '上报街道', exact: true }));
    await tapOnScreen(staff.page, staff.page.getByRole('button', { name: '上报街道', exact: true }));
    await expect(staff.page.getByRole('alertdialog').count()).resolves.toBe(0);
    await expect(staff.page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name)).resolves.toBe('body');
    // The form was sent for the server's message (it speaks for itself): its answer is back before the reason is typed.
    await whenEnabled(staff.page.getByRole('button', { name: '上报街道', exact: true }));
    await staff.page.getByLabel('上报原因（街道可见）').fill('外墙属公共部位，需街道协调维修资金');
    await confirmByTapping(staff.page, '上报街道', '已上报街道', 'phone-escalate-dialog');
    await statusIs(staff.page, '街道办理中');
    await staff.context.close();

    // The street officer on a phone: forwards to a department.
    const street = await newPage(browser, { mobile: true });
    await signIn(street.page, '13800000002');
    await street.page.waitForURL('**/org');
    await street.page.goto('/org/cases');
    await street.page.getByRole('link', { name: code }).first().click();
    await street.page.getByLabel('主办部门').selectOption({ label: '区住房和城乡建设局' });
    await confirmByTapping(street.page, '转办', '已转办', 'phone-forward-dialog');
    await statusIs(street.page, '部门办理中');
    await street.context.close();
  }, 120_000);
});
