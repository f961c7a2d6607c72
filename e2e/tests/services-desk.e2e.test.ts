import { describe, expect, it } from 'vitest';
import { BASE_URL, newPage, pageWidth, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { removeFixtures, removeServiceDeskFixture, residentSessionCookie, serviceDeskFixture, startServiceSlot } from '../support/fixtures.ts';

// Issue 19 / decision 044: the station's services desk at 360 px, driven through its staff buttons in a real
// browser: booking on behalf of a person found in the register (kept when the search is gone from the address),
// refused for a child (a service's least age), confirming a slot a resident requested on 我的, cancelling before the
// start, and from the start on the note after the service and a no-show. Each booking shows only the buttons the
// server would take at that moment. The slot starts tomorrow; to act "from the start on" the fixture moves it to ten
// minutes ago, as moveShift does for a volunteer shift (the server judges "started" against the real clock).
const browser = useBrowser(async () => {
  if (slotId) await removeServiceDeskFixture(slotId);
}, removeFixtures);
let slotId: string | null = null;

describe('the services desk, on a phone', () => {
  it('books for a person (kept without the search), refuses a child, confirms a request, cancels, notes a service done and a no-show', async () => {
    const fx = await serviceDeskFixture();
    slotId = fx.slotId;
    const [first, second, third] = fx.elders as [(typeof fx.elders)[0], (typeof fx.elders)[0], (typeof fx.elders)[0]];
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    const booking = (residentId: string) => page.locator(`[data-testid="service-booking"][data-resident="${residentId}"]`);
    /** Finds a person by their mobile and chooses them (waiting for each page, not the list of the search before). */
    const search = async (person: { id: string; mobile: string }) => {
      await page.locator('input[name="q"]').fill(person.mobile);
      await page.locator('form:has(input[name="q"]) button[type="submit"]').click();
      await page.waitForURL((u) => u.searchParams.get('q') === person.mobile && !u.searchParams.has('resident'));
      await page.getByRole('link', { name: '选择' }).first().click();
      await page.waitForURL((u) => u.searchParams.get('resident') === person.id);
      await page.getByTestId('service-book-person').waitFor();
    };

    // A person found by their mobile, chosen; the address then holds the search.
    await page.goto(`/community/services?day=${fx.day}`);
    expect(await page.getByTestId('services').textContent()).toContain('限 60 岁及以上');
    await search(first);
    expect(new URL(page.url()).searchParams.get('q')).toBe(first.mobile);
    // Reloaded without the search (as after a refusal or from a bookmark): the person is still the one chosen.
    await page.goto(`/community/services?day=${fx.day}&resident=${first.id}`);
    await page.getByTestId('service-book-form').waitFor();
    expect(await page.getByTestId('service-book-person').textContent()).toMatch(/王\*+ · 8\d 岁/);
    await page.getByTestId('service-book-form').locator('select[name="slotId"]').selectOption(fx.slotId);
    await page.getByTestId('service-book').click();
    await page.getByTestId('toast').filter({ hasText: /已预约：自付 \d+\.\d\d 元/ }).waitFor();
    await booking(first.id).getByText('已确认').waitFor();
    // Before the slot starts: cancel is offered; done and no-show are not (the server would refuse them).
    expect(await booking(first.id).getByTestId('service-cancel').count()).toBe(1);
    expect(await booking(first.id).getByTestId('service-done').count()).toBe(0);
    expect(await booking(first.id).getByTestId('service-no-show').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '84-services-desk-book-360');

    // A child is no one to book 助洁 (60 and over) for: said on the page, no slot offered.
    await search(fx.child);
    await page.getByTestId('service-book-age').filter({ hasText: '未满 60 岁' }).waitFor();
    expect(await page.getByTestId('service-book-form').count()).toBe(0);

    // A third person booked, then cancelled before the start.
    await search(third);
    await page.getByTestId('service-book-form').locator('select[name="slotId"]').selectOption(fx.slotId);
    await page.getByTestId('service-book').click();
    await booking(third.id).getByText('已确认').waitFor();
    await booking(third.id).getByTestId('service-cancel').click();
    // Asked first (decision 056): 不取消，返回 keeps it; 确定取消预约 cancels.
    await page.getByTestId('service-cancel-keep').click();
    await booking(third.id).getByText('已确认').waitFor();
    await booking(third.id).getByTestId('service-cancel').click();
    await page.getByTestId('service-cancel-confirm').click();
    await page.getByTestId('toast').filter({ hasText: '已取消' }).waitFor();
    await booking(third.id).getByText('已取消').waitFor();
    expect(await booking(third.id).getByRole('button').count()).toBe(0);

    // The second requests the slot on 我的 (to confirm), seeing what they pay in the normal text colour.
    const resident = await newPage(browser, { mobile: true });
    await resident.context.addCookies([await residentSessionCookie('jinyuan', second.id, BASE_URL)]);
    await resident.page.goto('/c/jinyuan/me/services');
    const mine = resident.page.locator(`[data-testid="my-service-slot"][data-slot="${fx.slotId}"]`);
    await mine.getByTestId('my-service-book').click();
    await resident.page.getByTestId('my-service-bookings').getByText('待确认').waitFor();
    await resident.context.close();

    // Staff confirm it.
    await page.goto(`/community/services?day=${fx.day}`);
    await booking(second.id).getByText('待确认').waitFor();
    await booking(second.id).getByTestId('service-confirm').click();
    await page.getByTestId('toast').filter({ hasText: '已确认' }).waitFor();
    await booking(second.id).getByText('已确认').waitFor();
    expect(await booking(second.id).getByTestId('service-confirm').count()).toBe(0);

    // From the start on (the slot moved to ten minutes ago): done with the note after service, or a no-show; no
    // cancel any more.
    const today = await startServiceSlot(fx.slotId, 10);
    await page.goto(`/community/services?day=${today}`);
    await booking(first.id).getByTestId('service-done').waitFor();
    expect(await booking(first.id).getByTestId('service-cancel').count()).toBe(0);
    await booking(first.id).getByTestId('service-note').fill('协助打扫厨房和卫生间，下次带防滑垫');
    await booking(first.id).getByTestId('service-done').click();
    await page.getByTestId('toast').filter({ hasText: '已完成' }).waitFor();
    await booking(first.id).getByText('已完成').waitFor();
    expect(await booking(first.id).textContent()).toContain('协助打扫厨房和卫生间，下次带防滑垫');
    await booking(second.id).getByTestId('service-no-show').click();
    await booking(second.id).getByText('爽约 1 次').waitFor();
    expect(await booking(second.id).getByRole('button').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '85-services-desk-done-360');
  }, 180_000);
});
