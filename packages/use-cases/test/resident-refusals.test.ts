import { describe, expect, it } from 'vitest';
import { resources } from '@shequ/i18n';
import { RESIDENT_REFUSALS, residentRefusalKey } from '../src/index.ts';

// Typed refusals (issue 12) for the register (decision 034): every code has a message in both languages.
function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('the register’s refusals', () => {
  it('each has a zh-CN and an en message', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const code of RESIDENT_REFUSALS) expect(typeof lookup(resources[locale].translation, residentRefusalKey(code)), `${locale} ${code}`).toBe('string');
    }
    expect(residentRefusalKey('resident.mobile.invalid')).toBe('residents.errors.mobile.invalid');
  });
});
