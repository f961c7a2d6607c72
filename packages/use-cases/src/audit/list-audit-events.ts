import { and, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { searchTerms } from '@shequ/domain';
import { auditEvents, containsAllTerms, users, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';

export type AuditFilters = { action?: string | null; from?: Date | null; to?: Date | null; limit?: number };

/**
 * One community's audit log, read inside that community's own tenant context (the caller opens it): operators
 * look at one tenant at a time, and row-level security still applies.
 */
export async function listAuditEvents(tx: Tx, ability: AppAbility, tenantId: string, filters: AuditFilters = {}) {
  assertCan(ability, 'read', subject('AuditLog', { tenantId }));
  const where: SQL[] = [eq(auditEvents.tenantId, tenantId)];
  const action = containsAllTerms(auditEvents.action, searchTerms(filters.action ?? ''));
  if (action) where.push(action);
  if (filters.from) where.push(gte(auditEvents.at, filters.from));
  if (filters.to) where.push(lt(auditEvents.at, filters.to));
  return tx
    .select({ id: auditEvents.id, at: auditEvents.at, action: auditEvents.action, subjectType: auditEvents.subjectType, subjectId: auditEvents.subjectId, actorUserId: auditEvents.actorUserId, actor: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...where))
    .orderBy(desc(auditEvents.at))
    .limit(Math.min(filters.limit ?? 200, 1000));
}

/**
 * The display names of the accounts that acted in an audit log, for an operator: read in the operator's maintenance
 * scope, since an operator's own account (and a former staff member's) is not visible inside the community's tenant
 * context where the log itself is read. Input: account ids (at most 1,000). Output: a map of id to display name.
 * Refuses (ForbiddenError) a caller who may not read audit logs.
 */
export async function listAuditActorNames(tx: Tx, ability: AppAbility, ids: readonly string[]): Promise<Map<string, string>> {
  assertCan(ability, 'read', 'AuditLog');
  const unique = [...new Set(ids)].slice(0, 1000);
  if (!unique.length) return new Map();
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
