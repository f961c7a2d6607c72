import { describe, expect, it } from 'vitest';
import { resetPasswordWithCodeSchema, signInResidentWithCodeSchema } from '../src/schemas.ts';
import { typedDigitCode } from '../src/zod.ts';

/** Codes from a text message as people type them on a phone (found from outside: ６ refused in the code box). */
describe('typedDigitCode', () => {
  const code = typedDigitCode(6, 'me.errors.codeRequired', 'me.errors.codeShape');

  it('reads full-width digits, spaces and dashes between groups as the plain code', () => {
    expect(code.parse('１２３４５６')).toBe('123456');
    expect(code.parse(' 123 456 ')).toBe('123456');
    expect(code.parse('１２３-４５６')).toBe('123456');
    expect(code.parse('123\u3000456')).toBe('123456');
  });

  it('refuses anything but six digits, each with its own message', () => {
    const issue = (v: unknown) => code.safeParse(v).error?.issues[0]?.message;
    expect(issue('12345')).toBe('me.errors.codeShape');
    expect(issue('1234567')).toBe('me.errors.codeShape');
    expect(issue('12a456')).toBe('me.errors.codeShape');
    expect(issue('١٢٣٤٥٦')).toBe('me.errors.codeShape'); // Arabic-Indic digits are not what a text message sends
    expect(issue('')).toBe('me.errors.codeRequired');
    expect(issue(undefined)).toBe('me.errors.codeRequired');
  });

  it('is what the residents’ sign-in and the staff reset read', () => {
    expect(signInResidentWithCodeSchema.parse({ mobile: '13800000019', code: '０１２３４５' }).code).toBe('012345');
    const reset = resetPasswordWithCodeSchema.safeParse({ mobile: '13800000019', code: '０１２ ３４５', password: 'Xq7!mPz#2vL9', confirm: 'Xq7!mPz#2vL9' });
    expect(reset.success && reset.data.code).toBe('012345');
  });
});
