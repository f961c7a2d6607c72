import { type CodesOf, defineRefusals } from '../refusal.ts';

/**
 * Every refusal of the residents' register (decision 034), by kind; each has its message under `refusals.<code>`
 * (zh-CN and en). A refusal about one field carries `{ field }` so the form shows it beside that field.
 */
export const RESIDENT_REFUSALS = defineRefusals({
  invalid: [
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
    'resident.building.gridRequired',
    'resident.gender.invalid',
    'resident.address.tooLong',
    'resident.address.invalid',
    'resident.tags.invalid',
    'resident.consent.required',
    'resident.merge.same',
    'resident.link.invalid',
    'resident.link.notTogether',
    'resident.tag.invalid',
    'resident.import.empty',
    'resident.import.unreadable',
    'resident.import.oldExcel',
    'resident.import.tooLarge',
    'resident.import.tooManyRows',
    'resident.import.missingColumns',
    'resident.import.consent',
  ],
  notFound: ['resident.notFound'],
  conflict: [
    'resident.duplicate.mobile',
    'resident.duplicate.idNumber',
    'resident.duplicate.mobileElsewhere',
    'resident.duplicate.idNumberElsewhere',
    'resident.import.duplicateMobile',
    'resident.notActive',
    'resident.merge.idConflict',
    'resident.tag.taken',
  ],
  /** The personal-data key was changed and the sealed fields cannot be read: an operator's matter, not the user's. */
  unavailable: ['resident.contactUnreadable'],
});
export type ResidentRefusal = CodesOf<typeof RESIDENT_REFUSALS>;
