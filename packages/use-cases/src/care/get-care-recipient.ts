import { and, desc, eq, sql } from 'drizzle-orm';
import { careEvents, careVisits, careWindows, residents, residentTagLinks, residentTags, type Tx, users } from '@shequ/db';
import { ageOn, type CareTier, chinaDate, windowState } from '@shequ/domain';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { loadResident } from '../residents/person.ts';
import { careCommunityOf, careRuleVersions, chinaToday, effectiveTier, recipientRow, rulesOnDay } from './care-core.ts';

/** How many visits and windows a person's care page lists (the newest first). */
const LAST_VISITS = 10;
const LAST_WINDOWS = 12;

/**
 * A person's care page (issue 20): who they are (masked name, address, age, tags), their tier — the one the rules
 * computed and staff's override with its reason — the responsible grid worker and the paired volunteer or party
 * member (masked name), the visit windows (pending first, each with its state by the written definitions, decision
 * 039's windowState), the last visits as recorded (choices, note, whether sent from the phone's queue, the case a
 * need became) and the major changes recorded. The person need not be on the roster (`onRoster` false): staff can
 * put them on it by setting a tier with a reason.
 *
 * Read in the caller's scope: the office sees everyone, a grid worker the people of their grids (the register's
 * rule; another grid's person is care.notFound, the 404 page).
 * Input: `{ residentId, now? }`. Output: `{ person, onRoster, tier, computedTier, override, worker, volunteer,
 * windows, visits, events, dueSoonDays, may: { manage, visit, photos } }` (dates as Date; China-time days as YYYY-MM-DD).
 * Refuses: resident.notFound (not a person the caller sees, or not an id).
 */
export async function getCareRecipient(tx: Tx, caller: StaffCaller, input: { residentId: string; now?: Date }) {
  const tenantId = careCommunityOf(caller);
  const now = input.now ?? new Date();
  const { row, gridWorkerId, building } = await loadResident(tx, caller.ability, tenantId, input.residentId);
  const recipient = await recipientRow(tx, tenantId, row.id);
  const dueSoonDays = rulesOnDay(await careRuleVersions(tx, tenantId), chinaToday(now)).rules.dueSoonDays;
  const tags = await tx
    .select({ name: residentTags.name })
    .from(residentTagLinks)
    .innerJoin(residentTags, and(eq(residentTags.tenantId, residentTagLinks.tenantId), eq(residentTags.id, residentTagLinks.tagId)))
    .where(and(eq(residentTagLinks.tenantId, tenantId), eq(residentTagLinks.residentId, row.id)));
  const [worker] = recipient?.responsibleWorkerId ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, recipient.responsibleWorkerId)) : [];
  const [volunteer] = recipient?.volunteerId
    ? await tx.select({ id: residents.id, nameHint: residents.nameHint }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, recipient.volunteerId)))
    : [];
  const windowRows = await tx
    .select()
    .from(careWindows)
    .where(and(eq(careWindows.tenantId, tenantId), eq(careWindows.residentId, row.id)))
    .orderBy(sql`${careWindows.visitId} is not null`, desc(careWindows.closesAt))
    .limit(LAST_WINDOWS);
  const visits = await tx
    .select({
      id: careVisits.id,
      kind: careVisits.kind,
      visitedAt: careVisits.visitedAt,
      seen: careVisits.seen,
      living: careVisits.living,
      health: careVisits.health,
      safety: careVisits.safety,
      familyCare: careVisits.familyCare,
      needs: careVisits.needs,
      note: careVisits.note,
      hasPhoto: sql<boolean>`${careVisits.photoPath} is not null`,
      hasLocation: sql<boolean>`${careVisits.latitude} is not null`,
      caseId: careVisits.caseId,
      offline: careVisits.offline,
      receivedAt: careVisits.receivedAt,
      visitor: users.displayName,
    })
    .from(careVisits)
    .leftJoin(users, eq(users.id, careVisits.visitorId))
    .where(and(eq(careVisits.tenantId, tenantId), eq(careVisits.residentId, row.id)))
    .orderBy(desc(careVisits.visitedAt))
    .limit(LAST_VISITS);
  const events = await tx
    .select({ id: careEvents.id, kind: careEvents.kind, note: careEvents.note, createdAt: careEvents.createdAt })
    .from(careEvents)
    .where(and(eq(careEvents.tenantId, tenantId), eq(careEvents.residentId, row.id)))
    .orderBy(desc(careEvents.createdAt))
    .limit(5);
  const age = row.birth ? ageOn(row.birth, chinaDate(now)) : null;
  return {
    person: {
      id: row.id,
      nameHint: row.nameHint,
      address: [building, row.unit ? `${row.unit}单元` : null, row.room].filter(Boolean).join(' '),
      age,
      tags: tags.map((t) => t.name),
      status: row.status,
      /** The version an offline edit of the person starts from (issue 20: never silently overwritten). */
      version: row.updatedAt.toISOString(),
    },
    onRoster: Boolean(recipient?.active),
    tier: (recipient && effectiveTier(recipient)) as CareTier | null,
    computedTier: (recipient?.computedTier ?? null) as CareTier | null,
    override: recipient?.overrideTier ? { tier: recipient.overrideTier as CareTier, reason: recipient.overrideReason ?? '', at: recipient.overrideAt } : null,
    worker: worker?.name ?? null,
    volunteer: volunteer ? { id: volunteer.id, nameHint: volunteer.nameHint } : null,
    windows: windowRows.map((w) => ({ id: w.id, reason: w.reason, tier: w.tier, opensAt: w.opensAt, closesAt: w.closesAt, countsKinds: w.countsKinds, visitedAt: w.visitedAt, state: windowState(w, now, dueSoonDays) })),
    visits,
    events,
    dueSoonDays,
    may: {
      manage: caller.ability.can('manage', subject('CareRoster', { tenantId })),
      visit: caller.ability.can('create', subject('CareVisit', { tenantId, gridWorkerId })),
      /** Whether the visits' photos are shown (careVisitPhoto serves them to the same readers). */
      photos: caller.ability.can('read', subject('CareVisit', { tenantId, gridWorkerId })),
    },
  };
}

