import { and, eq } from 'drizzle-orm';
import { casePhotos, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { loadCaseRow } from './load-case-row.ts';

/**
 * A photo of a case the staff member may read (hidden ones too: they are kept for the record). Input: the case
 * (`tenantId`, `caseId`) and `photoId`. Output: where it is stored and its type. Refuses: case.notFound.
 */
export async function staffPhoto(tx: Tx, { ability }: StaffCaller, input: { tenantId: string; caseId: string; photoId: string }) {
  const { tenantId, caseId, photoId } = input;
  await loadCaseRow(tx, tenantId, caseId, ability);
  const [photo] = await tx
    .select({ storageKey: casePhotos.storageKey, mime: casePhotos.mime })
    .from(casePhotos)
    .where(and(eq(casePhotos.tenantId, tenantId), eq(casePhotos.caseId, caseId), eq(casePhotos.id, photoId)));
  if (!photo) throw new UseCaseError('case.notFound');
  return photo;
}
