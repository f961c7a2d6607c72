import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { buildings, qrCodes, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';

/** 128 random bits, URL-safe: a poster's code cannot be guessed from another's. */
function newQrToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Gives the community, and every building that lacks one, an active QR code. Idempotent. */
export async function ensureQrCodes(tx: Tx, tenantId: string) {
  const active = await tx.select({ buildingId: qrCodes.buildingId }).from(qrCodes).where(and(eq(qrCodes.tenantId, tenantId), isNull(qrCodes.replacedAt)));
  const have = new Set(active.map((a) => a.buildingId ?? 'community'));
  const allBuildings = await tx.select({ id: buildings.id }).from(buildings).where(eq(buildings.tenantId, tenantId));
  const missing = [null, ...allBuildings.map((b) => b.id)].filter((b) => !have.has(b ?? 'community'));
  if (missing.length) await tx.insert(qrCodes).values(missing.map((buildingId) => ({ tenantId, buildingId, token: newQrToken() })));
  return { created: missing.length };
}

export type QrResolution = { status: 'active'; buildingId: string | null; buildingName: string | null } | { status: 'replaced' } | { status: 'unknown' };

/** What a scanned code leads to: the form (maybe for a building), a "replaced" notice, or nothing. */
export async function resolveQrToken(tx: Tx, tenantId: string, token: string): Promise<QrResolution> {
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

export async function listQrCodes(tx: Tx, ability: AppAbility, tenantId: string) {
  assertCan(ability, 'read', subject('Building', { tenantId, gridWorkerId: null }));
  return tx
    .select({ id: qrCodes.id, token: qrCodes.token, buildingId: qrCodes.buildingId, buildingName: buildings.name, createdAt: qrCodes.createdAt })
    .from(qrCodes)
    .leftJoin(buildings, and(eq(buildings.tenantId, qrCodes.tenantId), eq(buildings.id, qrCodes.buildingId)))
    .where(and(eq(qrCodes.tenantId, tenantId), isNull(qrCodes.replacedAt)))
    .orderBy(asc(buildings.name));
}

/** Replaces a code (e.g. a poster was defaced or misused): the old URL shows a friendly "replaced" page. */
export async function rotateQrCode(tx: Tx, ability: AppAbility, tenantId: string, qrId: string) {
  assertCan(ability, 'update', subject('Building', { tenantId, gridWorkerId: null }));
  const [old] = await tx
    .update(qrCodes)
    .set({ replacedAt: new Date() })
    .where(and(eq(qrCodes.tenantId, tenantId), eq(qrCodes.id, qrId), isNull(qrCodes.replacedAt)))
    .returning({ buildingId: qrCodes.buildingId });
  if (!old) throw new UseCaseError('qr.notFound');
  const [fresh] = await tx.insert(qrCodes).values({ tenantId, buildingId: old.buildingId, token: newQrToken() }).returning();
  return fresh!;
}
