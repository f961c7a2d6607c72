import { afterEach, beforeEach, expect, vi } from 'vitest';

/**
 * Any console.error during a test fails it (as the Epic Stack does): an error logged and swallowed is a bug that
 * a passing test would hide. A test that expects one says so with `expectConsoleError()`, which lets that test's
 * errors through (and asserts at least one came).
 */
let errors: unknown[][] = [];
let expected = false;

beforeEach(() => {
  errors = [];
  expected = false;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  const seen = errors;
  vi.mocked(console.error).mockRestore();
  if (expected) {
    expect(seen.length, 'expectConsoleError() was called but nothing was logged').toBeGreaterThan(0);
    return;
  }
  if (seen.length > 0) {
    const text = seen.map((args) => args.map((a) => (a instanceof Error ? a.stack ?? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')).join('\n');
    throw new Error(`console.error was called during this test:\n${text}`);
  }
});

/** Marks the current test as one that logs an error on purpose. */
export function expectConsoleError(): void {
  expected = true;
}
