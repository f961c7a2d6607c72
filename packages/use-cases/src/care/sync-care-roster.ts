import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { buildings, careRecipients, grids, residents, residentTagLinks, residentTags, type Tx } from '@shequ/db';
import { computeTier, periodWindow } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { Caller } from '../caller.ts';
import { careRuleVersions, chinaToday, effectiveTier, openPeriodWindows, openRoutineWindow, periodsNotOver, releaseHigherTierWindows, rulesOnDay, tierRank } from './care-core.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { type HandedOverPerson, recordHandover } from './hand-over.ts';

export type SyncCareRosterInput = {
  tenantId: string;
  now?: Date;
  /** Only these people of the register (a change to them: their record, tags, tier); every recipient when absent. */
  residentIds?: readonly string[];
  /** Who made the change the roster follows (a hand-over it causes names them); the caller's user when absent. */
  byUserId?: string | null;
};

/**
 * Brings the care roster up to date with the register and the rules in force today (decision 039):
 * - every active person of the register gets the tier the community's rules give them from their tags and age
 *   (computeTier; e.g. 80+ and 独居 → high risk); a person matching no rule and without a staff override leaves
 *   the roster (`active` false; their history stays), and so does someone who moved out or was merged;
 * - a recipient's responsible grid worker is their building's grid worker: a new one's, and someone's who moved to a
 *   building of another grid (or whose building moved to another grid) — the previous one only while the grid has
 *   nobody (a grid worker's hand-over moves the grid's people with the grid, transferGridCare); a change of the
 *   responsible worker of someone on the roster hands them over with their last three visits (recordHandover, one
 *   record per grid and pair of workers), as a grid's new worker does;
 * - every active recipient has the routine window of the current period of their tier's policy (a calendar week,
 *   month or quarter in China time), opened with the tier and the kinds of contact that count under the rules in
 *   force on that day, and its timer started (due at the window's end, "due soon" before it); when a window of an
 *   earlier version or tier already starts there, the rest of the period follows where it ended, or from the last
 *   visit (openRoutineWindow: no gap across policy versions, decision 073);
 * - every active high-risk recipient has the window of each weather or festival period not yet over (someone who
 *   became high risk after the period was declared is owed its visit too; openPeriodWindows).
 * Rules: POLICY.md "Visiting care" (民政部等10部门 2022 guidance: monthly visit rate 100% for elders with special
 * difficulties; local tiers weekly / monthly / quarterly).
 *
 * Input: the community, `now` and optionally `residentIds` (only those people). Inside the community's tenant
 * transaction; called by the worker's care sweep (anonymous caller: a system job), by staff (manage CareRoster) and,
 * for the people a change touches, by the use cases that change them (refreshCareRoster). Output: `{ recipients,
 * joined, left, windows, handedOver }` (counts). Idempotent: a second run at the same time changes nothing.
 */
