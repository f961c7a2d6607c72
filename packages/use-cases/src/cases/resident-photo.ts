import { and, eq, isNull } from 'drizzle-orm';
import { casePhotos, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { caseIdByCode } from './resident-case-parts.ts';

/**
 * The resident may see the photos of their own case (not hidden ones), by tracking code. Input: the community, the
 * `code` and `photoId`. Output: where it is stored and its type. Refuses: case.notFound.
 */
export async function residentPhoto(tx: Tx, _caller: Caller, input: { tenantId: string; code: string; photoId: string }) {
  const { tenantId, code, photoId } = input;
  const caseId = await caseIdByCode(tx, tenantId, code);
  const [photo] = await tx
    .select({ storageKey: casePhotos.storageKey, mime: casePhotos.mime })
    .from(casePhotos)
    .where(and(eq(casePhotos.tenantId, tenantId), eq(casePhotos.caseId, caseId), eq(casePhotos.id, photoId), isNull(casePhotos.hiddenAt)));
  if (!photo) throw new UseCaseError('case.notFound');
  return photo;
}
