import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chinaDate, occurrenceHorizon } from '@shequ/domain';
import { newPage, pageWidth, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { createRegisterPerson, removeFixtures } from '../support/fixtures.ts';

// Issue 18, what an outside trial found on the committee's pages (decision 062): the meeting form chooses residents'
// representatives from the register; the partner import offers a template and says every problem of a row; file
// inputs speak the page's words; 生成场次 says how far it goes; required fields name themselves.
const browser = useBrowser(removeFixtures);
const stamp = Date.now().toString(36).slice(-5);
/** Tomorrow in China (YYYY-MM-DD). */
const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);

describe('the committee’s pages after the outside trial', () => {
  it('invites residents’ representatives found in the register, and an empty topic is asked for by its name', async () => {
    const person = await createRegisterPerson();
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/committee');
    // A matter for the agenda.
    const matterForm = page.getByTestId('matter-form');
    await page.getByText('收集议题').click();
    const matter = `居民代表试点议题 ${stamp}`;
    await matterForm.getByLabel('标题').fill(matter);
    await matterForm.getByLabel('来源').selectOption('staff');
    await matterForm.getByRole('button', { name: '保存议题' }).click();
    await page.getByTestId('matters').getByText(matter).waitFor();

    const meeting = page.getByTestId('meeting-form');
    const picker = meeting.getByTestId('resident-picker');
    await picker.getByText('尚未添加居民代表').waitFor();
    // Enter in the search box searches (it does not send the meeting form).
    await picker.getByTestId('resident-picker-q').fill(person.mobile);
    await picker.getByTestId('resident-picker-q').press('Enter');
    const found = picker.getByTestId('resident-picker-found').locator('li');
    await found.first().waitFor();
    expect(await found.count()).toBe(1);
    const label = (await found.first().locator('span').first().textContent())!.trim();
    expect(label).toContain(`${person.mobile.slice(0, 3)}****${person.mobile.slice(-4)}`);
    expect(label).not.toContain(person.mobile);
    await found.first().getByRole('button', { name: '添加' }).click();
    await picker.getByTestId('resident-picker-chosen').getByText(label).waitFor();
    await found.first().getByText('已添加').waitFor();
    // Offline, a search is said to need the network beside the picker; the form and the person chosen stay.
    await page.context().setOffline(true);
    await picker.getByTestId('resident-picker-q').press('Enter');
    await picker.getByTestId('resident-picker-offline').waitFor();
    await picker.getByTestId('resident-picker-chosen').getByText(label).waitFor();
    await page.context().setOffline(false);
    // Removed and added again.
    await picker.getByTestId('resident-picker-chosen').getByRole('button', { name: '移除' }).click();
    await picker.getByText('尚未添加居民代表').waitFor();
    await found.first().getByRole('button', { name: '添加' }).click();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '90c-committee-meeting-representatives-360');

    // An empty topic: 请填写会议主题 (it said 请填写标题), and the representative chosen stays chosen.
    await meeting.getByLabel('开始时间').fill(`${tomorrow}T15:00`);
    await meeting.getByLabel('地点', { exact: true }).fill('社区议事长廊');
    await meeting.getByRole('checkbox', { name: matter }).check();
    await meeting.getByRole('button', { name: '创建会议' }).click();
    await meeting.getByText('请填写会议主题').waitFor();
    await picker.getByTestId('resident-picker-chosen').getByText(label).waitFor();

    await meeting.getByLabel('会议主题').fill(`居民代表参加的协商会 ${stamp}`);
    await meeting.getByRole('button', { name: '创建会议' }).click();
    await page.waitForURL('**/community/committee/meetings/*');
    const representative = page.getByTestId('participants').locator('li').filter({ hasText: '居民代表' });
    await representative.waitFor();
    expect(await representative.count()).toBe(1);
    // The page says when attendance and votes open (decision 062).
    await page.getByTestId('meeting-opens').filter({ hasText: `签到从 ${tomorrow} 14:00（会前 1 小时）开放` }).waitFor();
  }, 120_000);

  it('the partner import: a template to download, the file chosen in Chinese, every problem of a row at once', async () => {
    const { page } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/committee/partners');
    const form = page.getByTestId('import-form');
    // The kit's file control: the page's words, not the browser's "Choose File".
    await form.getByTestId('file-input-choose').filter({ hasText: '选择 Excel 文件' }).waitFor();
    await form.getByTestId('file-input-status').filter({ hasText: '未选择文件' }).waitFor();

    // The template, as its link downloads it (the page's own session).
    const href = (await page.getByTestId('import-template').getAttribute('href'))!;
    expect(href).toBe('/community/committee/partners/import-template');
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('共建单位')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['单位名称', '类型']);
    // Filled in: one good row, one with three problems (no name, an unknown kind, a date that does not exist).
    sheet.addRow([`模板里的单位 ${stamp}`, '社会组织', '金元路 5 号', '', '', '', '2025-09-01', '', '0']);
    sheet.addRow(['', '外星组织', '', '', '', '', '2025-02-30', '', '']);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    await form.getByTestId('import-file').setInputFiles({ name: '共建单位导入模板.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
    await form.getByTestId('file-input-status').filter({ hasText: '共建单位导入模板.xlsx' }).waitFor();
    await form.getByTestId('import-check').click();
    await page.getByTestId('import-summary').filter({ hasText: '共 2 行：可导入 1 行，有误 1 行' }).waitFor();
    const reasons = page.getByTestId('import-reasons');
    await reasons.filter({ hasText: '类型“外星组织”无法识别' }).filter({ hasText: '请填写单位名称' }).filter({ hasText: '加入日期不是有效的日期' }).waitFor();
    expect(await page.getByTestId('import-rows').textContent()).not.toContain('请选择单位类型');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '99c-partner-import-reasons-360');

    // An empty unit name on the form: 请填写单位名称.
    const unitForm = page.getByTestId('unit-form');
    await unitForm.getByRole('button', { name: '登记共建单位' }).click();
    await unitForm.getByText('请填写单位名称').waitFor();
  }, 120_000);

  it('生成场次 says it generates the next three months, across the year end', async () => {
    const { page } = await newPage(browser);
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/committee/posts');
    const generate = page.getByTestId('generate-form');
    await generate.getByRole('button', { name: '生成今后 3 个月的服务场次' }).waitFor();
    await generate.getByTestId('generate-hint').filter({ hasText: '可跨年' }).waitFor();
    await generate.getByRole('button', { name: '生成今后 3 个月的服务场次' }).click();
    // Three months ahead (occurrenceHorizon), not the 60 days the old button generated.
    await page.getByTestId('toast').filter({ hasText: new RegExp(`已生成 \\d+ 个新场次（至 ${occurrenceHorizon(chinaDate(new Date()))}）`) }).first().waitFor();
  }, 60_000);
});
