import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { confirmAction, newPage, pageWidth, screenshot, signIn, toastText, useBrowser } from '../support/browser.ts';
import { deliveryToday, lunchBookedInGrid, removeFixtures } from '../support/fixtures.ts';

// Issue 19's outside trial, at 360 px: a grid worker delivers the meals of their grids (the delivery sheet was a 403
// to them, its phones masked, and only the office could confirm 送达), and sees only the meal pages the server opens
// to them; the office's kitchen sheet points to the delivery sheet instead of a list with masked phones.
const browser = useBrowser(removeFixtures);

describe('the delivery sheet, on a phone', () => {
  it('a grid worker opens every meal tab shown to them, reads the full mobile and the diet, and confirms 送达', async () => {
    const delivery = await deliveryToday('13800000006');
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000006');
    await page.waitForURL('**/community');
    await page.goto('/community/meals');
    // Every tab shown opens (no 403 behind a link); the office's pages are not shown.
    const tabs = page.getByRole('navigation', { name: '老年助餐' }).getByRole('link');
    const labels = (await tabs.allTextContents()).map((x) => x.trim());
    expect(labels).toContain('送餐单');
    for (const office of ['取餐', '备餐单', '结算']) expect(labels).not.toContain(office);
    const hrefs = await tabs.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    for (const href of hrefs) {
      const res = await page.goto(href);
      expect([href, res?.status()]).toEqual([href, 200]);
    }

    await page.goto('/community/meals/deliveries');
    const stop = page.locator(`[data-testid="delivery-stop"][data-booking="${delivery.bookingId}"]`);
    await stop.waitFor();
    expect((await stop.getByTestId('delivery-mobile').textContent())?.trim()).toBe(delivery.mobile);
    expect(await stop.getByTestId('delivery-mobile').getAttribute('href')).toBe(`tel:${delivery.mobile}`);
    expect(await stop.getByTestId('delivery-diet').textContent()).toContain('低盐、低糖');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '123-meals-deliveries-grid-360');
    await stop.getByTestId('delivery-confirm').click();
    await confirmAction(page);
    expect(await toastText(page)).toContain('已确认送达');
    await stop.getByText('已取餐').waitFor();
    expect(await stop.getByTestId('delivery-confirm').count()).toBe(0);
  });

  it('a grid worker cancels a meal of their grid’s resident before the cut-off (whoever may book may cancel)', async () => {
    const booking = await lunchBookedInGrid('13800000006', 2);
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000006');
    await page.waitForURL('**/community');
    await page.goto(`/community/meals/bookings?day=${booking.day}`);
    const row = page.getByTestId('meal-booking-row').filter({ hasText: booking.nameHint });
    await row.waitFor();
    expect(await row.getByTestId('meal-booking-offer').count()).toBe(0);
    await row.getByTestId('meal-booking-cancel').click();
    await confirmAction(page);
    expect(await toastText(page)).toContain('已取消预订');
    await row.getByText('已取消').waitFor();
  });

  it('the office’s kitchen sheet counts meals per grid and leads to the delivery sheet', async () => {
    // A delivery booked for today (the day the fixture books), so the sheet has one to count: asserted, not hoped for.
    const delivery = await deliveryToday('13800000006');
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await page.goto(`/community/meals/kitchen?day=${day}`);
    const lunch = page.getByTestId('kitchen-lunch');
    await lunch.waitFor();
    expect(Number(await lunch.getByTestId('kitchen-delivery').textContent())).toBeGreaterThan(0);
    await lunch.getByTestId('kitchen-deliveries-open').click();
    await page.waitForURL(`**/community/meals/deliveries?day=${day}`);
    await page.locator(`[data-testid="delivery-stop"][data-booking="${delivery.bookingId}"]`).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  });

  it('the settings’ fold-outs are labelled apart from their buttons', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    for (const path of ['/community/meals/settings', '/community/services']) {
      await page.goto(path);
      const folds = page.locator('details > summary');
      await folds.first().waitFor();
      const summaries = (await folds.allTextContents()).map((x) => x.trim());
      const buttons = (await page.locator('details button[type="submit"]').allTextContents()).map((x) => x.trim());
      expect(summaries.length).toBeGreaterThan(0);
      for (const label of summaries) expect([path, buttons]).not.toEqual([path, expect.arrayContaining([label])]);
    }
  });
});

describe('the senior school, on a phone', () => {
  it('tells two alike masked names apart on the attendance list and prints the class’s sign-in sheet as PDF', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/school');
    const href = await page.getByTestId('school-course-open').first().getAttribute('href');
    await page.goto(href!);
    const person = page.getByTestId('school-attendance-person').first();
    await person.waitFor();
    // 王** · 4栋 · 72 岁 · 138****1234: the masked name with what tells it apart.
    expect(await person.textContent()).toMatch(/\d+ 岁/);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('school-sign-in-sheet').click()]);
    expect(pdf.suggestedFilename()).toMatch(/^签到表-.+\.pdf$/);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '124-school-attendance-tell-apart-360');
  });
});
