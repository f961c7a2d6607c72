import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, pageWidth, screenshot, signIn, toastText, useBrowser } from '../support/browser.ts';
import { createFreshCommunity, createStaffUser, removeFixtures } from '../support/fixtures.ts';

// Issue 19, found by an outside trial: in a community with no sitting yet, a 社工 saw no form on /community/meals and
// its settings and nothing saying why. A community just onboarded has no sitting, term, service or care rules of its
// own: whoever may set the first one up is told how (and does it here), anyone else is told who can. At 360 px.
const browser = useBrowser(removeFixtures);

async function signedIn(role: 'community_admin' | 'community_staff' | 'grid_worker', slug: string): Promise<Page> {
  // Kept (keep): what they set up names them (a term's creator), and their community stays with the run's database.
  const user = await createStaffUser(`首次${role}`, role, slug, { keep: true });
  const { page } = await newPage(browser, { mobile: true });
  await signIn(page, user.mobile);
  await page.waitForURL('**/community');
  return page;
}

describe('a community that has set nothing up yet, on a phone', () => {
  it('meals: a 社工 is told the admin sets sittings; the admin sets the first one from the menu page and menus start', async () => {
    const slug = await createFreshCommunity();
    const staff = await signedIn('community_staff', slug);
    for (const path of ['/community/meals', '/community/meals/settings', '/community/meals/bookings', '/community/meals/kitchen']) {
      await staff.goto(path);
      expect(await staff.getByTestId('meals-no-sittings-ask').textContent()).toContain('由社区管理员在「设置」中设置');
      expect(await staff.getByTestId('meal-sitting-form').count()).toBe(0);
      expect(await pageWidth(staff)).toBeLessThanOrEqual(360);
    }
    expect(await staff.getByTestId('meals-no-sittings').getByRole('link').count()).toBe(0);
    await staff.goto('/community/meals/settings');
    expect(await staff.getByTestId('rules').locator('..').textContent()).toContain('补贴规则由社区管理员设置');
    await screenshot(staff, '120-meals-no-sitting-staff-360');

    const admin = await signedIn('community_admin', slug);
    await admin.goto('/community/meals');
    expect(await admin.getByTestId('meals-no-sittings-set-up').textContent()).toContain('先设置第一个餐次');
    await admin.getByTestId('meals-no-sittings').getByRole('link', { name: '去设置餐次' }).click();
    await admin.waitForURL('**/community/meals/settings');
    // The form is open (nothing to fold away yet); the price is the one thing to type.
    const form = admin.getByTestId('meal-sitting-form');
    expect(await form.getAttribute('open')).not.toBeNull();
    await form.locator('input[name="price"]').fill('12');
    expect(await pageWidth(admin)).toBeLessThanOrEqual(360);
    await screenshot(admin, '121-meals-first-sitting-admin-360');
    await form.getByRole('button', { name: '保存餐次' }).click();
    expect(await toastText(admin)).toContain('餐次已保存');
    expect(await admin.getByTestId('sittings').textContent()).toContain('每日 100 份 · 12.00 元');
    expect(await admin.getByTestId('meals-no-sittings').count()).toBe(0);

    // The 社工 now sees this week's lunch to plan the menu of.
    await staff.goto('/community/meals');
    await staff.locator('[data-testid^="menu-lunch-"]').first().waitFor();
    expect(await staff.getByTestId('meals-no-sittings').count()).toBe(0);
  });

  it('school: a grid worker is told who opens terms; a 社工 creates the first term from the same page', async () => {
    const slug = await createFreshCommunity();
    const grid = await signedIn('grid_worker', slug);
    await grid.goto('/community/school');
    expect(await grid.getByTestId('school-no-terms-ask').textContent()).toContain('由社区管理员或社工创建');
    expect(await grid.getByTestId('school-term-form').count()).toBe(0);
    expect(await pageWidth(grid)).toBeLessThanOrEqual(360);

    const staff = await signedIn('community_staff', slug);
    await staff.goto('/community/school');
    expect(await staff.getByTestId('school-no-terms-set-up').textContent()).toContain('创建第一个学期');
    const form = staff.getByTestId('school-term-form');
    await form.locator('input[name="name"]').fill('2027 春季学期');
    await form.getByRole('button', { name: '创建学期' }).click();
    expect(await toastText(staff)).toContain('学期已创建');
    await staff.getByTestId('school-term').filter({ hasText: '2027 春季学期' }).waitFor();
    expect(await staff.getByTestId('school-no-terms').count()).toBe(0);
    expect(await staff.getByTestId('school-course-form').count()).toBe(1);
    expect(await pageWidth(staff)).toBeLessThanOrEqual(360);
  });

  it('services: a 社工 is told the admin adds services; once the admin adds the first one, the 社工 can open slots', async () => {
    const slug = await createFreshCommunity();
    const staff = await signedIn('community_staff', slug);
    await staff.goto('/community/services');
    expect(await staff.getByTestId('services-none-ask').textContent()).toContain('由社区管理员添加');
    expect(await staff.getByTestId('service-form').count()).toBe(0);
    expect(await staff.getByTestId('service-slots-form').count()).toBe(0);
    expect(await pageWidth(staff)).toBeLessThanOrEqual(360);

    const admin = await signedIn('community_admin', slug);
    await admin.goto('/community/services');
    expect(await admin.getByTestId('services-none-set-up').textContent()).toContain('添加第一个服务');
    const form = admin.getByTestId('service-form');
    expect(await form.getAttribute('open')).not.toBeNull();
    await form.locator('input[name="name"]').fill('助浴');
    await form.locator('input[name="price"]').fill('30');
    await form.getByRole('button', { name: '保存服务项目' }).click();
    expect(await toastText(admin)).toContain('服务项目已保存');
    expect(await admin.getByTestId('services').textContent()).toContain('助浴');
    expect(await admin.getByTestId('services-none').count()).toBe(0);

    await staff.goto('/community/services');
    await staff.getByTestId('service-slots-form').waitFor();
    expect(await staff.getByTestId('services-none').count()).toBe(0);
  });

  it('care: an empty roster says how people join it and which tiers apply until the community sets its own', async () => {
    const slug = await createFreshCommunity();
    const staff = await signedIn('community_staff', slug);
    await staff.goto('/community/care');
    const none = staff.getByTestId('care-roster-none');
    expect(await none.textContent()).toMatch(/独居.*登记、导入或修改档案时立即列入.*默认分级：80 岁以上独居或空巢/);
    expect(await none.getByRole('link', { name: '打开居民档案' }).getAttribute('href')).toBe('/community/residents');
    expect(await pageWidth(staff)).toBeLessThanOrEqual(360);
    await screenshot(staff, '122-care-empty-roster-360');
  });
});
