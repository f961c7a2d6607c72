import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canNest,
  checkAdminCode,
  checkPassword,
  codeIsWithin,
  isValidSlug,
  maskMobile,
  maskName,
  normalizeMobile,
  parseLoginIdentifier,
  ROLES,
  workspaceKindOf,
} from '../src/index.ts';

describe('org hierarchy', () => {
  it.each([
    ['district', null, true],
    ['street', 'district', true],
    ['community', 'street', true],
    ['department', 'district', true],
    ['department', 'street', true],
    ['community', 'district', false],
    ['street', null, false],
    ['district', 'street', false],
    ['department', 'community', false],
  ] as const)('%s under %s → %s', (kind, parent, ok) => {
    expect(canNest(kind, parent)).toBe(ok);
  });

  it('checks 12-digit codes by level', () => {
    expect(checkAdminCode('520115000000', 'district')).toBeNull();
    expect(checkAdminCode('520115001000', 'street')).toBeNull();
    expect(checkAdminCode('520115001002', 'community')).toBeNull();
    expect(checkAdminCode('520115001002', 'street')).toBe('level');
    expect(checkAdminCode('52011500100', 'community')).toBe('shape');
    expect(checkAdminCode('52011500100a', 'community')).toBe('shape');
    expect(codeIsWithin('520115001002', '520115001000')).toBe(true);
    expect(codeIsWithin('520115002002', '520115001000')).toBe(false);
    expect(codeIsWithin('520115002000', '520115000000')).toBe(true);
  });
});

describe('slugs', () => {
  it('accepts lowercase words with single hyphens and refuses the rest', () => {
    expect(isValidSlug('jinyuan')).toBe(true);
    expect(isValidSlug('jin-yuan-2')).toBe(true);
    for (const bad of ['ab', 'Jinyuan', 'jin--yuan', '-jin', 'jin-', '金元', 'admin', 'a'.repeat(41)]) {
      expect(isValidSlug(bad), bad).toBe(false);
    }
  });
});

describe('contacts', () => {
  it('normalizes mainland mobile numbers', () => {
    expect(normalizeMobile('138 1234 5678')).toBe('13812345678');
    expect(normalizeMobile('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizeMobile('12812345678')).toBeNull();
    expect(normalizeMobile('1381234567')).toBeNull();
  });
  it('parses login identifiers', () => {
    expect(parseLoginIdentifier(' 13800000001 ')).toEqual({ kind: 'mobile', value: '13800000001' });
    expect(parseLoginIdentifier('Admin@Example.com')).toEqual({ kind: 'email', value: 'admin@example.com' });
    expect(parseLoginIdentifier('not an id')).toBeNull();
  });
  it('masks numbers and names', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李')).toBe('李*');
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => {
        const masked = maskMobile(m);
        return masked.length === 11 && masked.slice(3, 7) === '****' && !masked.includes(m.slice(3, 7) + m.slice(7));
      }),
    );
  });
});

describe('passwords and roles', () => {
  it('requires length and variety', () => {
    expect(checkPassword('short1')).toBe('too_short');
    expect(checkPassword('allletters')).toBe('too_simple');
    expect(checkPassword('Demo@2026')).toBeNull();
  });
  it('maps every role to a workspace', () => {
    expect(ROLES.map(workspaceKindOf)).toEqual(['operator', 'org', 'org', 'org', 'community', 'community', 'community', 'community']);
  });
});

describe('China time', () => {
  it('puts calendar boundaries at midnight UTC+8', async () => {
    const { chinaDayStart, chinaDayEnd, chinaMonthStart, chinaYearStart } = await import('../src/index.ts');
    expect(chinaDayStart('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(chinaDayEnd('2026-10-01').toISOString()).toBe('2026-10-01T16:00:00.000Z');
    // 2026-12-31T17:00Z is already 1 January 2027 in China.
    expect(chinaYearStart(new Date('2026-12-31T17:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaYearStart(new Date('2026-12-31T15:00:00Z')).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(chinaMonthStart(new Date('2026-11-30T16:30:00Z')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });
});
