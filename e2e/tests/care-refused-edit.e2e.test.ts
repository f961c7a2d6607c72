import { describe, expect, it } from 'vitest';
import { allowConsoleError, newPage, useBrowser } from '../support/browser.ts';
import { goOffline, openCareApp, personAt, putQueue, readQueue, waitCount } from '../support/care-app.ts';
import { removeFixtures, residentRoomAndEdits } from '../support/fixtures.ts';

// Issue 20, after the last trial's review: a person's edit made in the phone app that the server refused could only be
// removed (移除) on the phone, where a refused visit or need opens to fix and is sent again (decision 076). A refused
// edit now opens the same way: its form filled with what was kept, the server's message beside the field it names,
// and saved it waits again under its own id and is applied once.
const browser = useBrowser(removeFixtures);
allowConsoleError(/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_FAILED|ERR_NETWORK_CHANGED/);

describe('a refused edit of a person opens to fix and is sent again', () => {
  it('an edit an older app kept with 🏠 as the room: refused beside 房号, fixed, applied once — the same id, no conflict', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await openCareApp(page);
    const residentId = await personAt(page, 2);
    const before = await residentRoomAndEdits(residentId);
    await goOffline(context, page);
    const card = page.locator(`[data-testid=care-app-person][data-resident-id="${residentId}"]`);
    await card.getByTestId('care-app-edit').click();
    const form = page.getByTestId('care-app-edit-form');
    await form.getByLabel('房号').fill('701');
    await page.getByTestId('care-app-save-edit').click();
    await waitCount(page, 'care-app-waiting-count', 1);
    // As an older app kept it (before the phone checked rooms): five houses as the room.
    const [rec] = (await readQueue(page)).filter((r) => r.residentId === residentId && r.state === 'waiting');
    const kept = JSON.parse(String(rec!.fields.edit)) as { mine: Record<string, string | null> };
    await putQueue(page, [{ ...rec, fields: { edit: JSON.stringify({ ...kept, mine: { ...kept.mine, room: '🏠🏠🏠🏠🏠' } }) } }]);

    await context.setOffline(false);
    const refused = page.getByTestId('care-app-refused').filter({ hasText: '单元、房号只能填写文字、数字' });
    await refused.waitFor({ timeout: 30_000 });
    // What was typed stays readable on the refused line; nothing reached the register.
    expect(await refused.getByTestId('care-app-refused-content').textContent()).toContain('🏠🏠🏠🏠🏠');
    expect(await residentRoomAndEdits(residentId)).toEqual(before);

    // Before, only 移除 was offered: now 打开修改, the form filled with what was kept and the message beside 房号.
    await refused.getByTestId('care-app-fix').click();
    await form.waitFor();
    expect(await form.getByLabel('房号').inputValue()).toBe('🏠🏠🏠🏠🏠');
    await form.getByText('单元、房号只能填写文字、数字').waitFor();
    await form.getByLabel('房号').fill('702');
    await page.getByTestId('care-app-save-edit').click();
    await expect.poll(async () => (await residentRoomAndEdits(residentId)).room, { timeout: 30_000 }).toBe('702');
    await waitCount(page, 'care-app-waiting-count', 0);
    await page.waitForFunction(() => !document.querySelector('[data-testid=care-app-refused]'), undefined, { timeout: 30_000 });
    // Applied once, under the id the phone gave it; no conflict (the register had not changed meanwhile).
    const after = await residentRoomAndEdits(residentId);
    expect(after.edits).toEqual({ ...before.edits, [rec!.id]: 'applied' });
    expect((await readQueue(page)).filter((r) => r.residentId === residentId)).toHaveLength(0);
    await context.close();
  }, 180_000);
});