export async function syncCareRoster(tx: Tx, caller: Caller, input: SyncCareRosterInput) {
  const { tenantId } = input;
  if (caller.actor) assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const now = input.now ?? new Date();
  const today = chinaToday(now);
  const versions = await careRuleVersions(tx, tenantId);
  const inForce = rulesOnDay(versions, today);
  const ids = input.residentIds;
  if (ids && !ids.length) return { recipients: 0, joined: 0, left: 0, windows: 0, handedOver: 0 };
  const only = (column: typeof residents.id | typeof careRecipients.residentId): SQL | undefined => (ids ? inArray(column, [...ids]) : undefined);

  const people = await tx
    .select({
      id: residents.id,
      birth: residents.birth,
      nameHint: residents.nameHint,
      gridId: grids.id,
      gridWorkerId: grids.gridWorkerId,
      tags: sql<string[]>`coalesce(array_agg(${residentTags.name}) filter (where ${residentTags.name} is not null), '{}')`,
    })
    .from(residents)
    .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
    .leftJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
    .leftJoin(residentTagLinks, and(eq(residentTagLinks.tenantId, residents.tenantId), eq(residentTagLinks.residentId, residents.id)))
    .leftJoin(residentTags, and(eq(residentTags.tenantId, residentTagLinks.tenantId), eq(residentTags.id, residentTagLinks.tagId), eq(residentTags.active, true)))
    .where(and(eq(residents.tenantId, tenantId), eq(residents.status, 'active'), only(residents.id)))
    .groupBy(residents.id, residents.birth, residents.nameHint, grids.id, grids.gridWorkerId);
  const existing = new Map((await tx.select().from(careRecipients).where(and(eq(careRecipients.tenantId, tenantId), only(careRecipients.residentId)))).map((r) => [r.residentId, r]));

  let joined = 0;
  let left = 0;
  const seen = new Set<string>();
  // People on the roster whose responsible worker changes here, by grid and pair of workers: each group is handed over.
  const handovers = new Map<string, { gridId: string; fromUserId: string | null; toUserId: string; people: HandedOverPerson[] }>();
  for (const p of people) {
    seen.add(p.id);
    const tier = computeTier(inForce.rules, { tags: p.tags, birth: p.birth }, today);
    const before = existing.get(p.id);
    if (!before) {
      if (!tier) continue;
      await tx.insert(careRecipients).values({ tenantId, residentId: p.id, computedTier: tier, responsibleWorkerId: p.gridWorkerId, active: true, updatedAt: now });
      existing.set(p.id, { ...(await recipientAfter(tx, tenantId, p.id)) });
      joined++;
      continue;
    }
    const active = Boolean(tier ?? before.overrideTier);
    // The grid's worker is the responsible one (a person who moved grid kept the old grid's worker, outside trial).
    const responsibleWorkerId = p.gridWorkerId ?? before.responsibleWorkerId;
    if (before.computedTier !== tier || before.active !== active || before.responsibleWorkerId !== responsibleWorkerId) {
      await tx
        .update(careRecipients)
        .set({ computedTier: tier, active, responsibleWorkerId, updatedAt: now })
        .where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.residentId, p.id)));
      if (!before.active && active) joined++;
      if (before.active && !active) left++;
      existing.set(p.id, { ...before, computedTier: tier, active, responsibleWorkerId });
      // A tier lowered by the register or the rules (tags, birth, a rule version): the windows only the higher tier
      // owed and not yet over are no longer owed (decision 078), with an audit event saying why.
      const tierBefore = before.active ? effectiveTier(before) : null;
      const tierAfter = active ? effectiveTier({ overrideTier: before.overrideTier, computedTier: tier }) : null;
      if (tierBefore && tierRank(tierAfter) < tierRank(tierBefore)) {
        const released = await releaseHigherTierWindows(tx, tenantId, p.id, tierBefore, tierAfter, now);
        if (released.length) {
          await recordAuditEvent(tx, { tenantId, actorUserId: input.byUserId ?? caller.actor?.userId ?? null, action: 'care_windows_released', subjectType: 'Resident', subjectId: p.id, detail: { from: tierBefore, to: tierAfter, noLongerOwed: released } });
        }
      }
      if (active && p.gridId && responsibleWorkerId && before.responsibleWorkerId !== responsibleWorkerId) {
        const key = `${p.gridId}:${before.responsibleWorkerId}:${responsibleWorkerId}`;
        const group = handovers.get(key) ?? { gridId: p.gridId, fromUserId: before.responsibleWorkerId, toUserId: responsibleWorkerId, people: [] };
        group.people.push({ residentId: p.id, nameHint: p.nameHint, overrideTier: before.overrideTier, computedTier: tier });
        handovers.set(key, group);
      }
    }
  }
  // Moved out or merged: off the roster.
  for (const r of existing.values()) {
    if (!seen.has(r.residentId) && r.active) {
      await tx.update(careRecipients).set({ active: false, updatedAt: now }).where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.residentId, r.residentId)));
      r.active = false;
      left++;
    }
  }

  // A person moved to another grid (or whose building was) goes to its worker with their last visits, as a grid's new
  // worker gets its people (found from outside: the worker changed with no hand-over record and nobody told).
  let handedOver = 0;
  for (const group of handovers.values()) {
    await recordHandover(tx, { tenantId, ...group, byUserId: input.byUserId ?? caller.actor?.userId ?? null, now });
    handedOver += group.people.length;
  }

  let windows = 0;
  let recipients = 0;
  const periods = await periodsNotOver(tx, tenantId, now);
  for (const r of existing.values()) {
    const tier = effectiveTier(r);
    if (!r.active || !tier) continue;
    recipients++;
    if (tier === 'high' && periods.length) windows += await openPeriodWindows(tx, tenantId, r.residentId, periods, versions, now);
    const policy = inForce.rules.policies[tier];
    const w = periodWindow(policy.period, today);
    const opened = await openRoutineWindow(
      tx,
      { tenantId, residentId: r.residentId, tier, reason: 'routine', opensAt: w.opensAt, closesAt: w.closesAt, countsKinds: policy.contactKinds, ruleSetId: inForce.id, dueSoonDays: inForce.rules.dueSoonDays },
      now,
    );
    if (opened) windows++;
  }
  return { recipients, joined, left, windows, handedOver };
}

async function recipientAfter(tx: Tx, tenantId: string, residentId: string) {
  const [row] = await tx.select().from(careRecipients).where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.residentId, residentId)));
  return row!;
}

