import { type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { type CheckInOccurrenceFields } from './partners.schema.ts';
import { communityOf } from './shared.ts';
import { checkInByCode } from './occurrence-code.ts';

/**
 * Checks an occurrence of a service post in by its code (issue 18: "each occurrence is checked in (QR, as for
 * volunteer shifts)"): the code issued for the occurrence (issueOccurrenceCode; its QR shown at the post, or given
 * to the unit's people) is read from the QR or typed at the post, and the occurrence counts as delivered (承诺兑现率
 * counts it) with the time and, when known, the people served. Accepted from two hours before the start to the end
 * of its day (China time); a code serves once. Caller: staff keeping the partner units (the post's staff at the
 * desk). Input: `code`, `peopleServed` (optional), `now`. Output: `{ occurrenceId, checkedInAt }`.
 * Refuses, beside `code`: partner.code.invalid (no occurrence of this community has this code);
 * partner.code.outsideWindow (with `from`, `to`); partner.occurrence.recorded (already delivered, or recorded missed
 * or cancelled); forbidden.
 */
export async function checkInOccurrence(tx: Tx, caller: StaffCaller, input: CheckInOccurrenceFields & { now?: Date }) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('PartnerUnit', { tenantId }));
  const done = await checkInByCode(tx, tenantId, input);
  return { occurrenceId: done.occurrence.id, checkedInAt: done.checkedInAt };
}
