export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_PROBLEMS = ['too_short', 'too_long', 'too_simple'] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/** A password must be 8–128 characters and mix at least two of: letters, digits, other characters. */
export function checkPassword(password: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  return classes >= 2 ? null : 'too_simple';
}
