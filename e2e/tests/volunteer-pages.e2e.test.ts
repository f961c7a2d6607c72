import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, pageWidth as width, screenshot, signIn, toastText, useBrowser } from '../support/browser.ts';
import { createVolunteerShift, removeFixtures, setVolunteerAvailability } from '../support/fixtures.ts';
import { signInWithCode } from '../support/resident.ts';
import { decodeQrFromPng } from '../support/qr-decode.ts';

// Issue 17 at 360 px, the pages volunteers.e2e does not open: the public honour wall (金元之星, masked names, signed
// out); applying to a team with the button on 我的, the leader seeing the applicant's availability and declining, and
// 我的 saying so; and every page of the volunteer-team leader's (周敏, 13800000007) navigation and below it answering
// 200 — no 403 anywhere a leader is sent. And issue 18's public decision page: its QR share code, read from the
// screen as a phone would, opens that same page, signed out.

const browser = useBrowser(removeFixtures);

const statusOf = async (page: Page, path: string) => (await page.context().request.get(path, { maxRedirects: 0 })).status();

describe('the honour wall, applying to a team, the leader’s pages (360 px)', () => {
  it('shows the honour wall to anyone, with masked names and stars', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    const response = await page.goto('/c/jinyuan/honours');
    expect(response?.status()).toBe(200);
    const wall = page.getByTestId('honour-wall');
    await wall.waitFor();
    const items = wall.locator('li');
    expect(await items.count()).toBeGreaterThanOrEqual(2);
    const text = (await wall.textContent())!;
    expect(text).toContain('金元之星');
    expect(text).toMatch(/[\u4e00-\u9fff]\*+/); // masked names only
    expect(text).toContain('★');
    await expect(page.title()).resolves.toMatch(/ · 社区治理云$/);
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '90-volunteer-honour-wall-360');
    await context.close();
  }, 60_000);

  it('a volunteer applies from 我的; the leader sees their availability and declines; 我的 says so; the leader meets no 403', async () => {
    const fixture = await createVolunteerShift();
    await setVolunteerAvailability(fixture.residentId, '周六上午');
    const { context, page } = await newPage(browser, { mobile: true });
    await signInWithCode(page, fixture.mobile);

    // The apply button of the team on 我的.
    await page.goto('/c/jinyuan/me/volunteering');
    const team = page.getByTestId('team').filter({ hasText: fixture.teamName });
    await team.getByTestId('apply-team').click();
    await page.waitForURL('**/c/jinyuan/me/volunteering');
    expect(await toastText(page)).toContain('已提交入队申请');
    await team.getByText('已申请').waitFor();
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '91-volunteer-applied-360');

    // The leader's phone: the application with the applicant's skills and availability; declined.
    const leaderSide = await newPage(browser, { mobile: true });
    const leader = leaderSide.page;
    await signIn(leader, '13800000007');
    await leader.waitForURL('**/community**');
    await leader.goto('/community/volunteers');
    const application = leader.getByTestId('team-applications').locator('li').filter({ hasText: fixture.teamName });
    await expect(application.getByTestId('applicant-details').textContent()).resolves.toBe('技能：陪伴 · 可服务时间：周六上午');
    expect(await width(leader)).toBeLessThanOrEqual(360);
    await screenshot(leader, '92-volunteer-leader-application-360');
    await application.getByRole('button', { name: '不同意' }).click();
    expect(await toastText(leader)).toContain('已婉拒申请');
    await expect(leader.getByTestId('team-applications').locator('li').filter({ hasText: fixture.teamName }).count()).resolves.toBe(0);

    await page.reload();
    await expect(page.getByTestId('team').filter({ hasText: fixture.teamName }).getByTestId('team-declined').textContent()).resolves.toContain('上次申请未通过');
    await page.getByTestId('team').filter({ hasText: fixture.teamName }).getByTestId('apply-team').waitFor();

    // Every page of the leader's navigation, and every page below the volunteers' page (a shift of their team, its
    // code, a new activity), answers 200 and fits the phone.
    const links = await leader.locator('nav[aria-label=main] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(links).toContain('/community/volunteers');
    await leader.goto('/community/volunteers');
    const below = await leader.locator('main a[href^="/community/volunteers/"]:not([download])').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!.split('?')[0]!))]);
    expect(below).toContain('/community/volunteers/activities/new');
    expect(below.some((h) => /^\/community\/volunteers\/shifts\/[0-9a-f-]{36}$/.test(h))).toBe(true);
    const visited: [string, number][] = [];
    for (const href of new Set([...links, ...below, `/community/volunteers/shifts/${fixture.shiftId}`, `/community/volunteers/shifts/${fixture.shiftId}/qr`])) visited.push([href, await statusOf(leader, href)]);
    expect(visited.filter(([, status]) => status !== 200)).toEqual([]);
    for (const href of [...links, ...below.slice(0, 3)]) {
      await leader.goto(href);
      await leader.waitForLoadState('networkidle');
      expect(await width(leader), href).toBeLessThanOrEqual(360);
    }
    await leaderSide.context.close();
    await context.close();
  }, 240_000);

  it('a published decision’s public page carries a QR code that opens the same page, signed out', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto('/c/jinyuan/decisions');
    const first = page.getByTestId('public-decisions').locator('a').first();
    const href = (await first.getAttribute('href'))!;
    expect(href).toMatch(/^\/c\/jinyuan\/decisions\/[A-Za-z0-9_-]+$/);
    await page.goto(href);
    const img = page.getByAltText('本页二维码');
    await img.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('img[alt="本页二维码"]') as HTMLImageElement | null;
      return Boolean(el && el.complete && el.naturalWidth > 0);
    });
    const text = decodeQrFromPng(await img.screenshot());
    expect(text).toBeTruthy();
    expect(new URL(text!).pathname).toBe(href);
    expect(await width(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '93-committee-decision-share-qr-360');
    // What the code opens answers to anyone, signed out.
    const stranger = await newPage(browser, { mobile: true });
    const response = await stranger.page.goto(new URL(text!).pathname);
    expect(response?.status()).toBe(200);
    await stranger.context.close();
    await context.close();
  }, 60_000);
});
