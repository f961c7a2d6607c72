import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { confirmAction, newPage, pageWidth, screenshot, signIn, toastText, useBrowser } from '../support/browser.ts';
import { bookLunchToday, removeFixtures } from '../support/fixtures.ts';

// Issue 16 / decision 034: on a 360 px phone, staff register an elder on their behalf, find her by mobile (exact,
// through the keyed hash) and show her details in full (audited); nothing scrolls sideways.
const browser = useBrowser(removeFixtures);

/**
 * The person page's header on a phone (issue 16): the name line and each of age, gender and address keep their width
 * (the buttons go below), so none breaks one character a line. Answers the narrowest of them and the tallest.
 */
const headerShape = (page: Page) =>
  page.evaluate(() => {
    const h1 = document.querySelector('[data-testid="resident-name"]')!.closest('h1')!;
    const spans = Array.from(h1.parentElement!.querySelectorAll('p span span, p > span > *')) as HTMLElement[];
    const lineHeight = parseFloat(getComputedStyle(h1.parentElement!.querySelector('p') ?? h1).lineHeight) || 20;
    return { titleWidth: h1.getBoundingClientRect().width, tallest: Math.max(...spans.map((el) => el.getBoundingClientRect().height)) / lineHeight };
  });

describe('the residents’ register on a phone', () => {
  it('registers an elder, finds her by mobile and reveals her number, all at 360 px', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/residents');
    expect(await page.title()).toContain('居民档案');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '60-residents-list-360');

    // A unique mobile for this run, so the search finds exactly her.
    const mobile = `139${String(Date.now()).slice(-8)}`;
    await page.getByTestId('resident-new').click();
    await page.waitForURL('**/community/residents/new');
    // Refused first (no consent): the message is beside the box, in Chinese, the form keeps what was typed.
    await page.getByLabel('姓名').fill('杨桂兰');
    await page.getByLabel('手机号').first().fill(mobile);
    await page.getByLabel('出生年月').fill('1941-06');
    await page.getByLabel('楼栋').selectOption({ label: '2栋' });
    await page.getByLabel('房号').fill('302');
    await page.getByLabel('独居').check();
    await page.getByTestId('resident-submit').click();
    await page.getByText('请确认本人已同意登记').waitFor();
    expect(await page.getByLabel('姓名').inputValue()).toBe('杨桂兰');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '61-resident-new-360');
    await page.getByTestId('consent').check();
    await page.getByTestId('resident-submit').click();
    expect(await toastText(page)).toContain('居民已登记');
    await page.waitForURL(/\/community\/residents\/[0-9a-f-]{36}$/);
    const personUrl = page.url();
    expect(await page.getByTestId('resident-name').textContent()).toBe('杨**');
    expect(await page.getByTestId('resident-mobile').textContent()).toBe(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
    // The header stacks at 360 px: the title has the width of the page, no piece of it wraps to two lines.
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    const shape = await headerShape(page);
    expect(shape.titleWidth).toBeGreaterThan(250);
    expect(shape.tallest).toBeLessThan(2);

    // 服务记录 (issue 16): what the later features recorded about her — a lunch booked today counts this month.
    await bookLunchToday(personUrl.split('/').pop()!);
    await page.reload();
    await page.getByTestId('resident-record').waitFor();
    await page.getByTestId('record-meals').filter({ hasText: '已订 1 餐 · 已用餐 0 餐' }).waitFor();
    expect(await page.getByTestId('record-volunteer').textContent()).toContain('未登记为志愿者');
    // On the care roster at once (decision 073: the roster follows every register write), an 80+ living alone: high risk.
    expect(await page.getByTestId('record-care').textContent()).toMatch(/高风险.*尚无探访/);
    await page.getByTestId('resident-record').scrollIntoViewIfNeeded();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '67-resident-service-record-360');

    // Found by the full mobile from the list (typed with spaces, as people do).
    await page.goto('/community/residents');
    if (!(await page.getByTestId('resident-search').isVisible())) await page.getByTestId('filter-toggle').click();
    await page.getByTestId('resident-search').fill(`${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`);
    await page.getByTestId('resident-search-submit').click();
    await page.waitForURL(/q=/);
    await page.getByTestId('resident-count').filter({ hasText: '共 1 人' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.getByRole('link', { name: '杨**' }).click();
    await page.waitForURL(personUrl);

    // Revealed on purpose: the full name and number, a message that it was audited.
    await page.getByTestId('resident-reveal').click();
    expect(await toastText(page)).toContain('已记入审计日志');
    await page.getByTestId('resident-name').filter({ hasText: '杨桂兰' }).waitFor();
    expect(await page.getByTestId('resident-mobile').textContent()).toBe(mobile);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '62-resident-revealed-360');

    // Moved out: kept, no longer listed.
    await page.getByRole('button', { name: '迁出' }).click();
    await confirmAction(page);
    // (The reveal's message may still be showing: wait for this one's.)
    await page.getByTestId('toast').filter({ hasText: '已迁出，档案保留' }).waitFor();
    await page.goto(`/community/residents?q=${mobile}`);
    await page.getByTestId('resident-count').filter({ hasText: '共 0 人' }).waitFor();
    await context.close();
  }, 240_000); // a whole register, search, reveal and move-out flow: longer than one page

  it('a volunteer-team leader has no register: no link, and the page is refused inside the shell', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000007');
    await page.waitForURL('**/community');
    const response = await page.goto('/community/residents');
    expect(response?.status()).toBe(403);
    await context.close();
  });
  it('the register form says every problem of the person at once, each beside its field (issue 16), at 360 px', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/residents/new');
    await page.getByLabel('姓名').fill('三处错');
    await page.getByLabel('手机号').first().fill('1398522');
    await page.getByLabel('身份证号').fill('5201151960');
    await page.getByLabel('出生年月').fill('1960-13');
    await page.getByTestId('resident-submit').click();
    // One answer names all four: the mobile, the ID number, the birth date and the missing consent.
    const form = page.getByTestId('resident-form');
    await form.getByText('手机号格式不正确（11 位大陆手机号）').waitFor();
    await form.getByText('身份证号不正确（应为 18 位，出生日期有效、校验位正确）').waitFor();
    await form.getByText('出生年月不正确（如 1948-03，不能晚于今天）').waitFor();
    await form.getByText('请确认本人已同意登记').waitFor();
    for (const label of ['身份证号', '出生年月']) expect(await page.getByLabel(label).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('手机号').first().getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('姓名').getAttribute('aria-invalid')).not.toBe('true');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '63-resident-new-all-problems-360');
    await context.close();
  });

  it('a grid worker is asked for a building of his grids beside 楼栋, keeps what he typed, and sees why someone moved out (issue 16)', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000006');
    await page.waitForURL('**/community');
    await page.goto('/community/residents/new');
    // No 未填写 for him: the empty choice asks for one of his grids' buildings.
    expect(await page.getByLabel('楼栋').locator('option').first().textContent()).toBe('请选择您网格内的楼栋');
    await page.getByLabel('姓名').fill('韦秀珍');
    await page.getByLabel('房号').fill('601');
    await page.getByTestId('consent').check();
    await page.getByTestId('resident-submit').click();
    // Refused beside 楼栋 in Chinese, not a 无权访问 page; what he typed is still there.
    await page.getByTestId('resident-form').getByText('请选择您负责网格内的楼栋').waitFor();
    expect(await page.getByLabel('楼栋').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('姓名').inputValue()).toBe('韦秀珍');
    expect(await page.getByLabel('房号').inputValue()).toBe('601');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.getByLabel('楼栋').selectOption({ index: 1 });
    if (!(await page.getByTestId('consent').isChecked())) await page.getByTestId('consent').check();
    await page.getByTestId('resident-submit').click();
    expect(await toastText(page)).toContain('居民已登记');
    await page.waitForURL(/\/community\/residents\/[0-9a-f-]{36}$/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect((await headerShape(page)).tallest).toBeLessThan(2);

    // Moved out with a reason: the page says when, by whom and why.
    await page.getByLabel('迁出原因（选填，记入审计日志）').fill('随子女去外地居住');
    await page.getByRole('button', { name: '迁出' }).click();
    await confirmAction(page);
    await page.getByTestId('moved-out').filter({ hasText: '原因：随子女去外地居住' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '65-resident-moved-out-360');
    await context.close();
  }, 120_000);

  it('after a merge the duplicate’s mobile still finds the person, said so in the list, at 360 px (issue 16)', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    const tail = String(Date.now()).slice(-7);
    const [kept, old] = [`1372${tail}`, `1373${tail}`];
    const register = async (mobile: string) => {
      await page.goto('/community/residents/new');
      await page.getByLabel('姓名').fill('合并测');
      await page.getByLabel('手机号').first().fill(mobile);
      await page.getByTestId('consent').check();
      await page.getByTestId('resident-submit').click();
      await page.waitForURL(/\/community\/residents\/[0-9a-f-]{36}$/);
      return page.url();
    };
    const keepUrl = await register(kept);
    await register(old);
    await page.goto(`${keepUrl}/merge?q=${old}`);
    // The dialog is the hydrated page's: wait for it before asking.
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: '并入当前档案' }).click();
    await confirmAction(page);
    await page.waitForURL(keepUrl);
    await page.goto(`/community/residents?q=${old}`);
    await page.getByTestId('resident-count').filter({ hasText: '共 1 人' }).waitFor();
    await page.getByTestId('found-via-merged').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '66-resident-found-via-merged-360');
    await context.close();
  }, 120_000);

  it('the import page offers an Excel template; filled in, it imports cleanly (issue 16), at 360 px', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/residents/import');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    const cells = (r: number) => Array.from(sheet.getRow(r).values as unknown[]).slice(1).map((v) => String(v ?? ''));
    expect(cells(1)).toEqual(['姓名', '手机号', '性别', '出生年月', '身份证号', '楼栋', '单元', '房号', '标签']);
    expect(cells(2)[0]).toMatch(/^（示例）/);
    // Filled in below the example (which stays), with numbers unique to this run.
    const tail = String(Date.now()).slice(-7);
    sheet.addRow(['模板甲', `1370${tail}`, '女', '1950-05', '', cells(2)[5], '1', '201', cells(2)[8]]);
    sheet.addRow(['模板乙', `1371${tail}`, '男', '1962-11', '', '3', '2', '502', '']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    await page.getByTestId('import-file').setInputFiles({ name: '居民导入模板.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByTestId('file-input-status').filter({ hasText: '居民导入模板.xlsx' }).waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-summary').filter({ hasText: '共 2 行：可导入 2 行，有误 0 行，重复 0 行' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '64-residents-import-template-360');
    await page.getByTestId('import-consent').check();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-summary').filter({ hasText: '已导入 2 人' }).waitFor();
    await page.goto(`/community/residents?q=1370${tail}`);
    await page.getByTestId('resident-count').filter({ hasText: '共 1 人' }).waitFor();
    await context.close();
  });
});
