import { describe, expect, it } from 'vitest';
import { BASE_URL, newPage, pageWidth, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { elderWithoutMeals, mealBookedLater, removeFixtures, removeServiceDeskFixture, residentSessionCookie, serviceDeskFixture } from '../support/fixtures.ts';

// Issue 19, an outside trial (decision 056): impossible days and months in the address of the station's pages are
// refused with a Chinese message in the app's layout (the claim for 民政 gives no file, never another month's); no
// service slot is opened in the past; on 我的, cancelling a meal asks first, in words an elder reads as meant.
const browser = useBrowser(removeFixtures);

const chinaDay = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe('the station’s dates, at 360 px', () => {
  it('answers every impossible day or month of the trial with the 400 page saying which value, and the claim with no file', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    const cases: [string, string][] = [
      ['/community/meals/kitchen?day=2026-02-30', '2026-02-30'],
      ['/community/meals/settlement?month=2026-13', '2026-13'],
      ['/community/meals/bookings?day=9999-99-99', '9999-99-99'],
      // The right shape, a year out of range: the message names the years allowed (issue 19's trial found it unclear).
      ['/community/meals/deliveries?day=9999-01-01', '9999-01-01'],
      ['/community/meals?from=2026-13-45', '2026-13-45'],
      ['/community/services?day=2026-02-30', '2026-02-30'],
      ['/community/services/settlement?month=2026-99', '2026-99'],
      ['/community/meals/settlement?month=%F0%9F%98%80', '😀'],
    ];
    for (const [url, value] of cases) {
      const answer = await page.goto(url);
      expect(answer?.status(), url).toBe(400);
      const message = (await page.getByTestId('error-message').textContent()) ?? '';
      expect(message, url).toContain(`“${value}”`);
      expect(message, url).toMatch(/不是有效的(日期|月份)/);
      expect(message, url).toContain('1900 至 2100 年之间');
      // In the app's layout (the console's navigation is there), with a way to the same page without the value.
      expect(await page.getByTestId('error-reset-period').count(), url).toBe(1);
      expect(await pageWidth(page), url).toBeLessThanOrEqual(360);
    }
    await screenshot(page, '96-elder-bad-month-360');
    // The reset link shows the page again (this month).
    await page.getByTestId('error-reset-period').click();
    await page.waitForURL((u) => u.pathname === '/community/meals/settlement' && !u.searchParams.has('month'));
    await page.getByTestId('settlement-meals').waitFor();

    // The claims for 民政: no file for an impossible month, the settlement page's 400 instead.
    for (const url of ['/community/meals/claim?month=2026-13', '/community/meals/claim?month=%F0%9F%98%80', '/community/services/claim?month=2026-99']) {
      const answer = await page.request.get(url);
      expect(answer.status(), url).toBe(400);
      expect(answer.headers()['content-type'], url).toContain('text/html');
      expect(answer.headers()['content-disposition'] ?? '', url).toBe('');
      expect(await answer.text(), url).toContain('不是有效的月份');
    }
    // A real month still downloads.
    const month = chinaDay().slice(0, 7);
    const file = await page.request.get(`/community/meals/claim?month=${month}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toContain(`meal-claim-${month}.xlsx`);
  }, 120_000);

  it('prints the kitchen sheet without the console around it (header, navigation, tabs, day picker)', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto(`/community/meals/kitchen?day=${chinaDay(1)}`);
    await page.getByTestId('kitchen-lunch').waitFor();
    expect(await page.locator('header').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').first().isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: '备餐单' }).first().isVisible()).toBe(false);
    expect(await page.locator('input[name="day"]').isVisible()).toBe(false);
    expect(await page.getByTestId('kitchen-lunch').isVisible()).toBe(true);
    await screenshot(page, '98-kitchen-sheet-print-360');
  }, 90_000);

  it('opens no service slot in the past: no form on a past day; a time already passed today is refused beside the field', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto(`/community/services?day=${chinaDay(-1)}`);
    await page.getByTestId('service-slots-past').waitFor();
    expect(await page.getByTestId('service-slots-form').count()).toBe(0);
    await page.goto(`/community/services?day=${chinaDay()}`);
    const form = page.getByTestId('service-slots-form');
    await form.locator('input[name="times"]').fill('00:00');
    await form.getByRole('button', { name: '开放时段' }).click();
    await form.getByText(`不能开放已经过去的时段：${chinaDay()} 00:00`).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  }, 90_000);

  it('the services desk keeps the day picked when a person is searched and chosen (it went back to today)', async () => {
    const fx = await serviceDeskFixture();
    try {
      const person = fx.elders[0]!;
      const { page } = await newPage(browser, { mobile: true });
      await signIn(page, '13800000004');
      await page.waitForURL('**/community');
      await page.goto('/community/services');
      // The day picked in the picker (查看 not pressed), then a search and 选择.
      await page.locator('input#day').fill(fx.day);
      await page.locator('input[name="q"]').fill(person.mobile);
      await page.locator('form:has(input[name="q"]) button[type="submit"]').click();
      await page.waitForURL((u) => u.searchParams.get('q') === person.mobile);
      expect(new URL(page.url()).searchParams.get('day')).toBe(fx.day);
      await page.getByRole('link', { name: '选择' }).first().click();
      await page.waitForURL((u) => u.searchParams.get('resident') === person.id);
      expect(new URL(page.url()).searchParams.get('day')).toBe(fx.day);
      expect(await page.locator('input#day').inputValue()).toBe(fx.day);
      await page.getByTestId('service-book-form').waitFor();
    } finally {
      await removeServiceDeskFixture(fx.slotId);
    }
  }, 90_000);

  it('on 我的, 取消预订 asks first; 不取消，返回 keeps the meal; 确定取消预订 cancels it', async () => {
    const elder = await elderWithoutMeals();
    const { context, page } = await newPage(browser, { mobile: true });
    await context.addCookies([await residentSessionCookie('jinyuan', elder, BASE_URL)]);
    await page.goto('/c/jinyuan/me/meals');
    const offer = page.locator('[data-testid^="my-meal-offer-"]').first();
    await offer.getByTestId('my-meal-book').click();
    await offer.getByTestId('my-meal-status').filter({ hasText: /已预订|候补/ }).waitFor();
    await offer.getByTestId('my-meal-cancel').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('确定取消这顿饭的预订吗？').waitFor();
    await screenshot(page, '97-me-meal-cancel-ask-360');
    await dialog.getByRole('button', { name: '不取消，返回' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await offer.getByTestId('my-meal-status').textContent()).toMatch(/已预订|候补/);
    await offer.getByTestId('my-meal-cancel').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定取消预订' }).click();
    await offer.getByTestId('my-meal-book').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  }, 90_000);

  it('on 我的, a booking of a day past the ones offered (made by staff) is listed with its 取消, which cancels it', async () => {
    const elder = await elderWithoutMeals();
    const later = await mealBookedLater(elder);
    const { context, page } = await newPage(browser, { mobile: true });
    await context.addCookies([await residentSessionCookie('jinyuan', elder, BASE_URL)]);
    await page.goto('/c/jinyuan/me/meals');
    // Not among the offers (the page offers the next days with an open menu only) …
    expect(await page.getByTestId(`my-meal-offer-${later.day}`).count()).toBe(0);
    // … yet listed, with its 取消, asked first.
    const row = page.getByTestId('my-meal-bookings').locator('li').filter({ has: page.getByTestId('my-meal-booking-cancel') });
    expect(await row.count()).toBe(1);
    await row.getByTestId('my-meal-booking-cancel').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定取消预订' }).click();
    await page.getByTestId('my-meal-booking-cancel').waitFor({ state: 'detached' });
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  }, 90_000);

  it('in large-text mode the question is asked in large text too: title, text and buttons as large as the page', async () => {
    const elder = await elderWithoutMeals();
    const { context, page } = await newPage(browser, { mobile: true });
    await context.addCookies([await residentSessionCookie('jinyuan', elder, BASE_URL), { name: 'lt', value: '1', url: BASE_URL }]);
    await page.goto('/c/jinyuan/me/meals');
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
    const offer = page.locator('[data-testid^="my-meal-offer-"]').first();
    await offer.getByTestId('my-meal-book').click();
    await offer.getByTestId('my-meal-status').filter({ hasText: /已预订|候补/ }).waitFor();
    await offer.getByTestId('my-meal-cancel').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('确定取消这顿饭的预订吗？').waitFor();
    // Sizes as drawn (px): the page's root is 125 % (20 px a rem). Before, the dialog kept its small print (text 17.5 px,
    // buttons 50 px high) under a 60 px 取消预订.
    const drawn = await page.evaluate(() => {
      const box = document.querySelector('[role=alertdialog]')!;
      const px = (el: Element | null) => Number.parseFloat(getComputedStyle(el!).fontSize);
      const buttons = Array.from(box.querySelectorAll('button')).map((b) => ({ font: px(b), height: b.getBoundingClientRect().height }));
      return { title: px(box.querySelector('h2')), text: px(box.querySelector('p')), buttons, trigger: document.querySelector('[data-testid=my-meal-cancel]')!.getBoundingClientRect().height };
    });
    expect(drawn.title).toBeGreaterThanOrEqual(28);
    expect(drawn.text).toBeGreaterThanOrEqual(24);
    expect(drawn.buttons).toHaveLength(2);
    for (const b of drawn.buttons) {
      expect(b.font).toBeGreaterThanOrEqual(22);
      expect(b.height).toBeGreaterThanOrEqual(drawn.trigger);
    }
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '98-me-meal-cancel-ask-360-large');
    await dialog.getByRole('button', { name: '不取消，返回' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await context.close();
  }, 90_000);
});
