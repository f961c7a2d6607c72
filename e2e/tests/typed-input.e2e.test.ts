import { describe, expect, it } from 'vitest';
import { BASE_URL, newPage, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { communityQrPath, removeFixtures } from '../support/fixtures.ts';

// Issue 15: what people type is read as they meant it, and pages that should not need a developer.
const browser = useBrowser(removeFixtures);

describe('what people type (issue 15)', () => {
  it('a category sent twice is answered in Chinese under 类别, never with the validator’s English', async () => {
    const path = await communityQrPath('jinyuan');
    const formPage = await (await fetch(`${BASE_URL}${path}`)).text();
    const category = /<option value="([0-9a-f-]{36})">其他<\/option>/.exec(formPage)![1]!;
    const form = new FormData();
    form.append('categoryId', category);
    form.append('categoryId', category);
    form.set('content', '同一个字段发了两次');
    const res = await fetch(`${BASE_URL}${path}`, { method: 'POST', body: form, redirect: 'manual' });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).not.toMatch(/Expected|received array/);
    expect(html).toContain('此项只能填一个值');
    expect(html).toContain('同一个字段发了两次'); // what the resident typed is kept
  });

  it('the inbox finds several words in any order, full-width forms, and tracking codes', async () => {
    const path = await communityQrPath('jinyuan');
    const formPage = await (await fetch(`${BASE_URL}${path}`)).text();
    const category = /<option value="([0-9a-f-]{36})">其他<\/option>/.exec(formPage)![1]!;
    const form = new FormData();
    form.set('categoryId', category);
    form.set('content', '５栋厨房漏水，楼下天花板湿了');
    const sent = await fetch(`${BASE_URL}${path}`, { method: 'POST', body: form, redirect: 'manual' });
    const code = /track\/([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.headers.get('location') ?? '')![1]!;
    const { context, page } = await newPage(browser);
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    for (const q of ['天花板 漏水', '5栋 漏水', code.toLowerCase(), code.replace('-', '')]) {
      await page.goto(`/community/cases?q=${encodeURIComponent(q)}`);
      await expect(page.getByText('５栋厨房漏水').first().isVisible(), q).resolves.toBe(true);
    }
    await context.close();
  });
});

describe('work that should not need a developer (issue 15)', () => {
  it('the time-limit page shows the values in force and takes an end of 24:00', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, '13800000001');
    await page.waitForURL('**/org');
    await page.goto('/org/sla');
    const row = page.getByTestId('sla-all');
    await expect(row.getByTestId('sla-inherited').first().textContent()).resolves.toContain('留空时：8');
    await row.locator('input[name="workStart"]').fill('00:00');
    await row.locator('input[name="workEnd"]').fill('24:00');
    await row.getByRole('button', { name: /保存/ }).click();
    await page.getByText('已保存').first().waitFor();
    await expect(page.locator('[data-testid="sla-all"] input[name="workEnd"]').inputValue()).resolves.toBe('24:00');
    await screenshot(page, 'sla-all-day');
    // Back to the district's defaults, so other files see the usual hours.
    await page.locator('[data-testid="sla-all"] input[name="workStart"]').fill('');
    await page.locator('[data-testid="sla-all"] input[name="workEnd"]').fill('');
    await page.locator('[data-testid="sla-all"]').getByRole('button', { name: /保存/ }).click();
    await page.getByText('已保存').first().waitFor();
    await context.close();
  });

});
