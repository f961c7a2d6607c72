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

describe('a date-time typed in a form (issue 17: 2026-02-30 13:00 became 2026-03-02)', () => {
  it('reads datetime-local text as China time, calendar-checked, and refuses the impossible', async () => {
    const { parseLocalDateTime, isInstantInRange } = await import('../src/index.ts');
    expect(parseLocalDateTime('2026-03-02T13:00')?.toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(parseLocalDateTime(' 2026-03-02 13:00:30 ')?.toISOString()).toBe('2026-03-02T05:00:30.000Z');
    expect(parseLocalDateTime('2028-02-29T00:00')?.toISOString()).toBe('2028-02-28T16:00:00.000Z');
    expect(parseLocalDateTime('2026-03-02T05:00:00.000Z')?.toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(parseLocalDateTime('2026-03-02T13:00:00+08:00')?.toISOString()).toBe('2026-03-02T05:00:00.000Z');
    for (const bad of ['2026-02-30T13:00', '2026-02-29T13:00', '2026-04-31T09:00', '2026-13-01T09:00', '2026-03-02T24:00', '2026-03-02T13:60', '2026-03-02T13:00:60', '9999-12-31T23:59', '0001-01-01T00:00', '2026-03-02', '13:00', '2026-03-02T13:00+25:00', 'abc', '', '😀'])
      expect(parseLocalDateTime(bad), bad).toBeNull();
    expect(parseLocalDateTime(1_700_000_000_000)).toBeNull();
    expect(isInstantInRange(new Date('2026-03-02T05:00:00Z'))).toBe(true);
    expect(isInstantInRange(new Date('9999-01-01T00:00:00Z'))).toBe(false);
    expect(isInstantInRange(new Date('nope'))).toBe(false);
  });
});

describe('a time range that spans days shows its end’s date (issue 17: a 51-day shift read "12-10 13:00–15:00")', () => {
  it('writes the end’s date (and year) only when it differs', async () => {
    const { chinaTimeRange } = await import('../src/index.ts');
    const t = (s: string) => new Date(`${s}:00+08:00`);
    expect(chinaTimeRange(t('2026-12-10T13:00'), t('2026-12-10T15:00'))).toBe('2026-12-10 13:00–15:00');
    expect(chinaTimeRange(t('2026-12-10T13:00'), t('2026-12-10T15:00'), false)).toBe('12-10 13:00–15:00');
    expect(chinaTimeRange(t('2026-12-10T22:00'), t('2026-12-11T02:00'), false)).toBe('12-10 22:00–12-11 02:00');
    expect(chinaTimeRange(t('2026-12-10T13:00'), t('2027-01-30T15:00'), false)).toBe('12-10 13:00–2027-01-30 15:00');
    expect(chinaTimeRange(t('2026-12-10T13:00'), t('2027-01-30T15:00'))).toBe('2026-12-10 13:00–2027-01-30 15:00');
  });
});

describe('the bounds of a shift and of hours entered afterwards (decision 058)', () => {
  it('names the problem and its field', async () => {
    const { shiftTimesProblem, servedTimesProblem, SHIFT_MAX_HOURS } = await import('../src/index.ts');
    const now = new Date('2026-11-30T00:00:00Z');
    const h = (n: number) => new Date(now.getTime() + n * 3600_000);
    expect(SHIFT_MAX_HOURS).toBe(24);
    expect(shiftTimesProblem(h(1), h(25), now)).toBeNull();
    expect(shiftTimesProblem(h(1), h(25.01), now)).toEqual({ problem: 'tooLong', field: 'endsAt' });
    expect(shiftTimesProblem(h(1), h(1), now)).toEqual({ problem: 'time', field: 'endsAt' });
    expect(shiftTimesProblem(h(0), h(2), now)).toEqual({ problem: 'past', field: 'startsAt' });
    expect(shiftTimesProblem(h(367 * 24), h(367 * 24 + 2), now)).toEqual({ problem: 'far', field: 'startsAt' });
    expect(servedTimesProblem(h(-3), h(-1), now)).toBeNull();
    expect(servedTimesProblem(h(-1), h(1), now)).toEqual({ problem: 'future', field: 'servedTo' });
    expect(servedTimesProblem(h(-30), h(-1), now)).toEqual({ problem: 'tooLong', field: 'servedTo' });
    expect(servedTimesProblem(h(-400 * 24), h(-400 * 24 + 1), now)).toEqual({ problem: 'tooOld', field: 'servedFrom' });
  });
});

describe('a community’s volunteer honour (issue 17: 碧海 showed 表彰（金元之星）)', () => {
  it('is named after the community', async () => {
    const { communityStarTitle } = await import('../src/index.ts');
    expect(communityStarTitle('金元社区')).toBe('金元之星');
    expect(communityStarTitle('碧海社区')).toBe('碧海之星');
    expect(communityStarTitle(' 社区 ')).toBe('社区之星');
    expect(communityStarTitle('南湖村')).toBe('南湖村之星');
  });
});
