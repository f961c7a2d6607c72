import { isUuid, type Tx } from '@shequ/db';
import { getCommunity, type StaffCaller } from '@shequ/use-cases';
import { notFound } from '~/lib/http.server.ts';
import { queryYear } from '~/lib/query-params.ts';
import { requireActor } from '~/lib/session.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';

// The server half shared by the co-governance committee's staff pages (issue 18, decision 037): the caller, their
// transaction, refusals (403 and 404 pages; the rest beside a field or above the form that was sent, through
// ~/lib/form-reply.server.ts), report files.

/** The signed-in member of the community console. */
export async function committeeCaller(request: Request): Promise<StaffCaller> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability };
}

/** A loader's use case in the caller's scope (runAsStaff: 403 and 404 pages). */
export const loadCommittee = <T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>) => runAsStaff(caller, fn);

/** The community's address on the residents' pages (its slug), for the public links and codes a committee page shows. */
export async function communitySlug(tx: Tx, caller: StaffCaller): Promise<string> {
  const community = await getCommunity(tx, caller, { communityId: caller.actor.workspace.tenantId! });
  return community.slug ?? '';
}

/**
 * A committee page's loader for the record its address names (`id`: a uuid, else the 404 page, as another community's
 * id): `load`'s record in the caller's scope (loadCommittee) and the community's slug.
 */
export async function loadCommitteeRecord<T>(request: Request, id: string | undefined, load: (tx: Tx, caller: StaffCaller, id: string) => Promise<T>): Promise<{ record: T; slug: string }> {
  const caller = await committeeCaller(request);
  if (!id || !isUuid(id)) notFound();
  return loadCommittee(caller, async (tx) => ({ record: await load(tx, caller, id), slug: await communitySlug(tx, caller) }));
}

/** An action's use case in the caller's scope (actAsStaff: refusals come back to be shown beside a field or above the form). */
export const actOnCommittee = <T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>) => actAsStaff(caller, fn);

/** A report's year (default: this year in China; not a year: the 400 page, queryYear) and format (`pdf` unless `xlsx`) from the query string. */
export function reportParams(request: Request): { year: number; format: 'pdf' | 'xlsx' } {
  const q = new URL(request.url).searchParams;
  return { year: queryYear(request), format: q.get('format') === 'xlsx' ? 'xlsx' : 'pdf' };
}

/** A report file to download: the one of download.server.ts (safeFileName), here for the committee's report routes. */
export { reportFile } from '~/lib/download.server.ts';
