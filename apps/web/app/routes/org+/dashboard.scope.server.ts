import { chinaDayStart, type ReportPeriod } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import { communitiesOf, dashboardScope, type DashboardScope, type StaffCaller } from '@shequ/use-cases';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { isRefusal } from '~/lib/refusal.server.ts';

/** The scope a dashboard route serves: 'org' routes need a street or district, 'community' routes the user's community. */
export async function requireDashboardScope<K extends 'org' | 'community'>(tx: Tx, caller: StaffCaller, console: K) {
  const scope = await dashboardScope(tx, caller).catch((e) => (isRefusal(e) ? forbidden() : Promise.reject(e)));
  if ((console === 'org') !== (scope.kind !== 'community')) forbidden();
  return scope as K extends 'org' ? Exclude<DashboardScope, { kind: 'community' }> : Extract<DashboardScope, { kind: 'community' }>;
}

/** One community of an officer's street or district for a period (as attributed then; now without one), as a community scope; 404 otherwise. */
export async function officerCommunity(tx: Tx, caller: StaffCaller, scope: Exclude<DashboardScope, { kind: 'community' }>, communityId: string, period: ReportPeriod | null) {
  // No readable period (the page then shows why): where the community stands now.
  const at = new Date(Math.min(period ? chinaDayStart(period.range.to).getTime() - 1 : Date.now(), Date.now()));
  const community = (await communitiesOf(tx, caller, { scope, at })).find((c) => c.id === communityId);
  if (!community) notFound();
  return { kind: 'community' as const, unitId: community.id, name: community.name, streetId: community.streetId };
}
