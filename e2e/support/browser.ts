import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
export const DEMO_PASSWORD = 'Shequ@2026';
const SCREENSHOTS = fileURLToPath(new URL('../screenshots', import.meta.url));

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * The element's box once the page has stopped moving it: read in the page, frame after frame, until two consecutive
 * animation frames give the same box (a scroll still settling, a message appearing above it, a font or an image
 * arriving under load move it). A test that reads a box to check where something is, or asks what is on top at a
 * point (elementFromPoint) and then taps there, reads it through this, never from a single moment.
 */
export async function steadyBox(target: Locator, timeout = 5000): Promise<{ x: number; y: number; width: number; height: number }> {
  await target.waitFor({ state: 'visible', timeout });
  return target.evaluate(
    (el, ms) =>
      new Promise<{ x: number; y: number; width: number; height: number }>((resolve, reject) => {
        const until = performance.now() + ms;
        let last = '';
        const frame = () => {
          const r = el.getBoundingClientRect();
          const box = { x: r.x, y: r.y, width: r.width, height: r.height };
          const now = JSON.stringify(box);
          if (now === last) return resolve(box);
          if (performance.now() > until) return reject(new Error(`steadyBox: the element kept moving for ${ms} ms (last ${now})`));
          last = now;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    timeout,
  );
}

/**
 * Waits until `target` (a button) takes taps: not disabled. The app disables every action button while a form is being
 * sent (a refused send that comes back with the server's message, a revalidation), and a disabled button has
 * `pointer-events: none`, so elementFromPoint finds the form behind it and a tap there does nothing.
 */
export async function whenEnabled(target: Locator, timeout = 10_000): Promise<void> {
  await target.evaluate(
    (el, ms) =>
      new Promise<void>((resolve, reject) => {
        const until = performance.now() + ms;
        const check = () => {
          if (!(el as HTMLButtonElement).disabled) return resolve();
          if (performance.now() > until) return reject(new Error(`whenEnabled: still disabled after ${ms} ms`));
          requestAnimationFrame(check);
        };
        check();
      }),
    timeout,
  );
}

/**
 * A test file's browser: launched before its tests, closed after them, then each `cleanUp` run in order (the rows its
 * fixtures made: removeFixtures, a file's own). Call it once at the top of the file; what it returns stands for the
 * launched browser in the tests (`newPage(browser, …)`).
 */
export function useBrowser(...cleanUp: (() => Promise<unknown>)[]): Browser {
  let launched: Browser | undefined;
  beforeAll(async () => {
    launched = await launch();
  });
  afterAll(async () => {
    await launched?.close();
    for (const step of cleanUp) await step();
  });
  return new Proxy({} as Browser, {
    get(_, key) {
      if (!launched) throw new Error('useBrowser: the browser is launched in beforeAll; use it inside a test');
      const value: unknown = Reflect.get(launched, key);
      return typeof value === 'function' ? value.bind(launched) : value;
    },
  });
}

/** How wide the page is drawn (the document's scroll width): at most 360 on a phone means no sideways scrolling. */
export const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Every Content-Security-Policy violation any page reported (the browser logs them): a test file checks it is empty. */
export const cspViolations: string[] = [];

/**
 * Every console.error any page logged (React hydration errors, failed scripts, uncaught promise rejections): a
 * test file fails if any is left at its end. The browser's own "Failed to load resource: … 403/404" lines are
 * not counted, because tests ask for refused and missing pages on purpose and check their status themselves.
 */
export const consoleErrors: string[] = [];
const EXPECTED_CONSOLE_ERRORS: RegExp[] = [/^Failed to load resource: the server responded with a status of (4\d\d)/];

/** Lets a test file accept a console error it provokes on purpose (matched by pattern). */
export function allowConsoleError(pattern: RegExp): void {
  EXPECTED_CONSOLE_ERRORS.push(pattern);
}

export async function newPage(browser: Browser, options: { locale?: string; mobile?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: options.locale ?? 'zh-CN',
    viewport: options.mobile ? { width: 360, height: 740 } : { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  // A page error in the browser is a failure, not noise.
  page.on('pageerror', (error) => {
    throw error;
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
    else if (message.type() === 'error' && !EXPECTED_CONSOLE_ERRORS.some((p) => p.test(message.text()))) consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  return { context, page };
}

export async function signIn(page: Page, identifier: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('手机号或邮箱').fill(identifier);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * Signs in a staff member who works for several places and picks one on the workspace chooser (`workspace`: its
 * button's name), then waits for that console (`console`: its path, /community by default).
 */
export async function signInTo(page: Page, identifier: string, workspace: RegExp, console = '/community') {
  await signIn(page, identifier);
  await page.waitForURL('**/workspaces**');
  await page.getByRole('button', { name: workspace }).click();
  await page.waitForURL(`**${console}`);
}

/** Opens a case's page from the community inbox: searched by its text (`unique`), then its tracking code's link. */
export async function openCase(page: Page, unique: string, code: string) {
  await page.goto(`/community/cases?q=${encodeURIComponent(unique)}`);
  await page.getByRole('link', { name: code }).first().click();
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Answers the confirmation dialog an action asked (确认), as a user would. */
export async function confirmAction(page: Page) {
  await page.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
}

/** Waits for the success message (toast) an action leaves and returns its text. */
export async function toastText(page: Page): Promise<string> {
  const toast = page.getByTestId('toast');
  await toast.waitFor();
  return (await toast.textContent()) ?? '';
}

/** A resident's wish sent from a community's QR page (`qrPath`, communityQrPath in fixtures): its tracking code. */
export async function submitWish(page: Page, qrPath: string, text: string, category = '设施维修'): Promise<string> {
  await page.goto(qrPath);
  await page.getByLabel('类别').selectOption({ label: category });
  await page.getByLabel('您的需要或遇到的问题').fill(text);
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByTestId('submitted').waitFor();
  return (await page.getByTestId('tracking-code').textContent())!;
}
