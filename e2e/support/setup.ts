import { afterAll, expect } from 'vitest';
import { cspViolations } from './browser.ts';

// After each test file: every page it drove in Chromium kept to the Content-Security-Policy (a blocked script
// would break the page for real users while server-side checks still passed).
afterAll(() => {
  expect(cspViolations).toEqual([]);
});
