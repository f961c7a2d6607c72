import { and, eq, isNull } from 'drizzle-orm';
import { buildings, qrCodes, type Tx } from '@shequ/db';
import { newQrToken } from './qr-token.ts';

/**
 * Gives the community, and every building that lacks one, an active QR code. Idempotent. A building block of the
 * use cases that add buildings or communities (not exported from the package root).
 */
export async function ensureQrCodes(tx: Tx, tenantId: string) {
  const active = await tx.select({ buildingId: qrCodes.buildingId }).from(qrCodes).where(and(eq(qrCodes.tenantId, tenantId), isNull(qrCodes.replacedAt)));
  const have = new Set(active.map((a) => a.buildingId ?? 'community'));
  const allBuildings = await tx.select({ id: buildings.id }).from(buildings).where(eq(buildings.tenantId, tenantId));
  const missing = [null, ...allBuildings.map((b) => b.id)].filter((b) => !have.has(b ?? 'community'));
  if (missing.length) await tx.insert(qrCodes).values(missing.map((buildingId) => ({ tenantId, buildingId, token: newQrToken() })));
  return { created: missing.length };
}
