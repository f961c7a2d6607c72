import { auditEvents, type Tx } from '@shequ/db';
import type { AuditAction } from './actions.ts';

export type AuditEventInput = {
  tenantId: string;
  actorUserId: string | null;
  /** One of AUDIT_ACTIONS (each has a label in zh-CN and en). */
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
};

/** Appends to the community's audit log, in the caller's transaction (so the record and the act commit together). */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.insert(auditEvents).values({ ...event, subjectId: event.subjectId ?? null, detail: event.detail ?? {} });
}
