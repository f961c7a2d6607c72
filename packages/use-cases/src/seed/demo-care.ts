import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { careEvents, careRecipients, careVisits, careWindows, type Db, grids, orgUnits, residents, SYSTEM_SCOPES, users, withSystem, withTenant } from '@shequ/db';
import { DEFAULT_CARE_RULES, majorChangeWindow, periodWindow, VISIT_FAMILY, VISIT_HEALTH, VISIT_LIVING, VISIT_NEEDS, VISIT_SAFETY, type CareTier } from '@shequ/domain';
import { anonymousCaller } from '../caller.ts';
import { syncCareRoster } from '../care/sync-care-roster.ts';
import { effectiveTier, openCareWindow } from '../care/care-core.ts';
import { seededRandom } from './seeded-random.ts';

const DAY = 24 * 3600 * 1000;

/**
 * 金元社区's visiting care (issue 20, decision 039), after its register (seedDemoResidents): the roster synced from
 * the register under the default rules (every tier present: when the random register lacks one, a person is set to
 * it by hand with the reason "演示数据"), the current windows with their timers, three months of past windows with
 * visits (most on time, some late, a few missed and overdue now), and one major change (a hospital stay three hours
 * ago) waiting for its 24-hour visit. Only when the community has no visits yet, so seeding twice adds nothing.
 * The same data on every machine (seeded random) for a given `now`.
 */
export async function seedDemoCare(db: Db, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const [jinyuan] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed care', (tx) => tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  if (!jinyuan) return { recipients: 0, visits: 0 };
  const tenantId = jinyuan.id;
  const [staff] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed care', (tx) => tx.select({ id: users.id }).from(users).where(eq(users.mobile, '13800000005')));
  return withTenant(db, tenantId, async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(careVisits).where(eq(careVisits.tenantId, tenantId));
    if (existing!.n > 0) return { recipients: 0, visits: 0 };
    const [people] = await tx.select({ n: count() }).from(residents).where(eq(residents.tenantId, tenantId));
    if (!people!.n) return { recipients: 0, visits: 0 };
    const random = seededRandom(20);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

    await syncCareRoster(tx, anonymousCaller(), { tenantId, now });
    let roster = await tx.select().from(careRecipients).where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.active, true)));
    // Every tier on the demo roster.
    for (const tier of ['high', 'priority', 'regular'] as const) {
      if (roster.some((r) => effectiveTier(r) === tier)) continue;
      const [someone] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.status, 'active'))).limit(1).offset(roster.length + 3);
      if (!someone) continue;
      const values = { overrideTier: tier, overrideReason: '演示数据', overrideBy: staff?.id ?? null, overrideAt: now, active: true };
      await tx.insert(careRecipients).values({ tenantId, residentId: someone.id, ...values }).onConflictDoUpdate({ target: [careRecipients.tenantId, careRecipients.residentId], set: values });
    }
    await syncCareRoster(tx, anonymousCaller(), { tenantId, now });
    roster = await tx.select().from(careRecipients).where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.active, true)));
    const gridWorkers = (await tx.select({ id: grids.gridWorkerId }).from(grids).where(eq(grids.tenantId, tenantId))).map((g) => g.id).filter((id): id is string => Boolean(id));
    const visitorOf = (r: (typeof roster)[number]) => r.responsibleWorkerId ?? staff?.id ?? gridWorkers[0]!;

    let visits = 0;
    const since = new Date(now.getTime() - 91 * DAY);
    for (const r of roster) {
      const tier = effectiveTier(r) as CareTier;
      const policy = DEFAULT_CARE_RULES.policies[tier];
      // Past windows of the last three months (the current one, with its timer, came from the sync).
      const windows: { opensAt: Date; closesAt: Date }[] = [];
      for (let day = since; ; ) {
        const w = periodWindow(policy.period, new Date(day.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10));
        if (w.closesAt > now) break;
        windows.push(w);
        day = w.closesAt;
      }
      for (const w of windows) {
        const roll = random();
        let visitedAt: Date | null = null;
        if (roll < 0.78) visitedAt = new Date(w.opensAt.getTime() + random() * (w.closesAt.getTime() - w.opensAt.getTime() - 3600_000));
        else if (roll < 0.92) visitedAt = new Date(w.closesAt.getTime() + (1 + random() * 2) * DAY);
        if (visitedAt && visitedAt > now) visitedAt = null;
        const [row] = await tx
          .insert(careWindows)
          .values({ tenantId, residentId: r.residentId, tier, reason: 'routine', opensAt: w.opensAt, closesAt: w.closesAt, countsKinds: policy.contactKinds, createdAt: w.opensAt })
          .onConflictDoNothing()
          .returning({ id: careWindows.id });
        if (!row || !visitedAt) continue;
        const [visit] = await tx
          .insert(careVisits)
          .values({
            tenantId,
            id: randomUUID(),
            residentId: r.residentId,
            visitorId: visitorOf(r),
            kind: pick(policy.contactKinds),
            visitedAt,
            seen: random() < 0.85 ? 'self' : 'family',
            living: pick(VISIT_LIVING.slice(0, 2)),
            health: random() < 0.8 ? 'stable' : pick(VISIT_HEALTH),
            safety: random() < 0.1 ? [pick(VISIT_SAFETY)] : [],
            familyCare: pick(VISIT_FAMILY),
            needs: random() < 0.12 ? [pick(VISIT_NEEDS)] : [],
            note: random() < 0.3 ? pick(['精神状态不错', '提醒按时服药', '子女本周来看望过', '门口杂物已清理', '血压偏高，已告知家属']) : null,
            receivedAt: visitedAt,
          })
          .returning({ id: careVisits.id });
        await tx.update(careWindows).set({ visitId: visit!.id, visitedAt }).where(and(eq(careWindows.tenantId, tenantId), eq(careWindows.id, row.id)));
        visits++;
      }
    }

    // One major change waiting for its 24-hour visit: a high-risk person taken to hospital three hours ago.
    const high = roster.find((r) => effectiveTier(r) === 'high');
    if (high) {
      const at = new Date(now.getTime() - 3 * 3600_000);
      const [event] = await tx.insert(careEvents).values({ tenantId, residentId: high.residentId, kind: 'hospital', note: '夜间胸闷，家属送医院观察', recordedBy: staff?.id ?? null, createdAt: at }).returning({ id: careEvents.id });
      await openCareWindow(tx, { tenantId, residentId: high.residentId, tier: 'high', reason: 'major_change', ...majorChangeWindow(at), countsKinds: ['home'], eventId: event!.id, dueSoonDays: 0 }, now);
    }
    return { recipients: roster.length, visits };
  });
}
