import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, chinaDate, mealCutoff } from '@shequ/domain';
import { BASE_URL, newPage, pageWidth, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { drawCourseWithApplicants, elderWithoutMeals, fillCourse, moveMealBookingToToday, removeFixtures, residentSessionCookie } from '../support/fixtures.ts';

// Issue 19, "Done when": at 360 px in large-text mode, a resident books a lunch on 我的 and sees the price after
// subsidy before booking, is served by scanning their meal card at the counter; staff print the kitchen sheet; a
// senior-school enrolment from a waiting list (staff add a course of one place, someone holds it, the resident
// joins the waiting list, staff withdraw the one enrolled, the resident accepts the place offered).
// Staff then take attendance by list and by card and publish the term's end-of-term showcase as an activity.
// (meals.e2e covers the staff pages one by one.) The resident signs in as the text-message sign-in would (me.e2e
// goes through that). The counter serves the very booking the resident made here: a lunch is booked for a later day
// (its cut-off is the day before at 16:00) and served on its day, and the running server reads the real clock (it
// has, on purpose, no clock a test could set), so the fixture moves that booking's day to today, as moveShift moves
// a volunteer shift (no booking is inserted by the fixture).
const browser = useBrowser(removeFixtures);

/** Whether an element's text is drawn in a red (the brand red reads as an error; a price is not one). */
const inRed = (page: Page, testId: string) =>
  page.getByTestId(testId).first().evaluate((el) => {
    const [r, g, b] = (getComputedStyle(el).color.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    return r - Math.max(g, b) > 40;
  });

describe('services for elders, on a phone in large-text mode', () => {
  it('a resident books a lunch on 我的 seeing the price after subsidy first, is served by scanning their card; staff print the kitchen sheet; a senior-school place comes from the waiting list; cleaning help is requested', async () => {
    const elder = await elderWithoutMeals();
    const { context, page } = await newPage(browser, { mobile: true });
    await context.addCookies([await residentSessionCookie('jinyuan', elder, BASE_URL)]);

    // 我的, in large-text mode: the meal section links to booking.
    await page.goto('/c/jinyuan/me');
    await page.getByRole('button', { name: '大字' }).click();
    await page.getByRole('button', { name: '标准字' }).waitFor();
    await page.getByTestId('me-section-myMeals').getByText('近期没有订餐').waitFor();
    await page.getByTestId('my-meals-book').click();
    await page.waitForURL('**/c/jinyuan/me/meals');
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);

    // The next open lunch with the price after subsidy: tomorrow's until its cut-off (the seeded lunch: the day
    // before at 16:00 China time), after it the day after tomorrow's (the demo menus run to the end of next week).
    // The page's first offer is that day, by the same rule (mealCutoff), whatever the hour the test runs.
    const offer = page.locator('[data-testid^="my-meal-offer-"]').first();
    const day = ((await offer.getAttribute('data-testid')) ?? '').replace('my-meal-offer-', '');
    const tomorrow = addDays(chinaDate(new Date()), 1);
    const firstOpen = [tomorrow, addDays(tomorrow, 1)].find((d) => Date.now() < mealCutoff(d, 1, '16:00').getTime());
    expect(day).toBe(firstOpen);
    const quote = (await offer.getByTestId('my-meal-quote').textContent()) ?? '';
    expect(quote).toMatch(/餐费 15\.00 元 · 补贴 [1-9]\d*\.\d\d 元（.+）/);
    const pay = /补贴后您付 (\d+\.\d\d) 元/.exec(quote)?.[1];
    expect(Number(pay)).toBeLessThan(15);
    expect(await inRed(page, 'my-meal-quote')).toBe(false);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '75-me-meals-book-360-large');

    // A diet, as staff can ask for one: 低盐.
    await offer.getByTestId('my-meal-diet').getByLabel('低盐').check();
    await offer.getByTestId('my-meal-book').click();
    await offer.getByTestId('my-meal-status').filter({ hasText: /已预订|候补/ }).waitFor();
    const bookingId = await offer.locator('input[name="bookingId"]').getAttribute('value');
    expect(bookingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByTestId('my-meal-bookings').textContent()).toContain('低盐');
    expect(await page.getByTestId('my-meal-bookings').textContent()).toContain(`自付 ${pay} 元`);
    // The meal card the counter scans.
    const code = ((await page.getByTestId('my-meal-card-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^MC1\.[0-9a-f-]{36}\.[0-9a-f]{16}$/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '76-me-meals-booked-360-large');

    // 我的 lists the booked meal.
    await page.goto('/c/jinyuan/me');
    await page.getByTestId('my-meal').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);

    const staff = await newPage(browser, { mobile: true });
    await signIn(staff.page, '13800000004');
    await staff.page.waitForURL('**/community');

    // The kitchen sheet of the day booked counts the meal and its diet; printable (the print button hides on paper).
    await staff.page.goto(`/community/meals/kitchen?day=${day}`);
    expect(Number(await staff.page.getByTestId('kitchen-lunch').getByTestId('kitchen-meals').textContent())).toBeGreaterThan(0);
    expect(await staff.page.getByTestId('kitchen-lunch').locator('[data-testid="kitchen-diet"][data-diet="低盐"]').textContent()).toMatch(/低盐 × [1-9]/);
    expect(await staff.page.getByTestId('print').isVisible()).toBe(true);
    await staff.page.emulateMedia({ media: 'print' });
    expect(await staff.page.getByTestId('print').isVisible()).toBe(false);
    await staff.page.emulateMedia({ media: 'screen' });
    await screenshot(staff.page, '78-elders-kitchen-360');

    // The bookings of that day, before its cut-off: each may be cancelled; none offers 转让 or 确认送达, which the
    // server would refuse until after the cut-off and on the day.
    await staff.page.goto(`/community/meals/bookings?day=${day}`);
    await staff.page.getByTestId('meal-booking-row').first().waitFor();
    expect(await staff.page.getByTestId('meal-booking-cancel').count()).toBeGreaterThan(0);
    expect(await staff.page.getByTestId('meal-booking-offer').count()).toBe(0);
    expect(await staff.page.getByTestId('meal-booking-deliver').count()).toBe(0);

    // At the counter on the meal's day (the booking moved to today, see above): staff scan the card; the meal the
    // resident booked is served with the subsidy.
    await moveMealBookingToToday(bookingId!);
    await staff.page.goto('/community/meals/counter');
    await staff.page.getByTestId('counter-code').fill(code);
    await staff.page.getByTestId('counter-serve').click();
    await staff.page.getByTestId('counter-served').filter({ hasText: '已取餐' }).waitFor();
    expect(await staff.page.getByTestId('counter-served').textContent()).toMatch(/自付 \d+\.\d\d 元（补贴 [1-9]\d*\.\d\d 元/);
    expect(await pageWidth(staff.page)).toBeLessThanOrEqual(360);
    await screenshot(staff.page, '77-elders-counter-360');

    // The senior school: a course of one place, held by someone else.
    const title = `剪纸${Date.now() % 100_000}`;
    await staff.page.goto('/community/school');
    const form = staff.page.getByTestId('school-course-form');
    await form.getByLabel('课程名称').fill(title);
    await form.getByLabel('教室').fill('手工室');
    await form.getByLabel('名额').fill('1');
    await staff.page.getByTestId('school-course-create').click();
    await staff.page.getByTestId('school-course').filter({ hasText: title }).waitFor();
    expect(await pageWidth(staff.page)).toBeLessThanOrEqual(360);
    await screenshot(staff.page, '79-school-360');
    await fillCourse(title, elder);

    // The resident finds it full and joins the waiting list.
    await page.goto('/c/jinyuan/me/school');
    const course = page.locator(`[data-testid="my-school-course"][data-course="${title}"]`);
    await course.getByText(/名额已满/).waitFor();
    await course.getByTestId('my-school-enrol').click();
    await course.getByTestId('my-school-status').filter({ hasText: '候补第 1 位' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);

    // Staff withdraw the one enrolled: the place is offered to the first waiting.
    await staff.page.getByTestId('school-course').filter({ hasText: title }).getByTestId('school-course-open').click();
    await staff.page.waitForURL('**/community/school/courses/*');
    await staff.page.getByTestId('school-enrolment').filter({ hasText: '已录取' }).getByTestId('school-withdraw').click();
    // Asked first (decision 056), then withdrawn.
    await staff.page.getByTestId('school-withdraw-confirm').click();
    await staff.page.getByTestId('school-enrolment').filter({ hasText: '有空位，待确认' }).waitFor();
    expect(await pageWidth(staff.page)).toBeLessThanOrEqual(360);
    await screenshot(staff.page, '80-school-course-360');

    // The resident accepts the place offered (24 hours to do so) and is enrolled; 我的 shows the course.
    await page.goto('/c/jinyuan/me/school');
    await page.getByTestId('my-school-offer').filter({ hasText: title }).waitFor();
    await screenshot(page, '81-me-school-offer-360-large');
    await page.getByTestId('my-school-offer').filter({ hasText: title }).getByTestId('my-school-accept').click();
    await course.getByTestId('my-school-status').filter({ hasText: '已录取' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.goto('/c/jinyuan/me');
    await page.getByTestId('my-school-item').filter({ hasText: title }).getByText('已录取').waitFor();
    await screenshot(page, '82-me-360-large');

    // Attendance on the course's latest class day, at 360 px: ticked on the list, then the same person's meal card
    // scanned at the door counts once (already checked in).
    await staff.page.reload();
    const attendance = staff.page.getByTestId('school-attendance');
    await attendance.locator('input[name="residentIds"]').first().check();
    await attendance.getByRole('button', { name: '保存考勤' }).click();
    await staff.page.getByText('考勤已保存（新增 1 人）').waitFor();
    await attendance.getByText('1 人到课').waitFor();
    await attendance.getByLabel('学员的助餐码').fill(code);
    await attendance.getByRole('button', { name: '扫码签到' }).click();
    await staff.page.getByText(/今天已签到过/).waitFor();
    await attendance.getByText('1 人到课').waitFor();
    expect(await pageWidth(staff.page)).toBeLessThanOrEqual(360);

    // The end-of-term showcase: offered on the term (staff run the volunteer teams), refused beside its field when
    // the place is left empty, then published as an activity; the form is no longer offered.
    await staff.page.goto('/community/school');
    const term = staff.page.getByTestId('school-term').filter({ has: staff.page.getByTestId('school-showcase-form') }).first();
    const termId = await term.getAttribute('data-term');
    const showcase = term.getByTestId('school-showcase-form');
    await showcase.getByTestId('school-showcase-publish').click();
    await showcase.getByText(/请填写|不能为空|必填/).first().waitFor();
    await showcase.getByLabel('地点').fill('社区广场');
    await showcase.getByTestId('school-showcase-publish').click();
    await staff.page.getByText('汇报演出已发布为活动').first().waitFor();
    const published = staff.page.locator(`[data-testid="school-term"][data-term="${termId}"]`);
    await published.getByTestId('school-showcase-published').waitFor();
    expect(await published.getByTestId('school-showcase-form').count()).toBe(0);
    expect(await pageWidth(staff.page)).toBeLessThanOrEqual(360);
    await screenshot(staff.page, '84-school-showcase-360');

    // Cleaning help (decision 044): the resident requests a slot seeing what they pay; the station confirms later.
    await page.goto('/c/jinyuan/me/services');
    const cleaning = page.getByTestId('my-service').filter({ hasText: '助洁' });
    await cleaning.getByTestId('my-service-min-age').filter({ hasText: '限 60 岁及以上' }).waitFor();
    expect(await inRed(page, 'my-service-pay')).toBe(false);
    await cleaning.getByTestId('my-service-book').first().click();
    await page.getByTestId('my-service-bookings').getByText('待确认').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '83-me-services-360-large');
    await staff.context.close();
    await context.close();
  }, 180_000);
});

describe('a course that draws its places (found by an outside trial of issue 19)', () => {
  it('分配名额 gives the one place to one applicant and puts the other on the waiting list', async () => {
    const { courseId } = await drawCourseWithApplicants();
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto(`/community/school/courses/${courseId}`);
    await page.getByRole('button', { name: '分配名额' }).click();
    await page.getByTestId('school-after-allocation').waitFor();
    const counts = await page.getByTestId('school-counts').textContent();
    expect(counts).toContain('录取 1 / 1');
    expect(counts).toContain('候补 1');
    expect(counts).toContain('待分配 0');
    expect(await page.getByTestId('school-enrolment').filter({ hasText: '已录取' }).count()).toBe(1);
    expect(await page.getByTestId('school-enrolment').filter({ hasText: '候补第 1 位' }).count()).toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await context.close();
  });
});
