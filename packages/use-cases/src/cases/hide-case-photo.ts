import { and, eq, isNull } from 'drizzle-orm';
import { casePhotos, isUuid, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { staffActor } from './case-actor.ts';
import type { CaseRef } from './case-action-parts.ts';
import { transitionCase } from './transition-case.ts';

/**
 * Hides an inappropriate photo from the resident's page; it stays in the record. Input: the case and `photoId`.
 * Refuses: case.photo.notFound (not one of the case's visible photos), and as transitionCase.
 */
export async function hideCasePhoto(tx: Tx, caller: StaffCaller, input: CaseRef & { photoId: string }, now = new Date()) {
  const actor = staffActor(caller.actor);
  if (actor.kind !== 'staff') throw new UseCaseError('case.refused.not_allowed_for_role');
  if (!isUuid(input.photoId)) throw new UseCaseError('case.photo.notFound');
  const hidden = await tx
    .update(casePhotos)
    .set({ hiddenAt: now, hiddenBy: actor.userId })
    .where(and(eq(casePhotos.tenantId, input.tenantId), eq(casePhotos.caseId, input.caseId), eq(casePhotos.id, input.photoId), isNull(casePhotos.hiddenAt)))
    .returning({ id: casePhotos.id });
  if (!hidden.length) throw new UseCaseError('case.photo.notFound');
  return transitionCase(tx, { tenantId: input.tenantId, caseId: input.caseId, actor, ability: caller.ability, action: 'hidePhoto', event: { public: false, data: { photoId: input.photoId } }, now });
}
