import { and, eq, isNull } from 'drizzle-orm';
import { normalizeTrackingCode } from '@shequ/domain';
import { caseEvents, casePhotos, cases, isUuid, type Tx } from '@shequ/db';
import type { AppAbility } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import type { CaseActorRef } from './case-actor.ts';
import { loadCaseRow } from './load-case-row.ts';
import { transitionCase } from './transition-case.ts';

/** A photo of a case the staff member may read (hidden ones too: they are kept for the record). */
export async function staffPhoto(tx: Tx, ability: AppAbility, tenantId: string, caseId: string, photoId: string) {
  await loadCaseRow(tx, tenantId, caseId, ability);
  const [photo] = await tx
    .select({ storageKey: casePhotos.storageKey, mime: casePhotos.mime })
    .from(casePhotos)
    .where(and(eq(casePhotos.tenantId, tenantId), eq(casePhotos.caseId, caseId), eq(casePhotos.id, photoId)));
  if (!photo) throw new UseCaseError('case.notFound');
  return photo;
}

/** Hides an inappropriate photo from the resident's page; it stays in the record. */
export async function hideCasePhoto(tx: Tx, call: { tenantId: string; caseId: string; photoId: string; actor: CaseActorRef; ability: AppAbility }) {
  if (call.actor.kind !== 'staff') throw new UseCaseError('case.refused.not_allowed_for_role');
  if (!isUuid(call.photoId)) throw new UseCaseError('case.photo.notFound');
  const hidden = await tx
    .update(casePhotos)
    .set({ hiddenAt: new Date(), hiddenBy: call.actor.userId })
    .where(and(eq(casePhotos.tenantId, call.tenantId), eq(casePhotos.caseId, call.caseId), eq(casePhotos.id, call.photoId), isNull(casePhotos.hiddenAt)))
    .returning({ id: casePhotos.id });
  if (!hidden.length) throw new UseCaseError('case.photo.notFound');
  return transitionCase(tx, { ...call, action: 'hidePhoto', event: { public: false, data: { photoId: call.photoId } } });
}

/**
 * Merges a duplicate into another open case of the same community; both timelines say so. The duplicate's reporter
 * follows the surviving case from now on (tracking page, messages, rating: see trackCase and rateCase) and is told
 * so by SMS when they left a number.
 */
export async function mergeCase(tx: Tx, call: { tenantId: string; caseId: string; targetCode: string; actor: CaseActorRef; ability: AppAbility }) {
  const code = normalizeTrackingCode(call.targetCode);
  if (!code) throw new UseCaseError('case.mergeTarget.invalid', { field: 'targetCode' });
  const [target] = await tx.select({ id: cases.id, status: cases.status }).from(cases).where(and(eq(cases.tenantId, call.tenantId), eq(cases.trackingCode, code)));
  if (!target || target.id === call.caseId || !['submitted', 'accepted'].includes(target.status)) throw new UseCaseError('case.mergeTarget.invalid', { field: 'targetCode' });
  await loadCaseRow(tx, call.tenantId, target.id, call.ability);
  const merged = await transitionCase(tx, { ...call, action: 'merge', patch: () => ({ mergedIntoId: target.id, closedAt: new Date() }), event: { public: true, data: { into: code } } });
  // Wishes merged into this one before now follow the same case: merges stay one level deep, so every reporter
  // follows the case that is actually handled (their replies, outcome, messages and rating).
  await tx.update(cases).set({ mergedIntoId: target.id }).where(and(eq(cases.tenantId, call.tenantId), eq(cases.mergedIntoId, merged.id), eq(cases.status, 'merged')));
  await tx.insert(caseEvents).values({
    tenantId: call.tenantId,
    caseId: target.id,
    actorKind: 'staff',
    actorUserId: call.actor.kind === 'staff' ? call.actor.userId : null,
    type: 'merged_in',
    public: false,
    data: { from: merged.trackingCode },
  });
  return merged;
}
