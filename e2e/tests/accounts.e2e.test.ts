import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, launch, newPage, signIn } from '../support/browser.ts';
import { addMembership, createStaffUser, invitationFor, membershipIdOf, passwordHashOf, removeFixtures } from '../support/fixtures.ts';

// Issue 13, "nobody gains a place they were not given", tried from outside as the issue describes.
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await removeFixtures();
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

async function signInByHttp(identifier: string, password = DEMO_PASSWORD) {
  return fetch(`${BASE_URL}/login`, form({ identifier, password }));
}

describe('the admin of one community and a person who also works in another', () => {
  it('cannot issue a password-reset link for them: no button, and a forged post is refused with 403', async () => {
    const both = await createStaffUser('两边都干的社工', 'community_staff', 'jinyuan');
    await addMembership(both.id, 'community_staff', 'bihai');
    const onlyHere = await createStaffUser('只在金元的社工', 'community_staff', 'jinyuan');
    const hashBefore = await passwordHashOf(both.id);

    const { context, page } = await newPage(browser);
    await signIn(page, '13800000004');
    await page.waitForURL('**/community');
    await page.goto('/community/staff');
    // Someone working only here can be helped; the person also working in 碧海社区 cannot, and the page says why.
    await page.getByRole('button', { name: `生成重置密码链接：${onlyHere.displayName}` }).waitFor();
    expect(await page.getByRole('button', { name: `生成重置密码链接：${both.displayName}` }).count()).toBe(0);
    const row = page.locator('tr', { hasText: both.displayName });
    await expect(row.textContent()).resolves.toContain('也在其他社区或单位任职');

    // The post the button would have sent, forged with the person's membership id in this community.
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const membershipId = await membershipIdOf(both.id, 'jinyuan');
    const res = await fetch(`${BASE_URL}/community/staff`, { ...form({ csrf, intent: 'issueReset', membershipId }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie } });
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).not.toMatch(/reset-password\/[A-Za-z0-9_-]{43}/);
    expect(body).toContain('此人还在其他社区或单位任职');
    await context.close();

    // Nothing changed: the password is the same, and the person still signs in with it.
    expect(await passwordHashOf(both.id)).toBe(hashBefore);
    expect((await signInByHttp(both.mobile)).status).toBe(302);
  });
});

describe('every password check is throttled like sign-in', () => {
  it('counts per account whatever identifier is typed: five wrong tries by mobile and email lock both', async () => {
    const victim = await createStaffUser('换着账号猜', 'community_staff', 'jinyuan', { email: true });
    for (let i = 0; i < 3; i++) expect((await signInByHttp(victim.mobile, `wrong-${i}-pw`)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await signInByHttp(victim.email!.toUpperCase(), `wrong-e${i}-pw`)).status).toBe(401);
    // The right password by either identifier is now refused too.
    const locked = await signInByHttp(victim.email!, DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect((await signInByHttp(victim.mobile, DEMO_PASSWORD)).status).toBe(429);
  });

  it('the invitation page asks for an existing account’s password without naming it, and locks after five wrong ones', async () => {
    const existing = await createStaffUser('被邀请的老账号', 'community_staff', 'jinyuan');
    const link = await invitationFor(existing.id);
    const { context, page } = await newPage(browser);
    await page.goto(link);
    await page.getByText('此邀请要加入一个已有的账号').waitFor();
    // The page never says whose account this is.
    await expect(page.locator('main').textContent()).resolves.not.toContain(existing.displayName);
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('登录密码').fill(`wrong-${i}-pass`);
      await page.getByRole('button', { name: '进入工作台' }).click();
      await page.getByText('密码不正确').waitFor();
    }
    // The sixth try, even with the right password, is refused while the account is throttled.
    await page.getByLabel('登录密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '进入工作台' }).click();
    await page.getByText(/密码错误次数过多，请 \d+ 分钟后再试/).waitFor();
    expect(new URL(page.url()).pathname).toBe(link);
    // And sign-in shares the count: the same account is locked there as well.
    expect((await signInByHttp(existing.mobile)).status).toBe(429);
    await context.close();
  });
});
