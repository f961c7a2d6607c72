import { afterAll, expect } from 'vitest';
import { consoleErrors, cspViolations } from './browser.ts';

// After each test file: every page it drove in Chromium kept to the Content-Security-Policy (a blocked script
// would break the page for real users while server-side checks still passed).
// And no page logged an unexpected console.error (support/browser.ts says which are expected).
afterAll(() => {
  expect(cspViolations).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
