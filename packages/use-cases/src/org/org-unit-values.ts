import { cleanText } from '@shequ/domain';
import { isUniqueViolation } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { isUnitName } from './manage-org-units.schema.ts';

// The building blocks the hierarchy page's use cases share (add-org-unit.ts, rename-org-unit.ts). Not use cases.

/** A unique-key violation on the hierarchy as the refusal it means (beside its field); anything else is rethrown. */
export function mapUnique(error: unknown): never {
  if (isUniqueViolation(error, 'org_units_admin_code_key')) throw new UseCaseError('org.code.taken', { field: 'adminCode' });
  if (isUniqueViolation(error, 'org_units_parent_name_key')) throw new UseCaseError('org.name.taken', { field: 'name' });
  throw error;
}

/** A unit's name cleaned, 1–40 characters, or org.name.invalid. */
export function validName(name: string) {
  if (!isUnitName(name)) throw new UseCaseError('org.name.invalid', { field: 'name' });
  return cleanText(name);
}
