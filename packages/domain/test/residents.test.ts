import { describe, expect, it } from 'vitest';
import { ageOn, bornOnOrBeforeForAge, formatResidentAddress, fragmentSearchPieces, idCardCheckChar, maskIdCard, nameSearchPieces, parseBirth, parseIdCard } from '../src/index.ts';

describe('identity numbers (GB 11643-1999)', () => {
  it('accepts the standard’s own example and reads birth and gender from it', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(parseIdCard('11010519491231002X')).toEqual({ number: '11010519491231002X', birth: '1949-12-31', gender: 'female' });
    expect(parseIdCard('１１０１０５１９４９１２３１００２ｘ')?.number).toBe('11010519491231002X');
    expect(parseIdCard('440524188001010014')).toEqual({ number: '440524188001010014', birth: '1880-01-01', gender: 'male' });
  });
  it('refuses a wrong check character, an impossible date, a future birth and other shapes', () => {
    expect(parseIdCard('110105194912310021')).toBeNull();
    const feb30 = '11010519490230001';
    expect(parseIdCard(feb30 + idCardCheckChar(feb30))).toBeNull();
    const future = '11010520991231002';
    expect(parseIdCard(future + idCardCheckChar(future), '2026-11-29')).toBeNull();
    expect(parseIdCard('110105491231002')).toBeNull();
    expect(parseIdCard('')).toBeNull();
  });
  it('masks all but the region and the last four', () => {
    expect(maskIdCard('11010519491231002X')).toBe('1101**********002X');
  });
});

describe('birth and age', () => {
  it('reads a month or a day in the ways people write them', () => {
    expect(parseBirth('1948-3', '2026-11-29')).toBe('1948-03');
    expect(parseBirth('1948年3月', '2026-11-29')).toBe('1948-03');
    expect(parseBirth('1948.03.15', '2026-11-29')).toBe('1948-03-15');
    expect(parseBirth('19480315', '2026-11-29')).toBe('1948-03-15');
    expect(parseBirth('1948-02-30', '2026-11-29')).toBeNull();
    expect(parseBirth('2027-01', '2026-11-29')).toBeNull();
    expect(parseBirth('1948-13', '2026-11-29')).toBeNull();
  });
  it('counts whole years, a month-only birth from the first of the month', () => {
    expect(ageOn('1966-11', '2026-11-29')).toBe(60);
    expect(ageOn('1966-12', '2026-11-29')).toBe(59);
    expect(ageOn('1966-11-30', '2026-11-29')).toBe(59);
    expect(bornOnOrBeforeForAge(60, '2026-11-29')).toBe('1966-11-29');
  });
});

describe('finding a name without storing it', () => {
  it('keeps every character and neighbouring pair; a fragment matches by its pairs', () => {
    expect(nameSearchPieces('王小明').sort()).toEqual(['小', '小明', '明', '王', '王小'].sort());
    expect(fragmentSearchPieces('小明')).toEqual(['小明']);
    expect(fragmentSearchPieces('王小明')).toEqual(['王小', '小明']);
    expect(fragmentSearchPieces(' ')).toEqual([]);
  });
  it('writes an address the way the office does', () => {
    expect(formatResidentAddress('3栋', '2', '301')).toBe('3栋 2单元 301');
    expect(formatResidentAddress('3栋', null, null)).toBe('3栋');
  });
});

describe('a unit or a room as the register takes it (issue 20: 🏠🏠🏠🏠🏠 was accepted as a room)', () => {
  it('letters, digits and punctuation up to 10 characters; no emoji or symbols', async () => {
    const { addressPartProblem } = await import('../src/index.ts');
    for (const ok of ['101', '3-201', 'B座1201', '二单元', '201室', '(东)12#', '1/F']) expect(addressPartProblem(ok), ok).toBeNull();
    for (const bad of ['🏠🏠🏠🏠🏠', '101🏠', '★12', '1️⃣01']) expect(addressPartProblem(bad), bad).toBe('invalid');
    expect(addressPartProblem('1'.repeat(11))).toBe('tooLong');
    expect(addressPartProblem('1'.repeat(2000))).toBe('tooLong');
  });
});
