import { caseEvents, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { UseCaseError } from '../errors.ts';
import { caseSubject, loadCaseRow } from './load-case-row.ts';

/**
 * Shows a resident's name and number in full: an explicit act, written to the audit log and the case timeline. The
 * community's office may; a street or department only while it holds the case (to call the resident back).
 * Input: the case (`tenantId`, `caseId`) and the personal-data `cipher`. Output: `{ name, mobile }` (null where the
 * resident gave none). Refuses: case.notFound, forbidden, case.contactUnreadable (sealed under another key).
 */
export async function revealReporterContact(tx: Tx, caller: StaffCaller, input: { cipher: PersonalDataCipher; tenantId: string; caseId: string }) {
  const { actor, ability } = caller;
  const { cipher, tenantId, caseId } = input;
  const { row, gridWorkerId } = await loadCaseRow(tx, tenantId, caseId, ability);
  if (!ability.can('reveal', caseSubject(row, gridWorkerId))) assertCan(ability, 'reveal', subject('PersonalData', { tenantId }));
  let contact: { name: string | null; mobile: string | null };
  try {
    contact = {
      name: row.reporterNameEnc ? cipher.decrypt(row.reporterNameEnc) : null,
      mobile: row.reporterMobileEnc ? cipher.decrypt(row.reporterMobileEnc) : null,
    };
  } catch {
    // Encrypted under another key (PERSONAL_DATA_KEY was changed or lost): say so, never fail the page.
    throw new UseCaseError('case.contactUnreadable');
  }
  await recordAuditEvent(tx, { tenantId, actorUserId: actor.userId, action: 'reveal_contact', subjectType: 'Case', subjectId: caseId });
  await tx.insert(caseEvents).values({ tenantId, caseId, actorKind: 'staff', actorUserId: actor.userId, type: 'contact_revealed', public: false });
  return contact;
}
