import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, pageWidth, screenshot, signIn, useBrowser } from '../support/browser.ts';
import { removeFixtures, startMeeting } from '../support/fixtures.ts';

// Issue 18 (decision 062): 实到 and the votes on the meeting page follow the rules as staff hold the meeting — the
// count comes from the sign-in list, the vote form carries it in a hidden field (the page's schema refuses more votes
// than 实到 before anything is sent; the server counts again, so a page whose 实到 is out of date changes nothing), adoption
// waits for the quorum and the threshold, and nobody present is taken off the list once a vote is recorded. And a
// registration is neither made nor cancelled once the meeting has started, not even from a page opened before.
const browser = useBrowser(removeFixtures);
const stamp = Date.now().toString(36).slice(-5);
/** Tomorrow in China (YYYY-MM-DD): the meeting's day. */
const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
/** Waits for the toast that says `text` (an earlier toast may still be on screen: it is not the one read). */
const toast = (page: Page, text: string) => page.getByTestId('toast').filter({ hasText: text }).first().waitFor();

describe('实到 and the votes on the committee’s meeting page', () => {
  it('counts 实到 from the sign-in list, holds the votes to it, to the quorum and the threshold; seats are not given up once it started', async () => {
    const { page, context } = await newPage(browser, { mobile: true });
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/committee');

    // A matter and a meeting tomorrow with three partner units (应到 3) and two seats.
    const matter = `表决规则议题 ${stamp}`;
    const matterForm = page.getByTestId('matter-form');
    await page.getByText('收集议题').click();
    await matterForm.getByLabel('标题').fill(matter);
    await matterForm.getByLabel('来源').selectOption('staff');
    await matterForm.getByRole('button', { name: '保存议题' }).click();
    await page.getByTestId('matters').getByText(matter).waitFor();
    const meetingForm = page.getByTestId('meeting-form');
    await meetingForm.getByLabel('会议主题').fill(`实到与表决 ${stamp}`);
    await meetingForm.getByLabel('开始时间').fill(`${tomorrow}T19:00`);
    await meetingForm.getByLabel('地点', { exact: true }).fill('社区议事长廊');
    await meetingForm.getByLabel('座位数').fill('2');
    await meetingForm.getByRole('checkbox', { name: matter }).check();
    for (let i = 0; i < 3; i++) await meetingForm.locator('input[name="partnerUnitIds"]').nth(i).check();
    await meetingForm.getByRole('button', { name: '创建会议' }).click();
    await page.waitForURL('**/community/committee/meetings/*');
    const meetingUrl = page.url();
    const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(meetingUrl)![1]!;

    // Before the start: two seats and a waiting place taken, each can be given up (取消报名).
    await page.getByTestId('attendance-counts').waitFor();
    const people = page.getByTestId('participants').locator('li').filter({ hasText: '共建单位' });
    await people.nth(2).waitFor();
    expect(await people.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      await people.nth(i).getByRole('button', { name: '报名', exact: true }).click();
      await people.nth(i).getByText(i < 2 ? '已报名' : '候补', { exact: true }).waitFor();
    }
    expect(await page.getByTestId('participants').getByRole('button', { name: '取消报名' }).count()).toBe(3);
    // A second tab opened before the start keeps offering it.
    const stale = await context.newPage();
    await stale.goto(meetingUrl);
    await stale.getByTestId('participants').getByRole('button', { name: '取消报名' }).first().waitFor();

    // The meeting starts.
    await startMeeting(meetingId, 5);
    await page.reload();
    await page.getByTestId('attendance-counts').waitFor();
    // Registration is closed: neither 报名 nor 取消报名 is offered on the page any more …
    expect(await page.getByTestId('participants').getByRole('button', { name: '取消报名' }).count()).toBe(0);
    expect(await page.getByTestId('participants').getByRole('button', { name: '报名', exact: true }).count()).toBe(0);
    // … and a seat given up from the page opened before is refused in Chinese; nobody waiting is moved up.
    const seated = stale.getByTestId('participants').locator('li').filter({ hasText: '已报名' }).first();
    await seated.getByRole('button', { name: '取消报名' }).click();
    await stale.getByRole('alertdialog').getByRole('button', { name: '取消报名' }).click();
    await stale.getByText(/会议已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 开始，报名已截止，不能再取消报名/).first().waitFor();
    await screenshot(stale, '93a-committee-cancel-after-start-refused-360');
    await stale.close();
    await page.reload();
    const states = async () => (await people.allTextContents()).map((t) => (t.includes('候补') ? '候补' : t.includes('已报名') ? '已报名' : t));
    expect(await states()).toEqual(['已报名', '已报名', '候补']);

    // 实到 as the sign-in list gives it, in the counts and in the vote form's hidden field.
    const counts = page.getByTestId('attendance-counts');
    const item = page.getByTestId('agenda-item').filter({ hasText: matter });
    const attendingField = item.locator('input[name="attending"]');
    await counts.filter({ hasText: '应到 3 人，实到 0 人（法定人数 2 人）' }).waitFor();
    expect(await attendingField.getAttribute('type')).toBe('hidden');
    expect(await attendingField.inputValue()).toBe('0');
    const attendance = page.getByTestId('attendance-form');
    await attendance.locator('input[name="presentIds"]').first().check();
    await attendance.getByRole('button', { name: '保存签到' }).click();
    await toast(page, '签到已保存');
    await counts.filter({ hasText: '应到 3 人，实到 1 人' }).waitFor();
    await expect.poll(() => attendingField.inputValue()).toBe('1');

    // More votes than 实到: said beside 赞成 by the page itself, nothing sent.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /intent=decide|name="intent"\r\n\r\ndecide/.test(r.postData() ?? '')) posts.push(r.url());
    });
    const vote = async (forVotes: string, against: string, abstain: string) => {
      await item.getByLabel('赞成').fill(forVotes);
      await item.getByLabel('反对').fill(against);
      await item.getByLabel('弃权').fill(abstain);
      await item.getByRole('button', { name: '记录表决' }).click();
    };
    await vote('2', '0', '0');
    await item.getByText('表决票数超过实到人数（1 人）').waitFor();
    expect(posts).toEqual([]);
    // Within 实到 but below the quorum (1 of 3, 2 needed): the server refuses to record it adopted.
    await vote('1', '0', '0');
    await item.getByText('实到 1 人，未达到应到 3 人的法定比例，不能形成通过的决议').waitFor();
    expect(posts).toHaveLength(1);
    await item.getByText('待表决').waitFor();

    // Everyone signs in: 实到 3 in the counts and in the form.
    const everyonePresent = async () => {
      for (let i = 0; i < 3; i++) await attendance.locator('input[name="presentIds"]').nth(i).check();
      await attendance.getByRole('button', { name: '保存签到' }).click();
      await toast(page, '签到已保存');
      await counts.filter({ hasText: '应到 3 人，实到 3 人' }).waitFor();
      await expect.poll(() => attendingField.inputValue()).toBe('3');
    };
    await everyonePresent();
    // Another desk takes two off the list meanwhile (no vote yet): this page still says 实到 3, its form too, so the
    // page lets 3 votes go; the server counts 实到 itself (1) and refuses them.
    const other = await context.newPage();
    await other.goto(meetingUrl);
    const otherList = other.getByTestId('attendance-form');
    await otherList.locator('input[name="presentIds"]').nth(1).uncheck();
    await otherList.locator('input[name="presentIds"]').nth(2).uncheck();
    await otherList.getByRole('button', { name: '保存签到' }).click();
    await other.getByTestId('attendance-counts').filter({ hasText: '应到 3 人，实到 1 人' }).waitFor();
    await other.close();
    expect(await attendingField.inputValue()).toBe('3');
    await vote('3', '0', '0');
    await item.getByText('表决票数超过实到人数（1 人）').waitFor();
    expect(posts).toHaveLength(2);
    await item.getByText('待表决').waitFor();
    await page.reload();
    await counts.filter({ hasText: '应到 3 人，实到 1 人' }).waitFor();
    await everyonePresent();
    await page.getByText('已达法定人数').waitFor();
    // The quorum met, but 1 of 3 for is not more than half of those present.
    await vote('1', '2', '0');
    await item.getByText('赞成 1 票，未超过实到 3 人的规定比例，不能记为通过').waitFor();
    // 2 of 3: adopted, recorded with 应到 and 实到 at the vote.
    await vote('2', '1', '0');
    await toast(page, '表决已记录');
    await item.getByText('表决通过').waitFor();
    await item.getByText('应到 3 人，实到 3 人；赞成 2，反对 1，弃权 0').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, '93b-committee-votes-follow-attendance-360');

    // Once voting has begun, nobody present is taken off the list (实到 is the vote's base).
    await attendance.locator('input[name="presentIds"]').first().uncheck();
    await attendance.getByRole('button', { name: '保存签到' }).click();
    await attendance.getByText('表决已经开始，已签到的人不能再取消：实到人数是表决的基数（迟到的人仍可补签）').waitFor();
    await page.reload();
    await counts.filter({ hasText: '应到 3 人，实到 3 人' }).waitFor();
  }, 180_000);
});
