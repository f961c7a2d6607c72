import { and, eq, isNull } from 'drizzle-orm';
import { qrCodes, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { newQrToken } from './qr-token.ts';

/**
 * Replaces a code (e.g. a poster was defaced or misused): input `tenantId`, `qrId`; the old URL shows a friendly
 * "replaced" page. Output: the new code's row. Refuses: ForbiddenError unless the caller may update every building
 * of the community; qr.notFound (another community's, an unknown or an already replaced code).
 */
export async function rotateQrCode(tx: Tx, { ability }: StaffCaller, input: { tenantId: string; qrId: string }) {
  const { tenantId, qrId } = input;
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
