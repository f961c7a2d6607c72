import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, signIn, useBrowser } from '../support/browser.ts';

// Issue 15, "figures and exports a district can hand upward": periods read as chosen (or refused, never replaced),
// shown with their last day; charts that fit their card at every width, print, and say when there is nothing;
// exports with percentages, units and the right headers; a district's street filter.
const browser = useBrowser();

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** Nothing sticks out: the page does not scroll sideways, and every part of the chart lies inside its card. */
async function expectChartFits(page: Page, label: string) {
  const m = await page.evaluate(() => {
    const figure = document.querySelector('[data-testid="trend-chart"]') as HTMLElement;
    const card = figure.closest('.rounded-lg') as HTMLElement;
    const box = card.getBoundingClientRect();
    const outside = Array.from(figure.querySelectorAll('*'))
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)).length;
    // What sticks out of the window, if anything (named in the failure): innermost elements only.
    const wide = Array.from(document.body.querySelectorAll('*'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !Array.from(e.children).some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5))
      .filter((e) => !e.closest('.overflow-x-auto'))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)} "${(e.textContent ?? '').slice(0, 20)}" right=${Math.round(e.getBoundingClientRect().right)}`);
    return { doc: document.documentElement.scrollWidth, vw: window.innerWidth, cardScroll: card.scrollWidth, cardWidth: card.clientWidth, figure: figure.getBoundingClientRect().width, outside, wide };
  });
  expect(m.doc, `${label}: page scrolls sideways: ${m.wide.join(' | ')}`).toBeLessThanOrEqual(m.vw);
  expect(m.cardScroll, `${label}: chart card overflows`).toBeLessThanOrEqual(m.cardWidth);
  expect(m.outside, `${label}: chart parts outside the card`).toBe(0);
  expect(m.figure, `${label}: chart uses its card`).toBeGreaterThan(m.cardWidth * 0.7);
}

describe('dashboard periods, charts and exports', () => {
  it('a district officer picks 月 after 年: gets a month, not the year; unreadable periods are refused with a message', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, '13800000001');
    await page.waitForURL('**/org');
    await page.goto('/org/dashboard');
    await page.getByTestId('comparison').waitFor();
    const year = chinaToday().slice(0, 4);
    // The year shown by default, with its last day (not the next year's first).
    await expect(page.getByTestId('period-range').textContent()).resolves.toBe(`${year}-01-01 至 ${year}-12-31`);
    // Choosing 月 puts a month in the month picker (this month), never the year that was in the field.
    await page.getByTestId('period-kind').selectOption('month');
    const month = chinaToday().slice(0, 7);
    await expect(page.getByTestId('period-value').inputValue()).resolves.toBe(month);
    expect(await page.getByTestId('period-value').getAttribute('type')).toBe('month');
    await page.getByTestId('period-picker').getByRole('button').click();
    await page.waitForURL(/kind=month/);
    expect(new URL(page.url()).searchParams.get('value')).toBe(month);
    await page.getByTestId('period-range').filter({ hasText: `${month}-01 至 ${lastDay(month)}` }).waitFor();
    // 季度 and 年 are lists of real quarters and years.
    await page.getByTestId('period-kind').selectOption('quarter');
    expect(await page.getByTestId('period-value').evaluate((e) => e.tagName)).toBe('SELECT');
    await expect(page.getByTestId('period-value').inputValue()).resolves.toMatch(/^\d{4}-Q[1-4]$/);

    // The examples of the issue, typed into the address: refused with a message, the figures of no other period.
    for (const [q, words] of [
      ['kind=month&value=2026', ['“2026”不是月份']],
      ['kind=month&value=2026-13', ['“2026-13”不是月份']],
      ['kind=quarter&value=2026-Q5', ['不是季度']],
      ['kind=custom&value=2026-03-10&to=2026-03-01', ['早于']],
      ['kind=custom&value=2026-02-30&to=2026-03-01', ['不是有效的起止日期']],
    ] as const) {
      const res = await page.goto(`/org/dashboard?${q}`);
      expect(res?.status(), q).toBe(400);
      for (const w of words) await expect(page.getByTestId('period-error').textContent(), q).resolves.toContain(w);
      expect(await page.getByTestId('comparison').count(), q).toBe(0);
      // The kind that was asked for stays chosen.
      await expect(page.getByTestId('period-kind').inputValue()).resolves.toBe(new URLSearchParams(q).get('kind'));
    }
    await screenshot(page, '52-dashboard-period-refused');
    const refusedExport = await page.request.get('/org/dashboard/export?kind=month&value=2026-13&format=csv');
    expect(refusedExport.status()).toBe(400);
    expect(await refusedExport.text()).toContain('不是月份');
    await context.close();
  });

  it('charts fit their card at 360, 768 and 1280 px, print, and say when there is nothing to draw', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, '13800000001');
    await page.waitForURL('**/org');
    for (const width of [1280, 768, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/org/dashboard?kind=year&value=${chinaToday().slice(0, 4)}`);
      await page.getByTestId('trend-chart').waitFor();
      // Every month of the year is on the chart, the latest included.
      expect(await page.getByTestId('trend-chart').locator('table tbody tr').count()).toBe(12);
      await expectChartFits(page, `district ${width}px`);
      await screenshot(page, `53-district-dashboard-${width}`);
      await page.goto(`/org/dashboard?kind=month&value=${chinaToday().slice(0, 7)}`);
      await expectChartFits(page, `district month ${width}px`);
    }
    // Printed (A4-ish width): still inside its card, the line drawn.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await page.goto(`/org/dashboard?kind=year&value=${chinaToday().slice(0, 4)}`);
    await expectChartFits(page, 'print');
    expect(await page.getByTestId('period-picker').isVisible()).toBe(false);
    expect(await page.getByTestId('trend-chart').locator('polyline').count()).toBeGreaterThan(0);
    await screenshot(page, '54-district-dashboard-print');
    await page.emulateMedia({ media: 'screen' });
    // A year without cases: the chart says so instead of drawing an empty frame.
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto('/org/dashboard?kind=year&value=2001');
    expect(await page.getByTestId('trend-chart').getAttribute('data-empty')).toBe('true');
    await expect(page.getByTestId('trend-chart').textContent()).resolves.toContain('没有');
    await context.close();

    // The community's own page, on a phone.
    const admin = await newPage(browser, { mobile: true });
    await signIn(admin.page, '13800000004');
    await admin.page.waitForURL('**/community');
    for (const width of [360, 768, 1280]) {
      await admin.page.setViewportSize({ width, height: 900 });
      await admin.page.goto('/community/dashboard');
      await admin.page.getByTestId('trend-chart').waitFor();
      await expectChartFits(admin.page, `community ${width}px`);
      // The street's counts are per community (超期未办结 was shown as the street's total).
      const streetOverdue = await admin.page.getByTestId('community-figures').locator('tr', { hasText: '超期未办结' }).locator('td').nth(3).textContent();
      expect(streetOverdue).toMatch(/^\d+\.\d$/);
      await screenshot(admin.page, `55-community-dashboard-${width}`);
    }
    await admin.context.close();
  });

  it('exports carry percentages, units and the right headers; a district filters by street and hides communities without cases', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, '13800000001');
    await page.waitForURL('**/org');
    const year = chinaToday().slice(0, 4);
    const csv = await (await page.request.get(`/org/dashboard/export?kind=year&value=${year}&format=csv`)).text();
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    expect(header!.slice(0, 4)).toEqual(['排名', '社区', '街道', '受理量']);
    const col = (name: string) => header!.indexOf(name);
    const total = lines.at(-1)!;
    expect(total[1]).toBe('合计');
    expect(total[col('响应率')]).toMatch(/^\d{1,3}\.\d%$/);
    expect(total[col('按期办结率')]).toMatch(/^(\d{1,3}\.\d%|—)$/);
    expect(total[col('平均办结用时（工作时间）')]).toMatch(/^\d+\.\d 小时$/);
    expect(total[col('办结用时中位数（工作时间）')]).toMatch(/^(≤|>) [\d.]+ 小时$|^—$/);

    // A community's export by category is headed 类别 (it was headed 社区), with no street column.
    await page.goto(`/org/dashboard?kind=year&value=${year}`);
    await page.getByRole('link', { name: '金元社区' }).click();
    await page.getByTestId('community-dashboard-title').waitFor();
    // The drill-down shows its period with the last day too.
    await expect(page.getByTestId('period-range').textContent()).resolves.toBe(`${year}-01-01 至 ${year}-12-31`);
    const communityId = new URL(page.url()).pathname.split('/').at(-1)!;
    const categoryCsv = await (await page.request.get(`/org/dashboard/${communityId}/export?kind=year&value=${year}&format=csv`)).text();
    const categoryHeader = categoryCsv.replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',');
    expect(categoryHeader.slice(0, 2)).toEqual(['类别', '受理量']);
    expect(categoryHeader).not.toContain('社区');
    expect(categoryHeader).not.toContain('街道');
    const xlsx = await page.request.get(`/org/dashboard/${communityId}/export?kind=year&value=${year}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(`${year}-01-01 至 ${year}-12-31`);
    expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/导出于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);
    const xHeader = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(xHeader[0]).toBe('类别');
    expect(sheet.getColumn(xHeader.indexOf('响应率') + 1).numFmt).toBe('0.0%');
    expect(sheet.getColumn(xHeader.indexOf('平均办结用时（工作时间）') + 1).numFmt).toBe('0.0" 小时"');

    // The street filter: one street's communities only; "only with requests" hides the empty ones.
    await page.goto(`/org/dashboard?kind=year&value=${year}`);
    const all = await page.getByTestId('comparison-row').count();
    const streets = await page.getByTestId('street-filter').locator('option').allTextContents();
    expect(streets).toEqual(expect.arrayContaining(['全部街道', '金源街道', '世纪城街道', '长岭街道']));
    await page.getByTestId('street-filter').selectOption({ label: '金源街道' });
    await page.getByTestId('community-filter').getByRole('button').click();
    await page.waitForURL(/street=/);
    await expect.poll(() => page.getByTestId('comparison-row').count()).toBeLessThan(all);
    const jinyuan = await page.getByTestId('comparison-row').locator('td:nth-child(3)').allTextContents();
    expect(jinyuan.length).toBeGreaterThan(0);
    expect(jinyuan.length).toBeLessThan(all);
    expect(new Set(jinyuan)).toEqual(new Set(['金源街道']));
    await expect(page.getByTestId('shown-count').textContent()).resolves.toContain(`${jinyuan.length} /`);
    // The export follows the filter.
    const filtered = await (await page.request.get(`/org/dashboard/export?${new URL(page.url()).searchParams.toString()}&format=csv`)).text();
    expect(filtered.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(jinyuan.length + 2);
    // A year nobody reported in: hiding communities without cases leaves none, and says so.
    await page.goto('/org/dashboard?kind=year&value=2001&active=1');
    expect(await page.getByTestId('comparison-row').count()).toBe(0);
    await expect(page.getByText('没有符合条件的社区').count()).resolves.toBe(1);
    await page.goto(`/org/dashboard?kind=year&value=${year}&active=1`);
    // Column 5 is 受理量 (rank, community, street, score, received).
    const received = await page.getByTestId('comparison-row').locator('td:nth-child(5)').allTextContents();
    expect(received.length).toBeGreaterThan(0);
    for (const n of received) expect(Number(n)).toBeGreaterThan(0);
    await screenshot(page, '56-district-dashboard-filtered');
    await context.close();
  });
});
