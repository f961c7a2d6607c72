import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allowConsoleError, newPage, useBrowser } from '../support/browser.ts';
import { goOffline, openCareApp, personAt, putQueue, queueVisit, readQueue } from '../support/care-app.ts';
import { removeFixtures } from '../support/fixtures.ts';

// Issue 20, an outside trial (t36; decision 078), on a phone at 360 px.
const browser = useBrowser(removeFixtures);
allowConsoleError(/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_FAILED|ERR_NETWORK_CHANGED/);

async function signOutFromMenu(page: Page) {
  if (!(await page.getByTestId('sign-out-menu').isVisible())) await page.getByTestId('menu-button').click();
  await page.getByTestId('sign-out-menu').click();
}

describe('signing out of the care app', () => {
  it('asks first when a record the server refused is on the phone, not only when one waits (fault 2)', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await openCareApp(page);
    const residentId = await personAt(page, 0);
    await goOffline(context, page);
    await queueVisit(page, residentId, 't36 被拒绝的走访');
    // As the server's refusal leaves it: kept on the phone with its message, not sent again.
    const [rec] = await readQueue(page);
    await putQueue(page, [{ ...rec, state: 'refused', message: '没有找到这位关爱对象' }]);
    await page.close();
    await context.setOffline(false);
    const roster = await context.newPage();
    await roster.goto('/community/care');
    await roster.getByTestId('care-row').first().waitFor();
    await signOutFromMenu(roster);
    const dialog = roster.getByTestId('sign-out-dialog');
    await dialog.getByText('还有 1 条走访助手的记录没有被接收（等待发送 0 条，未被接收 1 条）').waitFor();
    expect(await roster.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await dialog.getByTestId('sign-out-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await readQueue(roster)).map((r) => r.state)).toEqual(['refused']);
    await context.close();
  }, 180_000);
});
