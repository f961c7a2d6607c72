import { and, eq, inArray } from 'drizzle-orm';
import { isUuid, partnerUnits, residents, type Tx, wishClaims } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf } from './shared.ts';

/**
 * Shows who claimed a wish of the wall in full, to call them (issue 17: "staff and the claimant then see each
 * other's contact"): the volunteer's or party member's name and mobile from the register, or the partner unit's
 * contact person and mobile. An explicit act, audited in the same transaction as the read, like every reveal of the
 * product (revealResident: 'reveal_resident' for a person of the register; revealReporterContact: 'reveal_contact'
 * for a partner unit's contact, subject PartnerUnit); the wall lists them masked until then.
 *
 * Caller: staff who may read volunteers' records and reveal personal data in the community. Input: `{ itemId, cipher }`
 * (the wish of the wall). Output: `{ name, mobile }` (null where none is recorded) and `unit` (the unit's name, or
 * null for a person).
 * Refuses: forbidden (no `reveal PersonalData`); volunteer.wish.notClaimed (no active or fulfilled claim on the wish);
 * resident.contactUnreadable (sealed under another key).
 */
export async function revealWishClaimant(tx: Tx, caller: StaffCaller, input: { itemId: string; cipher: PersonalDataCipher }) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('Volunteer', { tenantId }));
  assertCan(caller.ability, 'reveal', subject('PersonalData', { tenantId }));
  // Not a wish id at all (a script's post): no claim, as for an unknown wish (PostgreSQL would refuse the text as uuid).
  if (!isUuid(input.itemId)) throw volunteerRefusal('volunteer.wish.notClaimed');
  const [claim] = await tx
    .select({ residentId: wishClaims.residentId, partnerUnitId: wishClaims.partnerUnitId })
    .from(wishClaims)
    .where(and(eq(wishClaims.tenantId, tenantId), eq(wishClaims.itemId, input.itemId), inArray(wishClaims.status, ['active', 'fulfilled'])));
  if (!claim) throw volunteerRefusal('volunteer.wish.notClaimed');
  const open = (enc: string | null) => {
    try {
      return enc ? input.cipher.decrypt(enc) : null;
    } catch {
      throw new UseCaseError('resident.contactUnreadable');
    }
  };
  if (claim.residentId) {
    const [person] = await tx.select({ nameEnc: residents.nameEnc, mobileEnc: residents.mobileEnc }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, claim.residentId)));
    if (!person) throw volunteerRefusal('volunteer.wish.notClaimed');
    const shown = { name: open(person.nameEnc), mobile: open(person.mobileEnc), unit: null };
    await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'reveal_resident', subjectType: 'Resident', subjectId: claim.residentId, detail: { wishItemId: input.itemId } });
    return shown;
  }
  const [unit] = await tx
    .select({ name: partnerUnits.name, contactEnc: partnerUnits.contactNameEnc, mobileEnc: partnerUnits.contactMobileEnc })
    .from(partnerUnits)
    .where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, claim.partnerUnitId!)));
  if (!unit) throw volunteerRefusal('volunteer.wish.notClaimed');
  const shown = { name: open(unit.contactEnc), mobile: open(unit.mobileEnc), unit: unit.name };
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'reveal_contact', subjectType: 'PartnerUnit', subjectId: claim.partnerUnitId!, detail: { wishItemId: input.itemId } });
  return shown;
}
