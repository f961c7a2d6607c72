import { and, eq } from 'drizzle-orm';
import { careVisits, isUuid, type Tx } from '@shequ/db';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { loadResident } from '../residents/person.ts';
import { careCommunityOf } from './care-core.ts';

const MIME = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

/**
 * A visit's photo, for staff who may read the person's visits (issue 20: the photo was stored and shown nowhere). A
 * photo is optional and never proof of work (基层减负 2024, POLICY.md); it is stored stripped of metadata. The office
 * and 社工 see every visit's; a grid worker those of their grids' people (read CareVisit, the register's scope);
 * anyone else, another community's person or a visit without a photo: care.notFound (the 404 page).
 *
 * Input: `{ residentId, visitId }`. Output: `{ storageKey, mime }`. Refuses: care.notFound; resident.notFound.
 */
export async function careVisitPhoto(tx: Tx, caller: StaffCaller, input: { residentId: string; visitId: string }) {
  const tenantId = careCommunityOf(caller);
  if (!isUuid(input.residentId) || !isUuid(input.visitId)) throw new UseCaseError('care.notFound');
  const { row, gridWorkerId } = await loadResident(tx, caller.ability, tenantId, input.residentId);
  if (!caller.ability.can('read', subject('CareVisit', { tenantId, gridWorkerId }))) throw new UseCaseError('care.notFound');
  const [visit] = await tx
    .select({ photoPath: careVisits.photoPath })
    .from(careVisits)
    .where(and(eq(careVisits.tenantId, tenantId), eq(careVisits.residentId, row.id), eq(careVisits.id, input.visitId)));
  const ext = visit?.photoPath?.split('.').pop() as keyof typeof MIME | undefined;
  if (!visit?.photoPath || !ext || !(ext in MIME)) throw new UseCaseError('care.notFound');
  return { storageKey: visit.photoPath, mime: MIME[ext] };
}
