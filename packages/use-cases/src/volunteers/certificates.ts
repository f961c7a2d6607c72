import { randomBytes } from 'node:crypto';
import { and, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { chinaDate, STAR_EVIDENCE, type EvidenceLevel } from '@shequ/domain';
import { orgUnits, residents, type Tx, volunteerCertificates, volunteerHours, volunteerSettings } from '@shequ/db';
import { subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { parseInput } from '../parse-input.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import { ledgerEntries } from './ledger.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf, isSelf, loadVolunteer, type VolunteerCaller } from './shared.ts';
import { certificateCodeSchema, certificateIdSchema, issueVolunteerCertificateSchema } from './volunteers.schema.ts';

// Volunteer service certificates (志愿服务证明, issue 17). 《志愿服务记录与证明出具办法（试行）》 (民政部令第67号):
// "谁组织谁记录、谁记录谁证明" — the community that recorded the hours certifies them, from its own ledger;
// 民发〔2015〕149号: a certificate states the volunteer's identity, the hours and content of service, the issuer
// (person in charge, handler, contact), its number and date, and carries the seal.

/** Staff who keep volunteers' records may issue for anyone; a volunteer for themselves only. */
function assertMayCertify(caller: VolunteerCaller, tenantId: string, residentId: string) {
  if (isSelf(caller) ? caller.residentId !== residentId : !caller.ability.can('update', subject('Volunteer', { tenantId }))) throw volunteerRefusal('volunteer.notFound');
}

/**
 * Issues a certificate for a volunteer's service in a period: the approved minutes at the top evidence levels
 * (scanned, confirmed by the leader: the ones that count toward stars and certificates, decision 036) of entries
 * served in the period (China dates, both ends included), with the activities' names as the content. The figures
 * are kept as issued; the number runs per community and year (2026-000001); the verification code is random.
 * Input: residentId, from?, to? (YYYY-MM-DD; default: from the first entry to today), now.
 * Output: `{ id, number, verifyCode, minutes, repeated }`; audited (volunteer_certificate_issued). The same period and
 * hours asked again: the certificate already issued (`repeated: true`), no second number.
 * Caller: the volunteer (VolunteerSelf, from 我的) or staff keeping volunteers' records.
 * Refuses: volunteer.notFound (not theirs to ask; no such volunteer); volunteer.inactive;
 * volunteer.certificate.period (to before from, or in the future); volunteer.certificate.noHours (nothing approved
 * to certify in the period).
 */
export async function issueVolunteerCertificate(tx: Tx, caller: VolunteerCaller, input: z.input<typeof issueVolunteerCertificateSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(issueVolunteerCertificateSchema, input);
  const now = input.now ?? new Date();
  assertMayCertify(caller, tenantId, parsed.residentId);
  const volunteer = await loadVolunteer(tx, tenantId, parsed.residentId);
  const today = chinaDate(now);
  const to = parsed.to ?? today;
  if (to > today || (parsed.from && parsed.from > to)) throw volunteerRefusal('volunteer.certificate.period', { field: parsed.from && parsed.from > to ? 'from' : 'to' });
  const entries = (await ledgerEntries(tx, tenantId, eq(volunteerHours.residentId, parsed.residentId))).filter(
    (e) => e.status === 'approved' && STAR_EVIDENCE.includes(e.evidence as EvidenceLevel) && e.servedFrom !== null,
  );
  const inPeriod = entries.filter((e) => {
    const day = chinaDate(e.servedFrom!);
    return (!parsed.from || day >= parsed.from) && day <= to;
  });
  const minutes = inPeriod.reduce((a, e) => a + e.minutes, 0);
  if (minutes <= 0) throw volunteerRefusal('volunteer.certificate.noHours');
  const from = parsed.from ?? inPeriod.map((e) => chinaDate(e.servedFrom!)).sort()[0]!;
  const titles = [...new Set(inPeriod.map((e) => e.content).filter((c): c is string => Boolean(c)))];
  const content = titles.join('、').slice(0, 400);
  const [settings] = await tx.select().from(volunteerSettings).where(eq(volunteerSettings.tenantId, tenantId));
  const handler = isSelf(caller) ? null : caller.actor.displayName;
  // Numbers run per community and year, serialised by a transaction lock on (community, year).
  const year = today.slice(0, 4);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:volunteer_certificate:${year}`}, 0))`);
  // The same request again (a second tap, a reload) gets the certificate already issued for the same period and
  // hours, not a second number for the same service (found by an outside trial of issue 17).
  const [same] = await tx
    .select({ id: volunteerCertificates.id, number: volunteerCertificates.number, verifyCode: volunteerCertificates.verifyCode, minutes: volunteerCertificates.minutes })
    .from(volunteerCertificates)
    .where(
      and(
        eq(volunteerCertificates.tenantId, tenantId),
        eq(volunteerCertificates.residentId, parsed.residentId),
        eq(volunteerCertificates.periodFrom, from),
        eq(volunteerCertificates.periodTo, to),
        eq(volunteerCertificates.minutes, minutes),
        isNull(volunteerCertificates.revokedAt), // a revoked one is never handed out again
      ),
    )
    .limit(1);
  if (same) return { ...same, repeated: true };
  const [last] = await tx
    .select({ number: volunteerCertificates.number })
    .from(volunteerCertificates)
    .where(and(eq(volunteerCertificates.tenantId, tenantId), gte(volunteerCertificates.number, `${year}-000000`), lte(volunteerCertificates.number, `${year}-999999`)))
    .orderBy(desc(volunteerCertificates.number))
    .limit(1);
  const number = `${year}-${String(Number(last?.number.slice(5) ?? 0) + 1).padStart(6, '0')}`;
  const verifyCode = randomBytes(12).toString('base64url');
  const [row] = await tx
    .insert(volunteerCertificates)
    .values({
      tenantId,
      residentId: parsed.residentId,
      number,
      verifyCode,
      nameHint: volunteer.nameHint,
      periodFrom: from,
      periodTo: to,
      minutes,
      content,
      personInCharge: settings?.certificatePersonInCharge ?? null,
      handler,
      contact: settings?.certificateContact ?? null,
      issuedBy: isSelf(caller) ? null : caller.actor.userId,
      issuedAt: now,
    })
    .returning({ id: volunteerCertificates.id });
  await recordAuditEvent(tx, { tenantId, actorUserId: isSelf(caller) ? null : caller.actor.userId, action: 'volunteer_certificate_issued', subjectType: 'VolunteerCertificate', subjectId: row!.id, detail: { residentId: parsed.residentId, number, minutes } });
  return { id: row!.id, number, verifyCode, minutes, repeated: false };
}

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

