import { randomBytes } from 'node:crypto';
import { and, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { chinaDate, STAR_EVIDENCE, type EvidenceLevel } from '@shequ/domain';
import { type Tx, volunteerCertificates, volunteerHours, volunteerSettings } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { ledgerEntries } from './ledger.ts';
import { assertMayCertify } from './certificate-access.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf, isSelf, loadVolunteer, type VolunteerCaller } from './shared.ts';
import { issueVolunteerCertificateSchema } from './volunteers.schema.ts';

/**
 * Issues a certificate for a volunteer's service in a period: the approved minutes at the top evidence levels
 * (scanned, confirmed by the leader: the ones that count toward stars and certificates, decision 036) of entries
 * served in the period (China dates, both ends included), with the activities' names as the content. The figures
 * are kept as issued; the number runs per community and year (2026-000001); the verification code is random.
 * Input: residentId, from?, to? (YYYY-MM-DD; default: from the first entry to today), now.
 * Output: `{ id, number, verifyCode, minutes, repeated }`; audited (volunteer_certificate_issued). The same period and
 * hours asked again: the certificate already issued (`repeated: true`), no second number.
 * Caller: the volunteer (VolunteerSelf, from 我的) or staff keeping volunteers' records.
 * Refuses: volunteer.certificate.noPersonInCharge (the settings name no person in charge or contact); volunteer.notFound (not theirs to ask; no such volunteer); volunteer.inactive;
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
  if (to > today || (parsed.from && parsed.from > to)) throw volunteerRefusal('volunteer.certificate.period', { field: parsed.from && parsed.from > to ? 'from' : 'to', today });
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
  // A certificate names the issuing organisation's person in charge and contact (《志愿服务记录与证明出具办法》, t35).
  if (!settings?.certificatePersonInCharge?.trim() || !settings.certificateContact?.trim()) throw volunteerRefusal('volunteer.certificate.noPersonInCharge');
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
