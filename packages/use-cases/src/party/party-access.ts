import type { StaffCaller } from '../caller.ts';
import { assertCan } from '@shequ/permissions';
import { communityOf, residentSubject } from '../residents/person.ts';

/**
 * Who sees and keeps the party organisation: those who see and edit the whole register (community admins and social
 * workers, decision 034); grid workers and officers do not. Returns the community.
 */
export function partyCommunity(caller: StaffCaller, action: 'read' | 'update'): string {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, action, residentSubject(tenantId, null));
  return tenantId;
}
