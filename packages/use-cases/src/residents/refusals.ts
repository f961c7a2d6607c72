import { UseCaseError } from '../errors.ts';

/**
 * Every refusal of the residents' register (decision 034), as i18n keys under `residents.errors.` (without the
 * `resident.` prefix). A refusal about one field carries `{ field }` so the form shows it beside that field.
 */
export const RESIDENT_REFUSALS = [
  'resident.notFound',
  'resident.invalid',
  'resident.name.required',
  'resident.name.tooLong',
  'resident.mobile.invalid',
  'resident.idNumber.invalid',
  'resident.birth.invalid',
  'resident.birth.mismatch',
  'resident.gender.mismatch',
  'resident.building.invalid',
  'resident.building.outOfGrid',
  'resident.address.tooLong',
  'resident.tags.invalid',
  'resident.consent.required',
  'resident.duplicate.mobile',
  'resident.duplicate.idNumber',
  'resident.notActive',
  'resident.merge.same',
  'resident.merge.idConflict',
  'resident.link.invalid',
  'resident.contactUnreadable',
  'resident.tag.invalid',
  'resident.tag.taken',
  'resident.import.empty',
  'resident.import.unreadable',
  'resident.import.oldExcel',
  'resident.import.tooLarge',
  'resident.import.tooManyRows',
  'resident.import.missingColumns',
  'resident.import.consent',
] as const;
export type ResidentRefusal = (typeof RESIDENT_REFUSALS)[number];

/** A refusal of the register: only codes of the list above. */
export function residentRefusal(code: ResidentRefusal, params: Record<string, string | number> = {}) {
  return new UseCaseError(code, params);
}

/** The i18n key of a register refusal: 'resident.mobile.invalid' → 'residents.errors.mobile.invalid'. */
export function residentRefusalKey(code: string): string {
  return `residents.errors.${code.replace(/^resident\./, '')}`;
}
