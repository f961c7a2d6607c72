import { and, asc, eq, isNull } from 'drizzle-orm';
import { buildings, qrCodes, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/**
 * The community's active QR codes (the community's own and one per building, by building name): input `tenantId`.
 * Refuses (ForbiddenError) a caller who may not read the community's buildings.
 */
export async function listQrCodes(tx: Tx, { ability }: StaffCaller, input: { tenantId: string }) {
  const { tenantId } = input;
  assertCan(ability, 'read', subject('Building', { tenantId, gridWorkerId: null }));
  return tx
    .select({ id: qrCodes.id, token: qrCodes.token, buildingId: qrCodes.buildingId, buildingName: buildings.name, createdAt: qrCodes.createdAt })
    .from(qrCodes)
    .leftJoin(buildings, and(eq(buildings.tenantId, qrCodes.tenantId), eq(buildings.id, qrCodes.buildingId)))
    .where(and(eq(qrCodes.tenantId, tenantId), isNull(qrCodes.replacedAt)))
    .orderBy(asc(buildings.name));
}
