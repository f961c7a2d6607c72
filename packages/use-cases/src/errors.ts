import { ACCOUNT_REFUSALS } from './accounts/refusals.ts';
import { AUTH_REFUSALS } from './auth/refusals.ts';
import { CARE_REFUSALS } from './care/refusals.ts';
import { CASE_REFUSALS } from './cases/refusals.ts';
import { COGOVERNANCE_REFUSALS } from './cogovernance/refusals.ts';
import { COMMUNITY_REFUSALS } from './community/refusals.ts';
import { DASHBOARD_REFUSALS } from './dashboards/refusals.ts';
import { DEADLINE_REFUSALS } from './deadlines/refusals.ts';
import { GRID_REFUSALS } from './grids/refusals.ts';
import { INPUT_REFUSALS } from './input/refusals.ts';
import { MEAL_REFUSALS } from './meals/refusals.ts';
import { SCHOOL_REFUSALS } from './school/refusals.ts';
import { ELDER_SERVICE_REFUSALS } from './elder-services/refusals.ts';
import { NOTIFICATION_REFUSALS } from './notifications/refusals.ts';
import { ONBOARDING_REFUSALS } from './onboarding/refusals.ts';
import { ORG_REFUSALS } from './org/refusals.ts';
import { QR_REFUSALS } from './qr/refusals.ts';
import { type CodesOf, REFUSAL_KINDS, type RefusalKind, type RefusalList } from './refusal.ts';
import { SETTINGS_REFUSALS } from './settings/refusals.ts';
import { RESIDENT_REFUSALS } from './residents/refusals.ts';
import { RESIDENT_ACCESS_REFUSALS } from './resident-access/refusals.ts';
import { VOLUNTEER_REFUSALS } from './volunteers/refusal-codes.ts';
import { PARTY_REFUSALS } from './party/refusals.ts';

export { REFUSAL_KINDS, type RefusalKind } from './refusal.ts';

/** Every feature's refusal codes (each declared in `<feature>/refusals.ts`). */
export const REFUSALS = {
  accounts: ACCOUNT_REFUSALS,
  auth: AUTH_REFUSALS,
  care: CARE_REFUSALS,
  cases: CASE_REFUSALS,
  cogovernance: COGOVERNANCE_REFUSALS,
  community: COMMUNITY_REFUSALS,
  dashboards: DASHBOARD_REFUSALS,
  deadlines: DEADLINE_REFUSALS,
  grids: GRID_REFUSALS,
  input: INPUT_REFUSALS,
  meals: MEAL_REFUSALS,
  notifications: NOTIFICATION_REFUSALS,
  onboarding: ONBOARDING_REFUSALS,
  org: ORG_REFUSALS,
  qr: QR_REFUSALS,
  residentAccess: RESIDENT_ACCESS_REFUSALS,
  party: PARTY_REFUSALS,
  residents: RESIDENT_REFUSALS,
  school: SCHOOL_REFUSALS,
  elderServices: ELDER_SERVICE_REFUSALS,
  settings: SETTINGS_REFUSALS,
  volunteers: VOLUNTEER_REFUSALS,
} as const satisfies Record<string, RefusalList>;

type Lists = (typeof REFUSALS)[keyof typeof REFUSALS];
/** A code some feature declared; `UseCaseError` takes nothing else, so a misspelt or undeclared code fails typecheck. */
export type RefusalCode = Lists extends infer L ? (L extends RefusalList ? CodesOf<L> : never) : never;

const KIND_OF = new Map<string, RefusalKind>();
for (const list of Object.values(REFUSALS) as RefusalList[]) {
  for (const kind of REFUSAL_KINDS) for (const code of list[kind] ?? []) KIND_OF.set(code, kind);
}

/** Every declared code, in declaration order. */
export const REFUSAL_CODES = [...KIND_OF.keys()] as RefusalCode[];

/** What a refusal means (invalid input, not found, conflict, …); the app picks its answer (status) from it. */
export function refusalKind(code: RefusalCode): RefusalKind {
  return KIND_OF.get(code) ?? 'invalid';
}

/** One refusal of several found in the same input (see UseCaseError.all). */
export type Problem = { code: RefusalCode; params: Record<string, string | number> };

/**
 * A refusal the user can act on. `code` is one of the declared refusal codes (never English text); the app shows the
 * message `refusals.<code>` in the user's language. `params` fill the message (`max`, `columns`, …) and may name the
 * form `field` it is about. `others`: further refusals of the same input found in the same pass (a form with a wrong
 * mobile and a wrong birth date is told both at once); `all` lists this one and those.
 */
export class UseCaseError extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly params: Record<string, string | number> = {},
    readonly others: readonly Problem[] = [],
  ) {
    super(code);
    this.name = 'UseCaseError';
  }

  /** Every refusal of the input, this one first. */
  get all(): Problem[] {
    return [{ code: this.code, params: this.params }, ...this.others];
  }

  /** A refusal of every problem found (the first as the code); null when there is none. */
  static of(problems: readonly Problem[]): UseCaseError | null {
    const [first, ...rest] = problems;
    return first ? new UseCaseError(first.code, first.params, rest) : null;
  }

  get kind(): RefusalKind {
    return refusalKind(this.code);
  }
}
