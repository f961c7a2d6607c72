import { and, desc, eq } from 'drizzle-orm';
import { type Tx, volunteerCertificates } from '@shequ/db';

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
