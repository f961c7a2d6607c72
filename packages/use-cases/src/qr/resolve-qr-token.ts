import { and, eq } from 'drizzle-orm';
import { buildings, qrCodes, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

export type QrResolution = { status: 'active'; buildingId: string | null; buildingName: string | null } | { status: 'replaced' } | { status: 'unknown' };

/**
 * What a scanned code leads to (a resident, not signed in): input `tenantId`, `token`. Output: the form (maybe for a
 * building), a "replaced" notice, or nothing (a token of the wrong shape is unknown without a query).
 */
export async function resolveQrToken(tx: Tx, _caller: Caller, input: { tenantId: string; token: string }): Promise<QrResolution> {
  const { tenantId, token } = input;
  if (!/^[A-Za-z0-9_-]{10,32}$/.test(token)) return { status: 'unknown' };
  const [row] = await tx
    .select({ buildingId: qrCodes.buildingId, replacedAt: qrCodes.replacedAt, buildingName: buildings.name })
    .from(qrCodes)
    .leftJoin(buildings, and(eq(buildings.tenantId, qrCodes.tenantId), eq(buildings.id, qrCodes.buildingId)))
    .where(and(eq(qrCodes.tenantId, tenantId), eq(qrCodes.token, token)));
  if (!row) return { status: 'unknown' };
  if (row.replacedAt) return { status: 'replaced' };
  return { status: 'active', buildingId: row.buildingId, buildingName: row.buildingName };
}
