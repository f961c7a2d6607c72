import { type Actor, type AppAbility, defineAbilityFor } from '@shequ/permissions';

/**
 * Who calls a use case. Every use case has one signature, `(tx, caller, input)` (docs/decisions/028): `tx` is the
 * transaction the app opened in the caller's scope (withScope: withActor, withTenant, a named system scope), `caller` the signed-in staff member and what they may
 * do, `input` a plain object (parsed by the use case's own Zod schema when it comes from a form).
 */
export type StaffCaller = { actor: Actor; ability: AppAbility };

/** A resident (not signed in) or the system: no actor, and only what the anonymous ability allows. */
export type AnonymousCaller = { actor: null; ability: AppAbility };

export type Caller = StaffCaller | AnonymousCaller;

/** The caller for a resident's request or a system job: nobody signed in, the anonymous ability. */
export function anonymousCaller(): AnonymousCaller {
  return { actor: null, ability: defineAbilityFor(null) };
}

/**
 * A resident signed in with a text-message code (decision 035): nobody on the staff side (the anonymous ability),
 * and the resident's session in one community: the number's keyed hash, and the register entry it was linked to
 * (null while a sign-up waits for staff). Use cases for "我的" take it and read only rows of that number.
 */
export type ResidentSelf = { tenantId: string; sessionId: string; mobileIndex: string; mobileHint: string; residentId: string | null; signUpId: string | null };
export type ResidentCaller = { actor: null; ability: AppAbility; resident: ResidentSelf };

export function residentCaller(resident: ResidentSelf): ResidentCaller {
  return { actor: null, ability: defineAbilityFor(null), resident };
}
