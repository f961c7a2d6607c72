import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { buildings, careHandovers, careRecipients, careVisits, type HandoverPerson, residents, type Tx } from '@shequ/db';
import { orgUnitName } from '../deadlines/policy.ts';
import { notifyUsers } from '../notifications/notify.ts';
import { effectiveTier } from './care-core.ts';

/** A person handed over: who, and the tier they are on the roster with. */
export type HandedOverPerson = { residentId: string; nameHint: string; overrideTier: string | null; computedTier: string | null };

/**
 * Moves a grid's care recipients from one grid worker to the next (not a use case: handOverGrid and the grids page's
 * updateGrid call it when a grid's worker changes). The recipients of the grid's buildings whose responsible worker
 * was the previous one (or nobody) get the new one, handed over with their last visits (recordHandover). Returns the
 * hand-over's id and how many people moved (null id when nobody was handed over and there is no one to tell).
 */
export async function transferGridCare(tx: Tx, input: { tenantId: string; gridId: string; fromUserId: string | null; toUserId: string | null; byUserId: string | null; now: Date }) {
  const { tenantId, gridId, fromUserId, toUserId, now } = input;
  if (fromUserId === toUserId) return { handoverId: null, count: 0 };
  const people = await tx
    .select({ residentId: careRecipients.residentId, nameHint: residents.nameHint, overrideTier: careRecipients.overrideTier, computedTier: careRecipients.computedTier })
    .from(careRecipients)
    .innerJoin(residents, and(eq(residents.tenantId, careRecipients.tenantId), eq(residents.id, careRecipients.residentId)))
    .innerJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
    .where(
      and(
        eq(careRecipients.tenantId, tenantId),
        eq(buildings.gridId, gridId),
        eq(careRecipients.active, true),
        fromUserId ? or(eq(careRecipients.responsibleWorkerId, fromUserId), isNull(careRecipients.responsibleWorkerId)) : isNull(careRecipients.responsibleWorkerId),
      ),
    );
  if (!people.length) return { handoverId: null, count: 0 };
  const ids = people.map((p) => p.residentId);
  await tx.update(careRecipients).set({ responsibleWorkerId: toUserId, updatedAt: now }).where(and(eq(careRecipients.tenantId, tenantId), inArray(careRecipients.residentId, ids)));
  const handoverId = await recordHandover(tx, { ...input, people });
  return { handoverId, count: people.length };
}

/**
 * The hand-over record of people whose responsible grid worker changed (issue 20: "a change of grid worker hands the
 * people over with their last three visit summaries"), on every path that changes it: a grid's new worker
 * (transferGridCare) and the roster following a person or a building moved to another grid (syncCareRoster). For
 * each person, their masked name, tier and last three visit summaries (choices and note, as recorded); the new worker
 * is told (notify care_handover). The caller has set the responsible worker. `gridId`: the grid the people are with
 * now. Returns the record's id.
 */
export async function recordHandover(tx: Tx, input: { tenantId: string; gridId: string; fromUserId: string | null; toUserId: string | null; byUserId: string | null; now: Date; people: readonly HandedOverPerson[] }) {
  const { tenantId, gridId, fromUserId, toUserId, now, people } = input;
  const summaries: HandoverPerson[] = [];
  for (const p of people) {
    const last = await tx
      .select()
      .from(careVisits)
      .where(and(eq(careVisits.tenantId, tenantId), eq(careVisits.residentId, p.residentId)))
      .orderBy(desc(careVisits.visitedAt))
      .limit(3);
    summaries.push({
      residentId: p.residentId,
      nameHint: p.nameHint,
      tier: effectiveTier(p) ?? '',
      lastVisits: last.map((v) => ({ visitedAt: v.visitedAt.toISOString(), kind: v.kind, seen: v.seen, living: v.living, health: v.health, needs: v.needs, safety: v.safety, note: v.note })),
    });
  }
  const [row] = await tx
    .insert(careHandovers)
    .values({ tenantId, gridId, fromUserId, toUserId, people: summaries, count: summaries.length, createdBy: input.byUserId, createdAt: now })
    .returning({ id: careHandovers.id });
  if (toUserId) {
    await notifyUsers(tx, { kind: 'care_handover', userIds: [toUserId], communityId: tenantId, subject: { type: 'care_handover', id: row!.id }, data: { count: summaries.length, community: await orgUnitName(tx, tenantId), gridId } });
  }
  return row!.id;
}