/**
 * The public verification of a certificate by the code in its QR (anyone, no sign-in): confirms its number, the
 * masked name, the hours and the issuer, and whether it was revoked — nothing more (no period, content, contact or
 * identity number). Transaction: the community of the address (tenant scope).
 * Input: code. Output: `{ number, nameHint, hours, issuer, revoked }`. Refuses: volunteer.certificate.notFound.
 */
export async function verifyVolunteerCertificate(tx: Tx, input: z.input<typeof certificateCodeSchema> & { tenantId: string }) {
  const { code } = parseInput(certificateCodeSchema, { code: input.code });
  const [c] = await tx
    .select({ number: volunteerCertificates.number, nameHint: volunteerCertificates.nameHint, minutes: volunteerCertificates.minutes, revokedAt: volunteerCertificates.revokedAt })
    .from(volunteerCertificates)
    .where(and(eq(volunteerCertificates.tenantId, input.tenantId), eq(volunteerCertificates.verifyCode, code)));
  if (!c) throw volunteerRefusal('volunteer.certificate.notFound');
  const [community] = await tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, input.tenantId));
  return { number: c.number, nameHint: c.nameHint, hours: Math.round((c.minutes / 60) * 10) / 10, issuer: community?.name ?? '', revoked: c.revokedAt !== null };
}

/** A volunteer's certificates, newest first (for 我的): id, number, period, hours. */
export async function listCertificatesOf(tx: Tx, tenantId: string, residentId: string) {
  const rows = await tx
    .select({ id: volunteerCertificates.id, number: volunteerCertificates.number, periodFrom: volunteerCertificates.periodFrom, periodTo: volunteerCertificates.periodTo, minutes: volunteerCertificates.minutes, revokedAt: volunteerCertificates.revokedAt })
    .from(volunteerCertificates)
    .where(and(eq(volunteerCertificates.tenantId, tenantId), eq(volunteerCertificates.residentId, residentId)))
    .orderBy(desc(volunteerCertificates.issuedAt))
    .limit(20);
  return rows.map((r) => ({ id: r.id, number: r.number, periodFrom: r.periodFrom, periodTo: r.periodTo, hours: Math.round((r.minutes / 60) * 10) / 10, revoked: r.revokedAt !== null }));
}
