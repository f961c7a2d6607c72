import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { confirmAction, newPage, screenshot, signIn, signInTo, toastText, useBrowser } from '../support/browser.ts';
import { addMembership, createOrgUser, removeFixtures, resourceIds, unitIdByName } from '../support/fixtures.ts';

/**
 * The app shell as every demo role sees it (README's demo logins): the navigation shows only links that answer
 * 200 for that role, a refused page keeps the shell and says where to go instead, every staff page fits a 360 px
 * phone (document.documentElement.scrollWidth <= 360) and has its own <title>. The pages below the menu that
 * landed with the people features (HUBS: meal help's tabs, the register, a volunteer shift, the committee's, the care
 * roster's and the senior school's pages) are walked too, and the public pages (the committee's decisions, the
 * resident's sign-in); 我的 signed in is me.e2e's.
 */
const ROLES = [
  { mobile: '13800000000', role: 'operator', home: '/operator' },
  { mobile: '13800000001', role: 'district', home: '/org' },
  { mobile: '13800000002', role: 'street', home: '/org' },
  { mobile: '13800000003', role: 'department', home: '/org' },
  { mobile: '13800000004', role: 'admin', home: '/community' },
  { mobile: '13800000005', role: 'staff', home: '/community', workspace: /金元社区/ },
  { mobile: '13800000006', role: 'grid', home: '/community' },
  { mobile: '13800000007', role: 'volunteer', home: '/community' },
] as const;

const browser = useBrowser(removeFixtures);

async function signInAs(page: Page, who: (typeof ROLES)[number]) {
  await signIn(page, who.mobile);
  if ('workspace' in who) {
    await page.waitForURL('**/workspaces**');
    await page.getByRole('button', { name: who.workspace }).click();
  }
  await page.waitForURL(`**${who.home}`);
  await page.locator('nav[aria-label=main] a').first().waitFor({ state: 'attached' });
}

/** The links of the main navigation as the page shows them (hrefs, in order). */
async function navLinks(page: Page): Promise<string[]> {
  return page.locator('nav[aria-label=main] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
}

/** The HTTP status of a full page load of `path` with the page's cookies. */
async function statusOf(page: Page, path: string): Promise<number> {
  const response = await page.context().request.get(path, { maxRedirects: 0 });
  return response.status();
}

/** A path with its ids as `:id`, so a list of rows counts as one page to visit. */
const shapeOf = (href: string) => href.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');

/**
 * The links of the page at `path` that lead below `prefix/` (tabs, a row's page), the first of each shape; not files
 * (downloads, and a visit's photo opened in a tab of its own: `target="_blank"`, no page and no title).
 */
async function linksBelow(page: Page, path: string, prefix = path): Promise<string[]> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  const hrefs = await page.locator(`main a[href^="${prefix}/"]:not([download]):not([target="_blank"])`).evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  const seen = new Set<string>();
  return hrefs.map((h) => h.split('?')[0]!).filter((h) => !seen.has(shapeOf(h)) && seen.add(shapeOf(h)));
}

/**
 * The menu pages whose own pages hang below them (issues 16–20): meal help's tabs, the register (new, import,
 * sign-ups, a person), a volunteer shift, the committee's tabs, a meeting and a decision, the care roster's tabs, a
 * person and their visit form, a course of the senior school, the station's monthly settlement. The party page has none.
 */
const HUBS = ['/community/meals', '/community/residents', '/community/volunteers', '/community/committee', '/community/care', '/community/school', '/community/services'];

/**
 * The pages below the menu, reached from a menu page rather than the menu, one of each shape, and one level further
 * below a row's page (what a person's page links to: edit, merge, a visit). Only for the roles whose menu has the
 * page they hang from.
 */
async function pagesBelowTheMenu(page: Page, links: string[]): Promise<string[]> {
  const more: string[] = [];
  const shapes = new Set<string>();
  const add = (hrefs: string[]) => {
    for (const h of hrefs) if (!links.includes(h) && !h.endsWith('/qr') && !shapes.has(shapeOf(h)) && shapes.add(shapeOf(h))) more.push(h);
  };
  for (const hub of HUBS) {
    if (!links.includes(hub)) continue;
    const below = await linksBelow(page, hub);
    add(below);
    for (const row of below.filter((h) => shapeOf(h).endsWith('/:id'))) add(await linksBelow(page, row, hub));
  }
  return more;
}

async function fits360(page: Page): Promise<{ scrollWidth: number; title: string }> {
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, title: document.title }));
}

