/**
 * What a refusal means for the one who asked, independent of how an app answers it (the web app turns each kind into
 * an HTTP status; apps/web/app/lib/refusal.server.ts):
 * - invalid: the input breaks a rule (a field to correct);
 * - unauthenticated: the credentials do not match;
 * - forbidden: the caller may not do this here;
 * - notFound: the thing does not exist for this caller (another community's ids look the same);
 * - conflict: the thing is in a state that does not allow it (already taken, changed meanwhile, wrong status);
 * - limited: too many attempts;
 * - unavailable: a service the action needs is down; the same request may succeed later.
 */
export const REFUSAL_KINDS = ['invalid', 'unauthenticated', 'forbidden', 'notFound', 'conflict', 'limited', 'unavailable'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

/** A feature's refusal codes, grouped by kind. */
export type RefusalList = { readonly [K in RefusalKind]?: readonly string[] };

/**
 * Declares a feature's refusal codes (one file per feature, `<feature>/refusals.ts`). The codes become the union
 * `UseCaseError` accepts, and each needs a message under `refusals.<code>` in zh-CN and en (apps/web/test/refusals.test.ts).
 */
export function defineRefusals<const T extends RefusalList>(list: T): T {
  return list;
}

/** The codes of one feature's list, as a union. */
export type CodesOf<T extends RefusalList> = { [K in keyof T]-?: T[K] extends readonly (infer C)[] ? C : never }[keyof T];
