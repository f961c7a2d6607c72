import { and, eq, inArray } from 'drizzle-orm';
import { residents, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { listCommunityChoices } from '../community/list-community-choices.ts';
import { careCommunityOf } from './care-core.ts';
import { listCareRoster, rosterPerson } from './list-care-roster.ts';

// The grid worker's phone app (issue 20, decision 039): what it keeps for offline use, and what it sends back later.

/**
 * What the phone app keeps for working without a network: the caller's roster (listCareRoster's scope: a grid
 * worker the people of their grids), each person with the details the app may edit offline and the version they
 * are at (the person's `updated_at`), the window that matters now and its state, and the community's active wish
 * categories for a need found. Dates as ISO strings (it is stored as JSON in IndexedDB).
 *
 * Input: `{ now? }`. Output: `{ generatedAt, dueSoonDays, categories, people: [{ residentId, nameHint, address,
 * gridName, tier, state, reason, closesAt, lastVisitAt, version, details: { unit, room, note } }] }`.
 * Refuses: forbidden (read CareRoster).
 */
export async function careOfflinePack(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = careCommunityOf(caller);
  const now = input.now ?? new Date();
  const roster = await listCareRoster(tx, caller, { now });
  const ids = roster.rows.map((r) => r.residentId);
  const details = ids.length
    ? await tx
        .select({ id: residents.id, unit: residents.unit, room: residents.room, note: residents.note, updatedAt: residents.updatedAt })
        .from(residents)
        .where(and(eq(residents.tenantId, tenantId), inArray(residents.id, ids)))
    : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const choices = await listCommunityChoices(tx, caller, { communityId: tenantId });
  return {
    generatedAt: now.toISOString(),
    dueSoonDays: roster.dueSoonDays,
    categories: choices.categories.filter((c) => c.active).map(({ id, name }) => ({ id, name })),
    people: roster.rows.map((r) => {
      const d = byId.get(r.residentId);
      return {
        ...rosterPerson(r),
        closesAt: r.window?.closesAt.toISOString() ?? null,
        lastVisitAt: r.lastVisitAt?.toISOString() ?? null,
        version: d?.updatedAt.toISOString() ?? '',
        details: { unit: d?.unit ?? null, room: d?.room ?? null, note: d?.note ?? null },
      };
    }),
  };
}
