import type { OrgKind } from '@shequ/domain';
import { isUuid, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { createOrgUnit } from './create-org-unit.ts';
import { mapUnique, validName } from './org-unit-values.ts';

const ADDABLE_KINDS: readonly string[] = ['district', 'street', 'department'] satisfies Exclude<OrgKind, 'community'>[];

/**
 * An operator adds a district, street or department (communities come in through onboarding). Input as the form
 * sends it: kind, parentId, name (1–40 characters), adminCode (optional). Output: the unit row.
 * Refuses: ForbiddenError unless the caller manages the hierarchy; org.badParent (a kind that is none of these, or a
 * unit where it may not sit; a parent that is not an id is none); org.parentMissing; org.badCode; org.name.invalid;
 * org.code.taken, org.name.taken (each beside its field).
 */
export async function addOrgUnit(tx: Tx, caller: StaffCaller, input: { kind: string; parentId: string | null; name: string; adminCode?: string | null }) {
  assertCan(caller.ability, 'manage', 'OrgUnit');
  if (!ADDABLE_KINDS.includes(input.kind)) throw new UseCaseError('org.badParent', { field: 'kind' });
  const kind = input.kind as Exclude<OrgKind, 'community'>;
  const name = validName(input.name);
  try {
    return await createOrgUnit(tx, { kind, parentId: isUuid(input.parentId) ? input.parentId : null, name, adminCode: (input.adminCode ?? '').trim() || null });
  } catch (error) {
    if (error instanceof UseCaseError) throw new UseCaseError(error.code, { field: error.code === 'org.badCode' ? 'adminCode' : 'parentId' });
    mapUnique(error);
  }
}
