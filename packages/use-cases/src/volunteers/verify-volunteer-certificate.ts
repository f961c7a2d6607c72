import { and, eq } from 'drizzle-orm';
import { orgUnits, type Tx, volunteerCertificates } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { certificateCodeSchema } from './volunteers.schema.ts';

/**
 * The public verification of a certificate by the code in its QR (anyone, no sign-in): confirms its number, the
 * masked name, the hours and the issuer, and whether it was revoked — nothing more (no period, content, contact or
 * identity number). Transaction: the community of the address (tenant scope). Caller: anyone (anonymousCaller()).
 * Input: code. Output: `{ number, nameHint, hours, issuer, revoked }`. Refuses: volunteer.certificate.notFound.
 */
export async function verifyVolunteerCertificate(tx: Tx, _caller: Caller, input: z.input<typeof certificateCodeSchema> & { tenantId: string }) {
  const { code } = parseInput(certificateCodeSchema, { code: input.code });
  const [c] = await tx
    .select({ number: volunteerCertificates.number, nameHint: volunteerCertificates.nameHint, minutes: volunteerCertificates.minutes, revokedAt: volunteerCertificates.revokedAt })
    .from(volunteerCertificates)
    .where(and(eq(volunteerCertificates.tenantId, input.tenantId), eq(volunteerCertificates.verifyCode, code)));
  if (!c) throw volunteerRefusal('volunteer.certificate.notFound');
  const [community] = await tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, input.tenantId));
  return { number: c.number, nameHint: c.nameHint, hours: Math.round((c.minutes / 60) * 10) / 10, issuer: community?.name ?? '', revoked: c.revokedAt !== null };
}
