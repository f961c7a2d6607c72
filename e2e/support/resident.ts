import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForSms } from './fixtures.ts';

// A resident's sign-in to 我的 as the e2e tests drive it (me, volunteers and volunteer-pages repeated it).

/**
 * Signs in to 我的 of the community `slug` with the six-digit code the development mailbox shows for `number`, and
 * waits for `then` (default: 我的 itself). Checks on the way that the code's box starts empty (it once kept the mobile
 * typed in the box before it).
 */
export async function signInWithCode(page: Page, number: string, options: { slug?: string; then?: string } = {}) {
  const slug = options.slug ?? 'jinyuan';
  await page.goto(`/c/${slug}/me/sign-in`);
  const since = Date.now() - 1000;
  await page.getByLabel('手机号').fill(number);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByTestId('code-sent').waitFor();
  expect(await page.getByLabel('短信验证码').inputValue()).toBe('');
  const code = /\d{6}/.exec((await waitForSms(number, since))!)![0];
  await page.getByLabel('短信验证码').fill(code);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(options.then ?? `**/c/${slug}/me`);
}
