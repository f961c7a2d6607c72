import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { searchTerms } from '@shequ/domain';
import { auditEvents, containsAllTerms, users, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

export type AuditFilters = { action?: string | null; from?: Date | null; to?: Date | null; limit?: number };

/**
 * One community's audit log, read inside that community's own tenant context (the caller opens it): operators
 * look at one tenant at a time, and row-level security still applies. Input: `tenantId` and the filters (action
 * words, from/to instants, `limit` up to 1,000; 200 unless given). Refuses (ForbiddenError) a caller who may not read
 * that community's audit log.
 */
export async function listAuditEvents(tx: Tx, { ability }: StaffCaller, input: AuditFilters & { tenantId: string }) {
  const { tenantId, ...filters } = input;
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
