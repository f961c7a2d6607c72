import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { buildings, careRecipients, careVisits, careWindows, grids, residents, type Tx, users } from '@shequ/db';
import { type CareTier, windowState, type WindowState } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { registerScope } from '../residents/person.ts';
import { careCommunityOf, careRuleVersions, chinaToday, effectiveTier, rulesOnDay } from './care-core.ts';
import { type CareRosterFilter, careRosterFilterSchema } from './schemas.ts';

export type RosterRow = {
  residentId: string;
  nameHint: string;
  address: string;
  gridId: string | null;
  gridName: string | null;
  tier: CareTier;
  overridden: boolean;
  responsibleWorker: string | null;
  /** The window that matters now: the earliest owed (overdue first), else the latest met, else the next to open. */
  window: { id: string; reason: string; opensAt: Date; closesAt: Date; state: WindowState; countsKinds: string[] } | null;
  openWindows: number;
  lastVisitAt: Date | null;
};

/**
 * A roster row as the pages and the phone app name a person: who, where, the tier, and the state and reason of the
 * window that matters now (the roster page and the offline pack add their own dates, as text or ISO).
 */
export function rosterPerson(r: RosterRow) {
  return { residentId: r.residentId, nameHint: r.nameHint, address: r.address, gridName: r.gridName, tier: r.tier, state: r.window?.state ?? null, reason: r.window?.reason ?? null };
}

const STATE_ORDER: Record<WindowState, number> = { overdue: 0, due_soon: 1, due: 2, upcoming: 3, visited_late: 4, visited: 5 };

/**
 * The care roster as the caller may see it (the office: everyone; a grid worker: the people of their grids, as the
 * register's scope): each active recipient with their tier, responsible worker, the window that matters now and its
 * state by the written definitions (windowState: due, due soon, overdue, visited on time or late), their last visit,
 * and counts per state. Sorted overdue first, then due soon, due, upcoming, visited.
 *
 * Input: filters `{ gridId?, tier?, state? }`, `now`. Output: `{ rows, counts, dueSoonDays, canManage }`.
 * Refuses: forbidden (no read CareRoster).
 */
export async function listCareRoster(tx: Tx, caller: StaffCaller, input: CareRosterFilter & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'read', subject('CareRoster', { tenantId }));
  const filter = parseInput(careRosterFilterSchema, input);
  const now = input.now ?? new Date();
  const scope = registerScope(caller, tenantId);
  if (scope === null) return { rows: [] as RosterRow[], counts: countStates([]), dueSoonDays: 0, canManage: false };
  const dueSoonDays = rulesOnDay(await careRuleVersions(tx, tenantId), chinaToday(now)).rules.dueSoonDays;
  const where: (SQL | undefined)[] = [eq(careRecipients.tenantId, tenantId), eq(careRecipients.active, true), scope];
  if (filter.gridId) where.push(eq(grids.id, filter.gridId));
  const people = await tx
    .select({
      residentId: careRecipients.residentId,
      overrideTier: careRecipients.overrideTier,
      computedTier: careRecipients.computedTier,
      nameHint: residents.nameHint,
      building: buildings.name,
      unit: residents.unit,
      room: residents.room,
      gridId: grids.id,
      gridName: grids.name,
      worker: users.displayName,
    })
    .from(careRecipients)
    .innerJoin(residents, and(eq(residents.tenantId, careRecipients.tenantId), eq(residents.id, careRecipients.residentId)))
    .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
    .leftJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
    .leftJoin(users, eq(users.id, careRecipients.responsibleWorkerId))
    .where(and(...where))
    .orderBy(asc(residents.nameHint));
  const ids = people.map((p) => p.residentId);
  const windows = ids.length
    ? await tx.select().from(careWindows).where(and(eq(careWindows.tenantId, tenantId), inArray(careWindows.residentId, ids))).orderBy(asc(careWindows.closesAt))
    : [];
  const lastVisits = ids.length
    ? await tx
        .selectDistinctOn([careVisits.residentId], { residentId: careVisits.residentId, visitedAt: careVisits.visitedAt })
        .from(careVisits)
        .where(and(eq(careVisits.tenantId, tenantId), inArray(careVisits.residentId, ids)))
        .orderBy(careVisits.residentId, desc(careVisits.visitedAt))
    : [];
  const lastOf = new Map(lastVisits.map((v) => [v.residentId, v.visitedAt]));
  const byPerson = new Map<string, typeof windows>();
  for (const w of windows) byPerson.set(w.residentId, [...(byPerson.get(w.residentId) ?? []), w]);

  let rows: RosterRow[] = people.map((p) => {
    const mine = (byPerson.get(p.residentId) ?? []).map((w) => ({ ...w, state: windowState(w, now, dueSoonDays) }));
    const pending = mine.filter((w) => !w.visitId).sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.closesAt.getTime() - b.closesAt.getTime());
    const met = mine.filter((w) => w.visitId);
    // A window not yet open (a weather period starting next week) says nothing about now: after this week's visit
    // the person reads as visited, not "upcoming" (decision 070).
    const owedNow = pending.filter((w) => w.state !== 'upcoming');
    const current = owedNow[0] ?? met[met.length - 1] ?? pending[0] ?? null;
    return {
      residentId: p.residentId,
      nameHint: p.nameHint,
      address: [p.building, p.unit ? `${p.unit}单元` : null, p.room].filter(Boolean).join(' '),
      gridId: p.gridId,
      gridName: p.gridName,
      tier: effectiveTier(p)!,
      overridden: Boolean(p.overrideTier),
      responsibleWorker: p.worker,
      window: current ? { id: current.id, reason: current.reason, opensAt: current.opensAt, closesAt: current.closesAt, state: current.state, countsKinds: current.countsKinds } : null,
      openWindows: pending.filter((w) => w.state !== 'upcoming').length,
      lastVisitAt: lastOf.get(p.residentId) ?? null,
    };
  });
  if (filter.tier) rows = rows.filter((r) => r.tier === filter.tier);
  const counts = countStates(rows);
  if (filter.state) rows = rows.filter((r) => (filter.state === 'visited' ? r.window?.state === 'visited' || r.window?.state === 'visited_late' : r.window?.state === filter.state));
  rows.sort((a, b) => STATE_ORDER[a.window?.state ?? 'visited'] - STATE_ORDER[b.window?.state ?? 'visited'] || (a.window?.closesAt.getTime() ?? 0) - (b.window?.closesAt.getTime() ?? 0));
  return { rows, counts, dueSoonDays, canManage: caller.ability.can('manage', subject('CareRoster', { tenantId })) };
}

function countStates(rows: RosterRow[]) {
  const counts = { total: rows.length, overdue: 0, due_soon: 0, due: 0, upcoming: 0, visited: 0 };
  for (const r of rows) {
    const s = r.window?.state;
    if (s === 'visited' || s === 'visited_late') counts.visited++;
    else if (s) counts[s]++;
  }
  return counts;
}
