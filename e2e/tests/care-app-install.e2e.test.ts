import { describe, expect, it } from 'vitest';
import { allowConsoleError, newPage, pageWidth, useBrowser } from '../support/browser.ts';
import { goOffline, openCareApp } from '../support/care-app.ts';
import { removeFixtures } from '../support/fixtures.ts';

// Issue 20, "Works without a network", the lines no other test read: the grid worker's pages install as an app (a
// manifest scoped to the app, a service worker in control), and offline the worker looks up a person of their grids
// by name or address in the roster the phone keeps (care.e2e and care-phone.e2e record visits, needs and edits).
const browser = useBrowser(removeFixtures);
// Offline, the browser reports the requests it could not make (Remix's route discovery, the app's own sync).
allowConsoleError(/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_FAILED|ERR_NETWORK_CHANGED/);

describe('the care app installs, and finds a person offline', () => {
  it('a manifest scoped to the app and a service worker in control; offline, the search finds by name or address, and says when no one matches', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await openCareApp(page);
    expect(await page.locator('link[rel=manifest]').getAttribute('href')).toBe('/care.webmanifest');
    const manifest = (await (await page.request.get('/care.webmanifest')).json()) as { start_url: string; scope: string; display: string; lang: string; name: string; icons: { src: string }[] };
    expect(manifest).toMatchObject({ start_url: '/community/care/app', display: 'standalone', lang: 'zh-CN' });
    expect(manifest.start_url.startsWith(manifest.scope)).toBe(true);
    expect(manifest.name).toContain('走访');
    expect(manifest.icons.length).toBeGreaterThan(0);
    for (const icon of manifest.icons) expect((await page.request.get(icon.src)).ok()).toBe(true);
    // Android installs only with PNG icons of 192 and 512 px (the SVG alone was not enough; decision 070).
    const pngs = (manifest.icons as { src: string; sizes?: string; type?: string }[]).filter((i) => i.type === 'image/png');
    expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of pngs) expect((await page.request.get(icon.src)).headers()['content-type']).toContain('image/png');
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toMatch(/\/care-sw\.js$/);

    await goOffline(context, page);
    const cards = page.getByTestId('care-app-person');
    const total = await cards.count();
    expect(total).toBeGreaterThan(1);
    const search = page.getByRole('searchbox', { name: '查找姓名或地址' });
    // By a masked name as the card shows it (e.g. 王**): every card shown carries it.
    const name = (await cards.nth(1).getByTestId('care-app-person-name').textContent())!.trim();
    await search.fill(name);
    const byName = await cards.count();
    expect(byName).toBeGreaterThanOrEqual(1);
    expect(byName).toBeLessThan(total);
    for (let i = 0; i < byName; i++) expect(await cards.nth(i).getByTestId('care-app-person-name').textContent()).toContain(name);
    // By a building, as its address reads.
    const building = /\d+栋/.exec((await cards.nth(0).textContent()) ?? '')?.[0];
    expect(building).toBeTruthy();
    if (building) {
      await search.fill(building);
      expect(await cards.count()).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < (await cards.count()); i++) expect(await cards.nth(i).textContent()).toContain(building);
    }
    // No one of the grids: said, not an empty page.
    await search.fill('查无此人');
    expect(await cards.count()).toBe(0);
    await page.getByTestId('care-app-no-match').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await search.fill('');
    expect(await cards.count()).toBe(total);
    await context.close();
  }, 120_000);
});
