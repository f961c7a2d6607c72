import { and, count, eq, gte, inArray, max, sum } from 'drizzle-orm';
import { chinaMonthStart, COMMUNITY_STAFF_ROLES, compareChinese } from '@shequ/domain';
import { caseEvents, casePhotos, cases, type Db, memberships, orgUnits, SYSTEM_SCOPES, withSystem, withTenant } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

export const INACTIVE_AFTER_DAYS = 30;

/**
 * Per-tenant usage for operators: staff, cases this month, photo storage, last activity. Each community's figures
 * are read inside its own tenant context (one short transaction each), never across tenants at once. A community is
 * inactive after INACTIVE_AFTER_DAYS without activity (at `now`). Refuses (ForbiddenError) a caller who may not
 * manage communities.
 */
export async function tenantUsage(db: Db, { ability }: StaffCaller, _input = {}, now = new Date()) {
  assertCan(ability, 'manage', 'Community');
  // The list and the staff counts across communities: operators' maintenance (named, logged); each community's own
  // figures in its tenant context below.
  const communities = await withSystem(db, SYSTEM_SCOPES.maintenance, 'tenant usage', (tx) =>
    tx.select({ id: orgUnits.id, name: orgUnits.name, slug: orgUnits.slug, status: orgUnits.status, createdAt: orgUnits.createdAt }).from(orgUnits).where(eq(orgUnits.kind, 'community')),
  );
  const staff = await withSystem(db, SYSTEM_SCOPES.maintenance, 'tenant usage', (tx) =>
    tx
      .select({ orgUnitId: memberships.orgUnitId, n: count() })
      .from(memberships)
      .where(inArray(memberships.role, [...COMMUNITY_STAFF_ROLES]))
      .groupBy(memberships.orgUnitId),
  );
  const monthStart = chinaMonthStart(now);
  const inactiveBefore = new Date(now.getTime() - INACTIVE_AFTER_DAYS * 24 * 3600 * 1000);
  const rows = [];
  for (const c of communities) {
    const figures = await withTenant(db, c.id, async (tx) => {
      const [[month], [storage], [last]] = await Promise.all([
        tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, c.id), gte(cases.createdAt, monthStart))),
        tx.select({ bytes: sum(casePhotos.bytes) }).from(casePhotos).where(eq(casePhotos.tenantId, c.id)),
        tx.select({ at: max(caseEvents.at) }).from(caseEvents).where(eq(caseEvents.tenantId, c.id)),
      ]);
      return { casesThisMonth: month!.n, storageBytes: Number(storage?.bytes ?? 0), lastActivity: last?.at ?? null };
    });
    const lastActivity = figures.lastActivity ?? null;
    rows.push({
      ...c,
      staff: staff.find((s) => s.orgUnitId === c.id)?.n ?? 0,
      ...figures,
      inactive: c.status === 'active' && (lastActivity ? lastActivity < inactiveBefore : c.createdAt < inactiveBefore),
    });
  }
  return rows.sort((a, b) => Number(b.inactive) - Number(a.inactive) || compareChinese(a.name, b.name));
}
