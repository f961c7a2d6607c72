import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { onboardingXlsx, sampleOnboardingRows } from '@shequ/use-cases/testing';
import { newPage, screenshot, signIn, useBrowser } from '../support/browser.ts';

const browser = useBrowser();

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.goto('/operator/imports');
  await page.locator('input[name=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await page.getByRole('button', { name: '预检查' }).click();
  await page.waitForURL(/\/operator\/imports\/[0-9a-f-]{36}$/);
}

describe('bulk onboarding', () => {
  it('an operator uploads 55 rows: the dry run lists the 5 bad ones, the worker imports 50, the invitation list downloads, and a re-run creates none', async () => {
    const { rows, badLines } = sampleOnboardingRows(50, 500, '浏览器');
    const file = Buffer.from(await onboardingXlsx(rows));
    const { context, page } = await newPage(browser);
    await signIn(page, '13800000000');
    await page.waitForURL('**/operator');
    await page.getByRole('navigation').getByRole('link', { name: '批量开通' }).click();
    await upload(page, '第一批.xlsx', file);

    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('将开通 50 个社区');
    const problemLines = await page.getByTestId('problem-row').locator('td:first-child').allTextContents();
    expect(problemLines.map(Number)).toEqual(badLines.map((b) => b.line));
    await expect(page.getByTestId('import-problems').textContent()).resolves.toContain('管理员手机号不是有效的大陆手机号');
    await screenshot(page, '30-bulk-dry-run');

    await page.getByRole('button', { name: '开始导入 50 个社区' }).click();
    await page.getByTestId('import-finished').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-finished').textContent()).resolves.toBe('导入完成：新开通 50 个，已存在 0 个，失败 0 个');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载邀请链接清单（CSV）' }).click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(csv).toHaveLength(56); // header + 55 rows
    const links = csv.filter((l) => /\/invite\/[A-Za-z0-9_-]{43}/.test(l));
    expect(links).toHaveLength(50);
    // An invitation from the list works.
    const link = links[0]!.match(/https?:\/\/[^,]+\/invite\/[A-Za-z0-9_-]{43}/)![0];
    const admin = await newPage(browser);
    await admin.page.goto(link);
    await admin.page.getByLabel('登录密码').waitFor();
    await admin.context.close();

    await upload(page, '第一批.xlsx', file);
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('将开通 0 个社区');
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('50 个已开通（将跳过）');
    await page.getByRole('button', { name: '开始导入 0 个社区' }).click();
    await page.getByTestId('import-finished').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-finished').textContent()).resolves.toBe('导入完成：新开通 0 个，已存在 50 个，失败 0 个');
    await context.close();
  });

  it('bad files get a clear message, and community staff cannot reach bulk onboarding', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, '13800000000');
    await page.waitForURL('**/operator');
    await page.goto('/operator/imports');
    await page.locator('input[name=file]').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('名字,电话\n张三,1\n') });
    await page.getByRole('button', { name: '预检查' }).click();
    await page.getByText('缺少必需的列：区、街道、社区、行政区划代码、管理员姓名、管理员手机号').waitFor();
    await context.close();

    const staff = await newPage(browser);
    await signIn(staff.page, '13800000004');
    await staff.page.waitForURL('**/community');
    for (const path of ['/operator/imports', '/org/imports', '/operator/imports/template']) expect((await staff.page.goto(path))?.status()).toBe(403);
    await staff.context.close();
  });
});
