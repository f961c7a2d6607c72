import { describe, expect, it } from 'vitest';
import { newPage, signInTo, useBrowser } from '../support/browser.ts';
import { newestCase, notifyAboutCase, removeFixtures } from '../support/fixtures.ts';

// Stop 31 (t34): a staff member of 金元 and 碧海 opened, from the bell in 金元's workspace, a notice about a 碧海 case,
// and its link answered 404 (the case page answers in its own community's workspace only).
const browser = useBrowser(removeFixtures);

describe('the bell of someone who works in two communities', () => {
  it('opens a case of the other community through the workspace chooser, and lands on it', async () => {
    const bihaiCase = await newestCase('bihai');
    const remove = await notifyAboutCase('13800000005', 'bihai', bihaiCase.id, bihaiCase.trackingCode);
    try {
      const { page } = await newPage(browser, { mobile: true });
      await signInTo(page, '13800000005', /金元社区/);
      await page.goto('/notifications');
      // The demo history may hold notices of this case too: every one links the same way.
      const link = page.locator(`a[href*="${encodeURIComponent(`/community/cases/${bihaiCase.id}`)}"]`).first();
      await expect(link.getAttribute('href')).resolves.toBe(`/workspaces?redirectTo=${encodeURIComponent(`/community/cases/${bihaiCase.id}`)}`);
      await link.click();
      await page.waitForURL('**/workspaces**');
      await page.getByRole('button', { name: /碧海社区/ }).click();
      await page.waitForURL(`**/community/cases/${bihaiCase.id}`);
      await page.getByText(bihaiCase.content).first().waitFor();
    } finally {
      await remove();
    }
  }, 90_000);
});
