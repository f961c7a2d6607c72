import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE_URL, newPage, pageWidth, signIn, useBrowser } from '../support/browser.ts';
import { createWallWish, openActionItem, removeFixtures, TINY_PNG } from '../support/fixtures.ts';

// Issue 20's leftover (decision 060): the forms with a photo on a page of several (a wish's 点亮 on the wish wall, an
// action item's progress on a decision) post to `?form=<key>`, so that a photo too large to read is still told beside
// the right form. Checked here with and without JavaScript: a refusal lands on the same page, beside its field, with
// what was typed; once saved, the page's own address is shown (no `?form=` for a reload to post again).
const browser = useBrowser(removeFixtures);

const tomorrow = () => new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
const notAnImage = { name: '照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是一张图片'.repeat(10)) };
const png = { name: '现场.png', mimeType: 'image/png', buffer: TINY_PNG };

/** The office records a partner unit's claim of a fresh wish (so it can be lit); the wish's card. */
async function claimedWish(page: Page) {
  const title = await createWallWish();
  await page.goto('/community/volunteers/wishes');
  const card = page.getByTestId('staff-wish').filter({ hasText: title });
  const claim = card.getByTestId('unit-claim');
  await claim.locator('select[name=partnerUnitId]').selectOption({ index: 1 });
  await claim.locator('input[name=promisedOn]').fill(tomorrow());
  await claim.getByRole('button', { name: '登记单位认领' }).click();
  await card.getByText('已认领').first().waitFor();
  return { title, card: page.getByTestId('staff-wish').filter({ hasText: title }) };
}

async function signedInOffice(javaScript: boolean): Promise<Page> {
  if (javaScript) {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    return page;
  }
  const context = await browser.newContext({ baseURL: BASE_URL, locale: 'zh-CN', viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, '13800000004');
  await page.waitForURL('**/community');
  return page;
}

describe('photo forms posted to ?form=…', () => {
  for (const javaScript of [true, false]) {
    it(`a wish's 点亮 ${javaScript ? 'with' : 'without'} JavaScript: refusals beside their field with the thanks kept; saved, the plain address`, async () => {
      const page = await signedInOffice(javaScript);
      const { card } = await claimedWish(page);
      const thanks = card.getByLabel('居民的感谢（公开）');
      // Too long (300 at most): refused beside the thanks, on the page posted to, the text still there.
      const long = '谢'.repeat(301);
      await thanks.fill(long);
      await card.getByRole('button', { name: '确认点亮' }).click();
      await card.locator('input[name=thanks][aria-invalid="true"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/community/volunteers/wishes');
      expect(await thanks.inputValue()).toBe(long);
      expect(await page.getByTestId('error-page').count()).toBe(0);
      // A file that is no image: refused beside the photo; the thanks typed with it kept.
      await thanks.fill('谢谢你们送来的象棋！');
      await card.locator('input[name=photo]').setInputFiles(notAnImage);
      await card.getByRole('button', { name: '确认点亮' }).click();
      await card.getByText('只能上传 JPG、PNG 或 WebP 图片').first().waitFor();
      expect(await thanks.inputValue()).toBe('谢谢你们送来的象棋！');
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      // Saved with a real photo: the wish is lit and the address is the page's own.
      await card.locator('input[name=photo]').setInputFiles(png);
      await card.getByRole('button', { name: '确认点亮' }).click();
      await page.waitForURL((u) => u.pathname === '/community/volunteers/wishes' && !u.searchParams.has('form'));
      // (The unit claim's message may still be shown: the one of this step is looked for.)
      if (javaScript) await page.getByTestId('toast').filter({ hasText: '心愿已点亮' }).waitFor();
      await card.getByText('已点亮').first().waitFor();
      expect(new URL(page.url()).search).toBe('');
      // A reload reads the page again (nothing posted twice, no error page).
      await page.reload();
      await card.getByText('已点亮').first().waitFor();
      expect(await page.getByTestId('error-page').count()).toBe(0);
      await page.context().close();
    }, 120_000);
  }

  it('an action item’s progress, with and without JavaScript: a refusal keeps the note and result; saved, the plain address', async () => {
    const item = await openActionItem();
    for (const javaScript of [true, false]) {
      const page = await signedInOffice(javaScript);
      await page.goto(`/community/committee/decisions/${item.decisionId}`);
      const form = () => page.getByTestId('action-item').filter({ hasText: item.title }).getByTestId('progress-form');
      await form().getByLabel('进度（%）').fill('150');
      await form().getByLabel('进展说明').fill(`座椅已订购 ${javaScript ? 'js' : 'html'}`);
      await form().getByLabel('实施结果').fill('尚未完成');
      await form().getByRole('button', { name: '更新进度' }).click();
      await form().locator('input[name=progress][aria-invalid="true"]').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/community/committee/decisions/${item.decisionId}`);
      expect(await form().getByLabel('进度（%）').inputValue()).toBe('150');
      expect(await form().getByLabel('进展说明').inputValue()).toBe(`座椅已订购 ${javaScript ? 'js' : 'html'}`);
      expect(await form().getByLabel('实施结果').inputValue()).toBe('尚未完成');
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      // Saved (no photo is needed): the page's own address again.
      await form().getByLabel('进度（%）').fill(javaScript ? '10' : '20');
      await form().getByLabel('实施结果').fill('');
      await form().getByRole('button', { name: '更新进度' }).click();
      await page.waitForURL((u) => u.pathname === `/community/committee/decisions/${item.decisionId}` && !u.searchParams.has('form'));
      await page.getByTestId('action-item').filter({ hasText: item.title }).getByTestId('action-progress').filter({ hasText: javaScript ? '10%' : '20%' }).waitFor();
      expect(new URL(page.url()).search).toBe('');
      await page.context().close();
    }
  }, 180_000);

  it('the care period form without JavaScript: a refused period comes back with its name and days', async () => {
    const page = await signedInOffice(false);
    await page.goto('/community/care/manage');
    const form = page.getByTestId('care-period-form');
    await form.locator('select[name=kind]').selectOption('festival');
    await form.getByLabel('名称').fill('重阳节探访');
    // Days long past: refused beside the last day (nothing declared), the page rendered anew by the server.
    await form.locator('input[name=firstDay]').fill('2020-01-01');
    await form.locator('input[name=lastDay]').fill('2020-01-03');
    await form.getByRole('button', { name: '声明时段' }).click();
    await page.getByTestId('care-period-form').locator('input[name=lastDay][aria-invalid="true"]').waitFor();
    const again = page.getByTestId('care-period-form');
    expect(await again.locator('select[name=kind]').inputValue()).toBe('festival');
    expect(await again.getByLabel('名称').inputValue()).toBe('重阳节探访');
    expect(await again.locator('input[name=firstDay]').inputValue()).toBe('2020-01-01');
    expect(await again.locator('input[name=lastDay]').inputValue()).toBe('2020-01-03');
    await page.context().close();
  }, 90_000);
});