describe('navigation follows the CASL rules the server sent', () => {
  for (const who of ROLES) {
    it(`every link in the ${who.role}'s navigation answers 200, and every page has its own title`, async () => {
      const { context, page } = await newPage(browser);
      await signInAs(page, who);
      const links = await navLinks(page);
      expect(links.length).toBeGreaterThan(0);
      const titles = new Set<string>();
      for (const href of links) {
        expect([href, await statusOf(page, href)]).toEqual([href, 200]);
        await page.goto(href);
        const title = await page.title();
        expect(title, href).toMatch(/ · 社区治理云$/);
        titles.add(title);
      }
      // Each page names itself: no two links of a console share a title.
      expect(titles.size).toBe(links.length);
      // The pages below the menu (tabs, a row's page) answer 200 too, with their own titles.
      for (const href of await pagesBelowTheMenu(page, links)) {
        expect([href, await statusOf(page, href)]).toEqual([href, 200]);
        await page.goto(href);
        expect(await page.title(), href).toMatch(/ · 社区治理云$/);
      }
      await context.close();
    }, 240_000); // every link twice (status, then the page)
  }

  it('a volunteer-team leader sees no link that would answer 403; opening one keeps the shell and offers where to go', async () => {
    const { context, page } = await newPage(browser);
    await signInAs(page, ROLES[7]);
    const links = await navLinks(page);
    for (const refused of ['/community/cases', '/community/grids', '/community/qr']) {
      expect(links).not.toContain(refused);
      expect(await statusOf(page, refused)).toBe(403);
    }
    const response = await page.goto('/community/cases');
    expect(response?.status()).toBe(403);
    await page.getByTestId('error-page').waitFor();
    // The shell stays: the user's name, the navigation, and the places this user may go instead.
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('周敏');
    expect(await navLinks(page)).toEqual(links);
    const instead = await page.getByTestId('may-instead').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(instead).toEqual(links);
    await expect(page.title()).resolves.toMatch(/ · 社区治理云$/);
    await screenshot(page, 'shell-403-volunteer');
    await context.close();
  });

  /** Waits for a refusal drawn inside the shell, and checks it is the caller's own: their name, links, sign-out, and where to go. */
  async function refusedInOwnShell(page: Page, path: string, status: number, own: { name: string; links: string[] }, says: RegExp) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(status);
    await page.getByTestId('error-page').waitFor();
    await expect(page.getByTestId('user-name').textContent(), path).resolves.toBe(own.name);
    expect(await navLinks(page), path).toEqual(own.links);
    await expect(page.getByTestId('sign-out').count(), path).resolves.toBe(1);
    await expect(page.getByTestId('error-message').textContent(), path).resolves.toMatch(says);
    const instead = await page.getByTestId('may-instead').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(instead, path).toEqual(own.links);
    await expect(page.title(), path).resolves.toMatch(/^无权访问 · 社区治理云$|^页面不存在 · 社区治理云$/);
  }

  it('a page of another console (operator, officers, community) opens inside the caller’s own console, saying whose it is', async () => {
    // Found from outside (issue 12): 13800000004 and 13800000007 at /operator or /org got a bare 403 card, no shell.
    const cases = [
      [ROLES[4], ['/operator', '/org/dashboard', '/operator/accounts'], /平台运营控制台|街道\/区工作台/],
      [ROLES[7], ['/org', '/operator/imports'], /平台运营控制台|街道\/区工作台/],
      [ROLES[2], ['/community', '/community/residents', '/operator'], /社区工作台|平台运营控制台/],
      [ROLES[0], ['/community/cases'], /社区工作台/],
    ] as const;
    for (const [who, paths, says] of cases) {
      const { context, page } = await newPage(browser);
      await signInAs(page, who);
      const own = { name: (await page.getByTestId('user-name').textContent())!, links: await navLinks(page) };
      for (const path of paths) await refusedInOwnShell(page, path, 403, own, says);
      // A place offered instead opens: the console's home, the refusal gone.
      await page.waitForLoadState('networkidle');
      await page.getByTestId('may-instead').locator('a').first().click();
      await page.waitForURL(`**${who.home}`);
      await page.getByTestId('error-page').waitFor({ state: 'detached' });
      expect(await navLinks(page)).toEqual(own.links);
      await context.close();
    }
  }, 120_000);

  it('someone who also works where the page opens is offered that workspace, and lands on the page', async () => {
    const person = await createOrgUser('两头任职的干部', 'street_officer', await unitIdByName('金源街道'));
    await addMembership(person.id, 'community_staff', 'jinyuan');
    const { context, page } = await newPage(browser);
    await signInTo(page, person.mobile, /金元社区/);
    const response = await page.goto('/org/cases');
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('error-message').textContent()).resolves.toContain('街道/区工作台');
    await page.getByTestId('switch-workspace').getByRole('button', { name: /金源街道/ }).click();
    await page.waitForURL('**/org/cases');
    expect(await navLinks(page)).toContain('/org/cases');
    await screenshot(page, 'shell-403-switched');
    await context.close();
  });

  it('a file or a QR code refused to a browser opening it is a page in the shell with its status; an image or a fetch gets the plain refusal', async () => {
    const { qrId } = await resourceIds('jinyuan');
    const cases = [
      // The committee's yearly report (PDF, Excel) to a grid worker; a QR code's PNG to a volunteer-team leader; the
      // dashboard's Excel to a street officer (another console's file).
      [ROLES[6], ['/community/committee/report?format=pdf', '/community/committee/report?format=xlsx']],
      [ROLES[7], [`/community/qr/${qrId}/png`]],
      [ROLES[2], ['/community/dashboard/export']],
    ] as const;
    for (const [who, paths] of cases) {
      const { context, page } = await newPage(browser);
      await signInAs(page, who);
      const own = { name: (await page.getByTestId('user-name').textContent())!, links: await navLinks(page) };
      for (const path of paths) {
        await refusedInOwnShell(page, path, 403, own, /无权/);
        // What an <img> or a script loads is refused as before: the status and a line, no page around it.
        const plain = await page.context().request.get(path, { maxRedirects: 0 });
        expect(plain.status(), path).toBe(403);
        expect(await plain.text(), path).not.toContain('data-testid="user-name"');
      }
      await screenshot(page, `shell-403-file-${who.role}`);
      await context.close();
    }
    // On a phone the refused file's page (sent without scripts) still opens its menu.
    const { context, page } = await newPage(browser, { mobile: true });
    await signInAs(page, ROLES[6]);
    await page.goto('/community/committee/report?format=pdf');
    await page.getByTestId('error-page').waitFor();
    await page.getByTestId('menu-button').click();
    await expect(page.locator('nav[aria-label=main]').isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  }, 120_000);

  it('the committee’s yearly report is offered only to whom the server gives it (a grid worker: no link, 403)', async () => {
    // Found from outside (issue 12): 13800000006 saw 年度报告（PDF）/（Excel） links that answered 403.
    for (const [who, offered] of [[ROLES[6], false], [ROLES[4], true]] as const) {
      const { context, page } = await newPage(browser);
      await signInAs(page, who);
      await page.goto('/community/committee');
      await page.getByTestId('meetings').waitFor({ state: 'attached' });
      for (const format of ['pdf', 'xlsx']) {
        await expect(page.getByTestId(`report-${format}`).count(), `${who.role} ${format}`).resolves.toBe(offered ? 1 : 0);
        const response = await page.context().request.get(`/community/committee/report?format=${format}`, { maxRedirects: 0 });
        // Offered: the file itself (200 and its type); not offered: refused, not merely missing.
        expect(response.status(), `${who.role} ${format}`).toBe(offered ? 200 : 403);
        if (offered) expect(response.headers()['content-type'], `${who.role} ${format}`).toMatch(format === 'pdf' ? /application\/pdf/ : /spreadsheetml/);
      }
      await context.close();
    }
  }, 120_000);

  it('two meetings, two decisions and two courses have different titles, each naming its item', async () => {
    // Found from outside (issue 12): every meeting page was "协商会议 · 社区治理云", every course page the same.
    const { context, page } = await newPage(browser);
    await signInAs(page, ROLES[4]);
    for (const [hub, below] of [['/community/committee', '/community/committee/meetings/'], ['/community/committee', '/community/committee/decisions/'], ['/community/school', '/community/school/courses/']] as const) {
      await page.goto(hub);
      await page.waitForLoadState('networkidle');
      const hrefs = [...new Set(await page.locator(`main a[href^="${below}"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('?')[0]!)))].filter((h) => shapeOf(h) === `${below}:id`);
      expect(hrefs.length, below).toBeGreaterThanOrEqual(2);
      const titles: string[] = [];
      for (const href of hrefs.slice(0, 2)) {
        await page.goto(href);
        const name = (await page.locator('main h1').first().textContent())!.trim();
        const title = await page.title();
        expect(title, href).toMatch(/ · 社区治理云$/);
        expect(title.startsWith(`${name} · `), `${href}: ${title} names ${name}`).toBe(true);
        titles.push(title);
      }
      expect(titles[0], below).not.toBe(titles[1]);
    }
    await context.close();
  }, 120_000);

  it('a grid worker is not offered 更换二维码; the community admin is, and replacing asks first then confirms', async () => {
    const grid = await newPage(browser);
    await signInAs(grid.page, ROLES[6]);
    await grid.page.goto('/community/qr');
    await grid.page.getByTestId('qr-url').first().waitFor();
    await expect(grid.page.getByRole('button', { name: '更换二维码' }).count()).resolves.toBe(0);
    await grid.context.close();

    const admin = await newPage(browser);
    await signInAs(admin.page, ROLES[4]);
    await admin.page.goto('/community/qr');
    const buttons = admin.page.getByRole('button', { name: '更换二维码' });
    expect(await buttons.count()).toBeGreaterThan(0);
    await admin.page.waitForLoadState('networkidle');
    await buttons.first().click();
    await admin.page.getByRole('alertdialog').waitFor();
    await confirmAction(admin.page);
    await expect(toastText(admin.page)).resolves.toContain('二维码已更换');
    await admin.context.close();
  });
});

describe('the public pages at 360 px', () => {
  it('the committee’s published decisions and the resident’s sign-in answer 200, fit 360 px and have their titles, signed out', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    const pages = ['/c/jinyuan/decisions', '/c/jinyuan/me/sign-in'];
    await page.goto('/c/jinyuan/decisions');
    const first = page.locator('main a[href^="/c/jinyuan/decisions/"]').first();
    if (await first.count()) pages.push((await first.getAttribute('href'))!);
    expect(pages.length, 'the demo has published decisions').toBe(3);
    const wide: string[] = [];
    for (const href of pages) {
      expect([href, await statusOf(page, href)]).toEqual([href, 200]);
      await page.goto(href);
      const { scrollWidth, title } = await fits360(page);
      expect(title, href).toMatch(/ · 社区治理云$/);
      await screenshot(page, `360-public${href.replace(/\//g, '-').replace(/-[0-9a-zA-Z_-]{16,}$/, '-token')}`);
      if (scrollWidth > 360) wide.push(`${href}: ${scrollWidth}px`);
    }
    expect(wide).toEqual([]);
    await context.close();
  });
});

describe('every staff page at 360 px', () => {
  for (const who of ROLES) {
    it(`the ${who.role}'s pages fit a 360 px screen, the header folds into a menu`, async () => {
      const { context, page } = await newPage(browser, { mobile: true });
      await signInAs(page, who);
      // The navigation is folded away until the menu button opens it.
      await expect(page.locator('nav[aria-label=main]').isVisible()).resolves.toBe(false);
      await page.getByTestId('menu-button').click();
      await expect(page.locator('nav[aria-label=main]').isVisible()).resolves.toBe(true);
      const links = await navLinks(page);
      const pages = [...links, '/notifications'];
      // A case page too, where this role has an inbox with cases in it.
      if (links.includes('/community/cases') || links.includes('/org/cases')) {
        await page.goto(links.includes('/community/cases') ? '/community/cases' : '/org/cases');
        const first = page.locator('[data-testid=inbox] a, [data-testid=held-cases] a').first();
        if (await first.count()) pages.push((await first.getAttribute('href'))!);
      }
      // An officer's drill-down into one community's figures too (reached from the comparison, not the menu).
      if (links.includes('/org/dashboard')) {
        await page.goto('/org/dashboard');
        const first = page.getByTestId('comparison-row').locator('a').first();
        if (await first.count()) pages.push((await first.getAttribute('href'))!.split('?')[0]!);
      }
      // The people features' pages below the menu (HUBS).
      pages.push(...(await pagesBelowTheMenu(page, links)));
      const wide: string[] = [];
      for (const href of pages) {
        await page.goto(href);
        const { scrollWidth, title } = await fits360(page);
        expect(title, href).toMatch(/ · 社区治理云$/);
        await screenshot(page, `360-${who.role}${href.replace(/\//g, '-').replace(/-[0-9a-f]{8}-[0-9a-f-]{27}/g, '-id')}`);
        if (scrollWidth > 360) wide.push(`${href}: ${scrollWidth}px`);
      }
      // Every page, the dashboards too (their tables scroll inside their own box, the chart follows the width).
      expect(wide).toEqual([]);
      await context.close();
    }, 360_000); // ten to twenty pages, each loaded to network idle and photographed whole
  }
});
