import { describe, expect, it } from 'vitest';
import { checkNewPassword, checkPassword } from '../src/index.ts';

describe('a chosen password is checked against common and breached passwords too (issue 13)', () => {
  it.each([
    ['password1', 'too_common'],
    ['Password1', 'too_common'],
    ['qwerty123', 'too_common'],
    ['1qaz2wsx', 'too_common'],
    ['abc123456', 'too_common'],
    ['short1', 'too_short'],
    ['onlyletters', 'too_simple'],
    ['Shequ@2026', null],
    ['Grid#2026ok', null],
  ])('%s → %s', (password, expected) => {
    expect(checkNewPassword(password)).toBe(expected);
  });

  it('the policy alone (what the browser checks) passes them', () => {
    expect(checkPassword('password1')).toBeNull();
    expect(checkPassword('qwerty123')).toBeNull();
  });
});
