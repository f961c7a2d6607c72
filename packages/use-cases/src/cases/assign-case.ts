import { and, eq } from 'drizzle-orm';
import { cases, isUuid, memberships, type Tx, users } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { type CaseRef, staffOnCase } from './case-action-parts.ts';
import { transitionCase } from './transition-case.ts';

/**
 * Assigns a case to a staff member or grid worker of the same community (or unassigns with null): input the case
 * and `assigneeId`. Refuses: case.notFound, case.assignee.invalid (beside `assigneeId`), and as transitionCase.
 */
export async function assignCase(tx: Tx, caller: StaffCaller, input: CaseRef & { assigneeId: string | null }, now = new Date()) {
  // The case first: another community's case id is 'case.notFound' whatever the assignee (not a form error).
  const [exists] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, input.caseId)));
  if (!exists) throw new UseCaseError('case.notFound');
  let assigneeName: string | null = null;
  if (input.assigneeId) {
    if (!isUuid(input.assigneeId)) throw new UseCaseError('case.assignee.invalid', { field: 'assigneeId' });
    const [member] = await tx
      .select({ id: memberships.id, name: users.displayName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.userId, input.assigneeId), eq(memberships.orgUnitId, input.tenantId)));
    if (!member) throw new UseCaseError('case.assignee.invalid', { field: 'assigneeId' });
    assigneeName = member.name;
  }
  // The timeline says to whom (分派给刘伟), as it was at the time.
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'assign',
    patch: () => ({ assigneeId: input.assigneeId }),
    event: { public: false, data: { assigneeId: input.assigneeId, assigneeName } },
    now,
  });
}
