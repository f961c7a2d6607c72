import { describe, expect, it } from 'vitest';
import { newPage, pageWidth, screenshot, signIn, toastText, useBrowser } from '../support/browser.ts';
import { bookLunchToday, removeFixtures, resourceIds } from '../support/fixtures.ts';

// Issue 19 / decision 038: the elderly service station's staff pages on a 360 px phone: this week's menu, booking on
// behalf of an elder with the price after subsidy shown first, serving at the counter by the person's meal card, the
// printable kitchen sheet and the month's settlement. (The resident's own booking on 我的 and the senior school are
// in elders.e2e.)
const browser = useBrowser(removeFixtures);

const chinaDay = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe('meal help at the service station, on a phone', () => {
  it('shows the menu, books for an elder with the price after subsidy, serves at the counter by scanning, prints the kitchen sheet', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/meals');
    expect(await page.title()).toContain('老年助餐');
    // The seeded week: today's lunch is published, with its dishes.
    await page.getByTestId(`menu-lunch-${chinaDay(0)}`).getByText('已发布').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '70-meals-menu-360');

    // Booking on behalf for the day after tomorrow (its cut-off is tomorrow at 16:00, China time).
    const { residentId } = await resourceIds('jinyuan');
    const day = chinaDay(2);
    await page.goto(`/community/meals/bookings?day=${day}&resident=${residentId}`);
    const quote = (await page.getByTestId('meal-quote').textContent()) ?? '';
    expect(quote).toMatch(/餐费 15\.00 元，补贴 \d+\.\d\d 元，自付 \d+\.\d\d 元/);
    const code = ((await page.getByTestId('meal-card-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^MC1\.[0-9a-f-]{36}\.[0-9a-f]{16}$/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.getByTestId('meal-book').click();
    const booked = await toastText(page);
    expect(booked).toMatch(/已预订：自付 \d+\.\d\d 元|名额已满|已经预订/);
    await page.getByTestId('meal-booking-row').first().waitFor();
    await screenshot(page, '71-meals-bookings-360');

    // The counter: today's lunch, served by scanning the person's card (a handheld scanner types the code).
    await bookLunchToday(residentId);
    await page.goto('/community/meals/counter');
    await page.getByTestId('counter-code').fill(code);
    await page.getByTestId('counter-serve').click();
    await page.getByTestId('counter-served').filter({ hasText: '已取餐' }).waitFor();
    expect(await page.getByTestId('counter-served').textContent()).toMatch(/自付 \d+\.\d\d 元/);
    // Scanned again: refused, in Chinese, nothing served twice.
    await page.getByTestId('counter-code').fill(code);
    await page.getByTestId('counter-serve').click();
    await page.getByTestId('counter-refused').filter({ hasText: '这一餐已经领取过了' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '72-meals-counter-360');

    // Tomorrow's kitchen sheet (the seed booked about sixty): counts, dishes, delivery sheets; printable.
    await page.goto(`/community/meals/kitchen?day=${chinaDay(1)}`);
    const meals = Number(await page.getByTestId('kitchen-lunch').getByTestId('kitchen-meals').textContent());
    expect(meals).toBeGreaterThan(10);
    expect(await page.getByTestId('print').isVisible()).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '73-meals-kitchen-360');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // The month's settlement: served meals and subsidies, and the claim for 民政 as Excel.
    await page.goto('/community/meals/settlement');
    expect(Number(await page.getByTestId('settlement-meals').textContent())).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByTestId('claim-export').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '74-meals-settlement-360');
  });
});
