import { and, eq } from 'drizzle-orm';
import { chinaDate } from '@shequ/domain';
import { orgUnits, residents, type Tx, volunteerCertificates, volunteerSettings } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { parseInput } from '../parse-input.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import { assertMayCertify } from './certificate-access.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf, isSelf, type VolunteerCaller } from './shared.ts';
import { certificateIdSchema } from './volunteers.schema.ts';

/**
 * What a certificate's PDF prints: the volunteer's full name (opened from the register; this view is audited) and
 * masked ID number, period, hours (one decimal), content, the community as issuer with person in charge, handler and
 * contact, number, date of issue (China), the verification code for its QR, and the community's seal image (its
 * storage key, null when none is uploaded).
 * Input: certificateId, cipher. Caller: its volunteer, or staff keeping volunteers' records.
 * Refuses: volunteer.certificate.notFound (also another volunteer's, or another community's).
 */
export async function getVolunteerCertificate(tx: Tx, caller: VolunteerCaller, input: z.input<typeof certificateIdSchema> & { cipher: PersonalDataCipher }) {
  const tenantId = communityOf(caller);
  const { certificateId } = parseInput(certificateIdSchema, input);
  const [row] = await tx
    .select({ cert: volunteerCertificates, nameEnc: residents.nameEnc, idNumberHint: residents.idNumberHint })
    .from(volunteerCertificates)
    .innerJoin(residents, and(eq(residents.tenantId, volunteerCertificates.tenantId), eq(residents.id, volunteerCertificates.residentId)))
    .where(and(eq(volunteerCertificates.tenantId, tenantId), eq(volunteerCertificates.id, certificateId)));
  if (!row) throw volunteerRefusal('volunteer.certificate.notFound');
  try {
    assertMayCertify(caller, tenantId, row.cert.residentId);
  } catch {
    throw volunteerRefusal('volunteer.certificate.notFound');
  }
  const [community] = await tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, tenantId));
  await recordAuditEvent(tx, { tenantId, actorUserId: isSelf(caller) ? null : caller.actor.userId, action: 'volunteer_certificate_printed', subjectType: 'VolunteerCertificate', subjectId: row.cert.id, detail: { residentId: row.cert.residentId } });
  const c = row.cert;
  return {
    id: c.id,
    number: c.number,
    verifyCode: c.verifyCode,
    name: input.cipher.decrypt(row.nameEnc),
    idNumberHint: row.idNumberHint,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    hours: Math.round((c.minutes / 60) * 10) / 10,
    content: c.content,
    issuer: community?.name ?? '',
    personInCharge: c.personInCharge,
    handler: c.handler,
    contact: c.contact,
    issuedOn: chinaDate(c.issuedAt),
    revoked: c.revokedAt !== null,
    // The community's seal image as uploaded now (setCertificateSeal): the photo storage's key, or null.
    sealImageKey: (await tx.select({ key: volunteerSettings.sealImageKey }).from(volunteerSettings).where(eq(volunteerSettings.tenantId, tenantId)))[0]?.key ?? null,
  };
}
