import { describe, expect, it } from 'vitest';
import { BASE_URL, confirmAction, newPage, pageWidth, screenshot, signIn, toastText, useBrowser } from '../support/browser.ts';
import { familyBookedLunches, removeFixtures, residentSessionCookie } from '../support/fixtures.ts';

// Issue 19, after the last trial's review: what a family member sees on 我的 when a meal she booked for her father is
// cancelled by the office or by the father himself had no test. It found that she saw nothing: the booking vanished
// from the list and the day was offered again as if never booked. It now stays listed, saying who cancelled it.
const browser = useBrowser(removeFixtures);

describe('a booking a daughter made for her father, cancelled by someone else, at 360 px', () => {
  it('the office cancels one lunch and the father the other: she reads each, and by whom', async () => {
    const family = await familyBookedLunches(5);
    const [byOffice] = family.bookings;

    // The office cancels the first on the bookings page.
    const office = await newPage(browser, { mobile: true });
    await signIn(office.page, '13800000004');
    await office.page.waitForURL('**/community');
    await office.page.goto(`/community/meals/bookings?day=${byOffice!.day}`);
    const row = office.page.getByTestId('meal-booking-row').filter({ hasText: family.parentName });
    await row.waitFor();
    // The dialog is the hydrated page's: wait for it before asking.
    await office.page.waitForLoadState('networkidle');
    await row.getByTestId('meal-booking-cancel').click();
    await confirmAction(office.page);
    expect(await toastText(office.page)).toContain('已取消预订');
    await office.context.close();

    // The father cancels the second on his own 我的.
    const father = await newPage(browser, { mobile: true });
    await father.context.addCookies([await residentSessionCookie('jinyuan', family.parent, BASE_URL)]);
    await father.page.goto('/c/jinyuan/me/meals');
    await father.page.getByTestId('my-meal-booking-cancel').first().waitFor();
    await father.page.waitForLoadState('networkidle');
    await father.page.getByTestId('my-meal-booking-cancel').first().click();
    await father.page.getByRole('alertdialog').getByRole('button', { name: '确定取消预订' }).click();
    // Both are listed to him as cancelled (the office's was already): his own doing as "由您办理".
    await expect.poll(() => father.page.getByTestId('my-meal-ended-row').count(), { timeout: 30_000 }).toBe(2);
    expect(await father.page.getByTestId('my-meal-ended-row').allTextContents()).toEqual([expect.stringContaining('已取消（由社区工作人员办理'), expect.stringContaining('已取消（由您办理）')]);
    await father.context.close();

    // The daughter, on 我的 for her father: both lunches listed as cancelled, each saying by whom.
    const daughter = await newPage(browser, { mobile: true });
    await daughter.context.addCookies([await residentSessionCookie('jinyuan', family.daughter, BASE_URL)]);
    await daughter.page.goto(`/c/jinyuan/me/meals?for=${family.parent}`);
    const ended = daughter.page.getByTestId('my-meal-ended-row');
    await ended.first().waitFor();
    expect(await ended.count()).toBe(2);
    const texts = await ended.allTextContents();
    expect(texts[0]).toContain('已取消（由社区工作人员办理，有疑问请联系社区）');
    expect(texts[1]).toContain(`已取消（由${family.parentName}本人办理）`);
    // Neither is still listed as booked (no 取消 left for them).
    expect(await daughter.page.getByTestId('my-meal-booking-cancel').count()).toBe(0);
    expect(await pageWidth(daughter.page)).toBeLessThanOrEqual(360);
    await screenshot(daughter.page, 'my-meals-cancelled-for-parent-360');
    await daughter.context.close();
  }, 180_000);
});
