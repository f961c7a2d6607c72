import { dictionary } from '@zxcvbn-ts/language-common';
import { checkPassword, type PasswordProblem } from './password-policy.ts';

// The list: @zxcvbn-ts/language-common's 'passwords-common' (about 49,000 passwords most often found in breached
// password dumps, maintained with zxcvbn-ts), pinned in package.json. Built into a set on first use, on the server.
let common: Set<string> | null = null;

/** Whether a password is on the list of common and breached passwords (compared in lower case). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.toLowerCase());
}

/**
 * The rule for a password someone chooses (reset, invitation): the policy (checkPassword: length and variety), and
 * not one of the common or breached passwords ('too_common'; issue 13). The browser checks the policy as the user
 * types; this list is checked on the server, so pages do not carry it.
 */
export function checkNewPassword(password: string): PasswordProblem | 'too_common' | null {
  return checkPassword(password) ?? (isCommonPassword(password) ? 'too_common' : null);
}
