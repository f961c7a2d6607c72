import { sql } from 'drizzle-orm';
import { auditEvents, enterTenant, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import type { AuditAction } from '../audit/actions.ts';

/** What the unit accounts pages audit (messages under auditLog.actions). */
export type AccountAuditAction = Extract<AuditAction, 'invitation_sent' | 'invitation_reissued' | 'role_changed' | 'role_removed'>;

type Settings = { tenant: string | null; units: string | null; person: string | null; sys: string | null };

/**
 * Records an act on someone's account (issue 13: who did what to which account) in the audit log of the unit it
 * was done in: audit_events keyed by that unit's id, a community's own log or a street's, district's or department's
 * (decision 046). The act's transaction declared the caller's scope (an operator's maintenance, a district officer's
 * units), which does not write a unit's log: this enters the unit's context for the one insert, then puts back every
 * setting the caller had declared, so the record commits with the act and the rest of the transaction is unchanged.
 * A building block of the accounts use cases, not a use case.
 */
export async function auditAccountAct(tx: Tx, caller: StaffCaller, unitId: string, act: { action: AccountAuditAction; userId: string; detail?: Record<string, unknown> }): Promise<void> {
  const [before] = await tx.execute<Settings>(
    sql`select current_setting('app.tenant_id', true) as tenant, current_setting('app.unit_ids', true) as units, current_setting('app.user_id', true) as person, current_setting('app.system', true) as sys`,
  );
  await enterTenant(tx, unitId);
  await tx.insert(auditEvents).values({ tenantId: unitId, actorUserId: caller.actor.userId, action: act.action, subjectType: 'User', subjectId: act.userId, detail: act.detail ?? {} });
  await tx.execute(
    sql`select set_config('app.tenant_id', ${before?.tenant ?? ''}, true), set_config('app.unit_ids', ${before?.units ?? ''}, true), set_config('app.user_id', ${before?.person ?? ''}, true), set_config('app.system', ${before?.sys ?? ''}, true)`,
  );
}
