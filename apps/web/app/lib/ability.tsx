import { unpackRules, type PackRule } from '@casl/ability/extra';
import { useMatches } from '@remix-run/react';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { abilityFromRules, defineAbilityFor, subject, type Action, type AppAbility, type AppRule, type SubjectFields, type SubjectName, type TaggedSubject } from '@shequ/permissions';

/** What a console layout's loader returns for the shell (lib/shell.server.ts): the user's packed CASL rules among it. */
type WithRules = { rules: PackRule<AppRule>[] };

/**
 * Whether route data is a console layout's shell data (lib/shell.server.ts: the user, workspaces and packed rules).
 * A page's own data may have a `rules` list too (the station's subsidy rules): taking that for the shell lost the
 * scope and hid every button the ability allows on the services desk and the meals settings (found from outside).
 */
export function isShellData(value: unknown): value is WithRules {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { rules?: unknown; user?: unknown; workspaces?: unknown };
  return Array.isArray(v.rules) && Array.isArray(v.workspaces) && typeof v.user === 'object' && v.user !== null;
}

const empty = defineAbilityFor(null);
const AbilityContext = createContext<AppAbility>(empty);

/**
 * The signed-in user's ability in the browser, rebuilt from the rules the server packed into the console
 * layout's data: the same rules the server checks with, so a link or button shown here is one the server allows.
 * Outside a console (no rules sent) it allows nothing.
 */
export function useAbility(): AppAbility {
  return useContext(AbilityContext);
}

/** Builds the ability once per set of rules and gives it to everything under a console layout. */
export function AbilityProvider({ rules, children }: { rules: PackRule<AppRule>[] | undefined; children: ReactNode }) {
  const ability = useMemo(() => (rules ? abilityFromRules(unpackRules(rules) as AppRule[]) : empty), [rules]);
  return <AbilityContext.Provider value={ability}>{children}</AbilityContext.Provider>;
}

/** The nearest route data that carries packed rules (a console layout), e.g. for an error boundary. */
export function useShellMatchData<T extends WithRules = WithRules>(): T | null {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i]!.data;
    if (isShellData(data)) return data as T;
  }
  return null;
}

/** Renders its children only when the user may do `I` to `a` (the UI half of a server check). */
export function Can({ I, a, children }: { I: Action; a: SubjectName | TaggedSubject; children: ReactNode }) {
  const ability = useAbility();
  return ability.can(I, a) ? <>{children}</> : null;
}

/** The ids the console layout sent beside the rules (a community's tenant, street and district), for building subjects. */
export function useScope<T = { tenantId: string; streetId: string | null; districtId: string | null }>(): T {
  const data = useShellMatchData<WithRules & { scope?: T }>();
  return (data?.scope ?? {}) as T;
}

/** The subjects that are the community's as a whole (their only field is the tenant): MealService, Consultation … */
type CommunitySubject = { [K in SubjectName]: SubjectFields[K] extends { tenantId: string } ? ({ tenantId: string } extends SubjectFields[K] ? K : never) : never }[SubjectName];

/**
 * Whether the user may do something to a subject of the console's community, as its server check asks:
 * `const can = useCommunityCan(); can('update', 'MealService')` (the rules and the tenant from the console layout).
 */
export function useCommunityCan(): (action: Action, name: CommunitySubject) => boolean {
  const ability = useAbility();
  const { tenantId } = useScope();
  return (action, name) => ability.can(action, subject(name, { tenantId } as SubjectFields[typeof name]));
}
