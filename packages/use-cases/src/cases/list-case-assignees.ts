import type { Tx } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { caseAssigneesOf } from './case-assignees-of.ts';

/**
 * The people a case of the caller's own community can be assigned to (the inbox's assignee filter). Memberships are
 * a reference table (no RLS), so the community filter is what keeps other communities' staff out. Input: `tenantId`
 * (the caller's workspace). Output: id, name and role of the community's admins, staff and grid workers, by name.
 * Refuses: forbidden for a community that is not the caller's workspace.
 */
export function listCaseAssignees(tx: Tx, caller: StaffCaller, input: { tenantId: string }) {
  if (caller.actor.workspace.tenantId !== input.tenantId) throw new ForbiddenError('read', 'Case');
  return caseAssigneesOf(tx, input.tenantId);
}

