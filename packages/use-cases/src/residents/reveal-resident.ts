import { UseCaseError } from '../errors.ts';
import { type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { communityOf, loadResident, parseInput } from './person.ts';
import { revealResidentSchema } from './schemas.ts';

/**
 * Shows a person's name, mobile and ID number in full: an explicit act, written to the community's audit log
 * (action 'reveal_resident') in the same transaction as the read (decision 009, 034).
 *
 * Input: `{ residentId, cipher }`. Inside the community's tenant transaction.
 * Output: `{ name, mobile | null, idNumber | null }`.
 * Refuses: resident.notFound (unknown, or not the caller's to see: a grid worker and another grid's people);
 * forbidden (no `reveal PersonalData` in the community); resident.contactUnreadable (sealed under another key).
 */
export async function revealResident(tx: Tx, caller: StaffCaller, input: { residentId: string; cipher: PersonalDataCipher }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(revealResidentSchema, input);
  const { row } = await loadResident(tx, caller.ability, tenantId, parsed.residentId);
  assertCan(caller.ability, 'reveal', subject('PersonalData', { tenantId }));
  let shown: { name: string; mobile: string | null; idNumber: string | null };
  try {
    shown = {
      name: input.cipher.decrypt(row.nameEnc),
      mobile: row.mobileEnc ? input.cipher.decrypt(row.mobileEnc) : null,
      idNumber: row.idNumberEnc ? input.cipher.decrypt(row.idNumberEnc) : null,
    };
  } catch {
    throw new UseCaseError('resident.contactUnreadable');
  }
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'reveal_resident', subjectType: 'Resident', subjectId: row.id });
  return shown;
}
