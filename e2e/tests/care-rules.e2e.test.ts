import { describe, expect, it } from 'vitest';
import { newPage, pageWidth, screenshot, signIn, toastText, useBrowser } from '../support/browser.ts';
import { removeCareRuleVersion, removeFixtures } from '../support/fixtures.ts';

// Issue 20 (outside trial, fault 9): the care rules are versioned with dates, and a page shows them — every version
// with its date, who saved it, its tiers and frequencies in words, the one in force today, the one that applied on a
// chosen day — at 360 px; the office adds a version from a date (prefilled, refusals beside the fields with the typing
// kept); a grid worker reads it. The roster's "以当时生效的规则为准" links to it.
const chinaDayPlus = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const day = chinaDayPlus(300); // far ahead: no window opens with it while other tests run
const browser = useBrowser(() => removeCareRuleVersion(day), removeFixtures);

describe('the care rules page', () => {
  it('shows every version in words and which is in force; the office adds one from a date; a grid worker reads it', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/care');
    await page.getByTestId('care-definitions').getByTestId('care-rules-link').click();
    await page.waitForURL('**/community/care/rules');
    await page.waitForFunction(() => document.title.includes('探访规则'));
    const inForce = page.locator('[data-testid=care-rules-version][data-in-force=true]');
    await inForce.getByText('今天生效').waitFor();
    await inForce.getByTestId('care-rules-policies').getByText(/高风险：每周至少探访一次，计入方式：入户/).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '80-care-rules-360');

    // Refused: a tier rule naming nothing, no kind of contact for a tier — said beside the fields, the typing kept.
    const form = page.getByTestId('care-rules-form');
    expect(await form.getByLabel('生效日期').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await form.getByLabel('生效日期').fill(day);
    await form.getByLabel('说明（选填）').fill('区民政局新规');
    const high = form.getByTestId('care-rules-policy-high');
    await high.getByLabel('入户').uncheck();
    const rows = form.getByTestId('care-rules-row');
    const last = rows.last();
    await last.getByRole('combobox').selectOption('priority');
    await form.getByRole('button', { name: '保存新版本' }).click();
    await high.getByText('请至少勾选一种计入方式').waitFor();
    await last.getByText('这一条要写标签或年龄，否则请把分级留空').waitFor();
    expect(await form.getByLabel('说明（选填）').inputValue()).toBe('区民政局新规');
    expect(await form.getByLabel('生效日期').inputValue()).toBe(day);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);

    // A tag the register does not have (decision 073: the defaults named 重病 and 孤儿, which it lacked): refused beside
    // its own row (a blank row above it), naming the tag and what to do.
    await high.getByLabel('入户').check();
    await high.getByLabel('电话').check();
    await last.getByLabel('带有其一的标签').fill('低保、网红');
    await form.getByRole('button', { name: '保存新版本' }).click();
    await last.getByText(/第 \d+ 条用到的“网红”不是本社区居民档案里的标签/).waitFor();
    expect(await last.getByLabel('带有其一的标签').inputValue()).toBe('低保、网红');

    // Saved: listed first, not yet in force; the day looked up names it.
    await last.getByLabel('带有其一的标签').fill('低保、独居');
    await last.getByLabel('最低年龄').fill('70');
    await form.getByRole('button', { name: '保存新版本' }).click();
    expect(await toastText(page)).toContain(`新版规则已保存，${day} 起生效`);
    const first = page.getByTestId('care-rules-version').first();
    await first.getByText('尚未生效').waitFor();
    await first.getByText('说明：区民政局新规').waitFor();
    await first.getByText(/保存$|于 .* 保存/).waitFor();
    await first.getByText('高风险：每周至少探访一次，计入方式：入户、电话').waitFor();
    await first.getByText('带有 低保、独居 之一，年满 70 岁 → 重点').waitFor();
    await page.getByLabel('日期', { exact: true }).fill(day);
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByTestId('care-rules-on-day').getByText(`${day} 适用：${day} 起生效`).waitFor();

    // A grid worker reads the versions, and adds none.
    const worker = await newPage(browser, { mobile: true });
    await signIn(worker.page, '13800000006');
    await worker.page.waitForURL('**/community');
    await worker.page.goto('/community/care/rules');
    await worker.page.getByText(`${day} 起生效`).first().waitFor();
    await worker.page.getByTestId('care-rules-read-only').waitFor();
    expect(await worker.page.getByTestId('care-rules-form').count()).toBe(0);
    expect(await pageWidth(worker.page)).toBeLessThanOrEqual(360);
    // A day that is not one is named on the 400 page, not silently ignored or read as another day.
    const impossible = await worker.page.goto('/community/care/rules?day=2026-02-30');
    expect(impossible!.status()).toBe(400);
    await worker.page.getByText('2026-02-30').first().waitFor();
  });
});
