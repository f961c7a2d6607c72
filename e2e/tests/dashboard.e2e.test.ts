import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '@shequ/domain';
import { newPage, screenshot, signIn, useBrowser } from '../support/browser.ts';

const browser = useBrowser();

describe('dashboards', () => {
  it('a district officer compares communities, sorts by 满意率, drills into one, and downloads the Excel export', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, '13800000001');
    await page.waitForURL('**/org');
    await page.getByRole('navigation').getByRole('link', { name: '数据看板' }).click();
    await page.getByTestId('comparison').waitFor();
    const names = await page.getByTestId('comparison-row').locator('td:nth-child(2)').allTextContents();
    // The demo district's communities (other tests may have onboarded more by now).
    expect(names).toEqual(expect.arrayContaining(['世纪城社区', '会展社区', '碧海社区', '观山社区', '金元社区', '长岭社区']));
    await page.getByRole('link', { name: '满意率', exact: true }).click();
    await page.waitForURL(/sort=satisfactionRate/);
    // Wait for the re-sorted table itself, not just the address.
    await page.locator('th[aria-sort="descending"]', { hasText: '满意率' }).waitFor();
    // Rows are in rank order (unranked last).
    const ranks = (await page.getByTestId('comparison-row').locator('td:first-child').allTextContents()).map((r) => (r === '—' ? Infinity : Number(r)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks.filter(Number.isFinite).length).toBeGreaterThan(0); // the demo history gives real ranks
    expect(await page.getByTestId('trend-chart').locator('svg').count()).toBe(1);
    await screenshot(page, '50-district-dashboard');

    // The Excel export has a row per community, a total, and Chinese headers.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['排名', '社区', '街道', '受理量', '响应率']);
    const rows: string[] = [];
    sheet.eachRow((row, n) => n > 2 && rows.push(String(row.getCell(2).value)));
    expect(rows.slice(0, -1).sort()).toEqual(names.sort());
    expect(rows.at(-1)).toBe('合计');
    expect(sheet.getColumn(5).numFmt).toBe('0.0%');

    // Drill into one community: its aggregated figures, no cases.
    await page.getByRole('link', { name: '金元社区' }).click();
    await page.getByTestId('community-dashboard-title').waitFor();
    await expect(page.getByTestId('community-dashboard-title').textContent()).resolves.toContain('金元社区');
    expect(await page.getByTestId('community-figures').locator('tbody tr').count()).toBe(METRIC_KEYS.length);
    await screenshot(page, '51-community-drill-down');
    await context.close();
  });

  it('a street officer sees only their street, community staff only their own, and the help page explains every figure', async () => {
    const street = await newPage(browser);
    await signIn(street.page, '13800000002');
    await street.page.waitForURL('**/org');
    await street.page.goto('/org/dashboard');
    const names = await street.page.getByTestId('comparison-row').locator('td:nth-child(2)').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['碧海社区', '金元社区']));
    for (const elsewhere of ['世纪城社区', '会展社区', '观山社区', '长岭社区']) expect(names).not.toContain(elsewhere);
    // The register's size per community (issue 16): a number for 金元社区 (its demo register), never a person.
    const jinyuanRow = street.page.getByTestId('comparison-row').filter({ hasText: '金元社区' });
    expect(Number(await jinyuanRow.getByTestId('registered').textContent())).toBeGreaterThan(0);
    expect(Number(await street.page.getByTestId('registered-total').textContent())).toBeGreaterThanOrEqual(Number(await jinyuanRow.getByTestId('registered').textContent()));
    const other = await street.page.request.get('/org/dashboard/00000000-0000-4000-8000-000000000000');
    expect(other.status()).toBe(404);
    // Periods that name nonsense are refused with a message (400), never a 500 and never another period's figures.
    for (const q of ['kind=year&value=0000', 'kind=month&value=0999-05', 'kind=custom&value=2026-01-01&to=9999-12-31', 'kind=quarter&value=%27%3B--', 'kind=custom&value=2026-01-45&to=2026-13-01']) {
      const res = await street.page.request.get(`/org/dashboard?${q}`);
      expect(res.status(), q).toBe(400);
      expect(await res.text(), q).not.toContain('data-testid="comparison"');
    }
    // So do impossible dates in the escalated cases' filters: the 400 page naming the day, never the list unfiltered (issue 19).
    const badFilter = await street.page.request.get('/org/cases?from=2026-13-45&to=2026-02-30');
    expect(badFilter.status()).toBe(400);
    expect(await badFilter.text()).toContain('“2026-13-45”不是有效的日期');
    // And NUL characters in free-text filters (PostgreSQL refuses them in text).
    expect((await street.page.request.get('/org/cases?q=%00%E8%B7%AF&category=%00')).status()).toBe(200);
    await street.context.close();

    const admin = await newPage(browser);
    await signIn(admin.page, '13800000004');
    await admin.page.waitForURL('**/community');
    await admin.page.getByRole('navigation').getByRole('link', { name: '数据看板' }).click();
    await admin.page.getByTestId('community-figures').waitFor();
    expect((await admin.page.request.get('/community/cases?q=%00')).status()).toBe(200);
    // A list filtered by a day that is not a real one: the 400 page naming it, with the list one click away without
    // that filter (issue 19: the filter was quietly dropped and every day listed).
    for (const [path, value] of [['/community/cases?status=active&from=2026-13-45', '2026-13-45'], ['/community/cases?to=abc', 'abc'], ['/community/cases?from=2026-02-30&to=2026-03-01', '2026-02-30']] as const) {
      const answer = await admin.page.goto(path);
      expect(answer?.status(), path).toBe(400);
      expect(await admin.page.getByTestId('error-message').textContent(), path).toContain(`“${value}”不是有效的日期`);
    }
    await admin.page.getByTestId('error-reset-period').filter({ hasText: '去掉这个日期条件' }).click();
    await admin.page.waitForURL((u) => u.pathname === '/community/cases' && !u.searchParams.has('from') && u.searchParams.get('to') === '2026-03-01');
    // The list again, filtered by the day that was real (its filter shows it; the list may be empty).
    await admin.page.getByTestId('error-page').waitFor({ state: 'detached' });
    expect(await admin.page.locator('input[name=to]').inputValue()).toBe('2026-03-01');
    expect(await admin.page.locator('input[name=from]').inputValue()).toBe('');
    expect((await admin.page.request.get('/community/cases?from=2026-02-28&to=2026-03-01')).status()).toBe(200);
    expect((await admin.page.request.get('/community/dashboard?kind=custom&value=2026-13-45&to=2026-14-01')).status()).toBe(400);
    expect((await admin.page.goto('/org/dashboard'))?.status()).toBe(403);
    await admin.page.goto('/help/metrics');
    // How open overdue cases count is said on the definitions page (issue 15).
    await expect(admin.page.getByTestId('overdue-definition').textContent()).resolves.toContain('超期未办结');
    expect(await admin.page.getByTestId('metric-definitions').locator('dt').count()).toBe(METRIC_KEYS.length);
    await admin.context.close();
  });
});
