import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { cases, type Db, withScope } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { type CaseDeps, submitCase } from '../cases/submit-case.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import { actorScope } from '../security/actor-scope.ts';
import { careCommunityOf, heldBefore } from './care-core.ts';
import { offlineMoment } from './offline-time.ts';
import { type CareNeedFields, careNeedSchema } from './schemas.ts';

/** The wish key of a need recorded on its own in the phone app: the same need sent twice files one case. */
export const careNeedSubmissionKey = (needId: string) => createHash('sha256').update(`care-need:${needId}`).digest('base64url').slice(0, 32);

/**
 * A need found and recorded on its own (the phone app's "need" without a visit, online or sent later from its queue):
 * a wish/case filed in one step through submitCase (channel `staff`, routed by the person's building as every wish
 * is), keyed by the id the phone generated: the id alone decides, so sent again — with the same words or edited ones,
 * one at a time or at once — it is the one case first filed (`repeated`, nothing new, no second notice), as visits
 * are; the case is linked to the person.
 *
 * Input: `{ id, residentId, categoryId, content, now?, deps }` (deps: cipher and photo storage, as submitCase takes).
 * Output: `{ caseId, repeated }`.
 * Refuses: resident.notFound (not a person the caller sees); forbidden (create CareVisit: a grid worker only for
 * the people of their grids — but a need kept on the phone (`madeAt`) before the person was handed over from them is
 * filed: decision 078); care.need.category / care.need.content (decision 076); care.visit.taken (the id was used for another person's need);
 * intake.* (the case's own refusals).
 */
export async function fileCareNeed(db: Db, caller: StaffCaller, input: CareNeedFields & { now?: Date; deps: CaseDeps }) {
  const { deps } = input;
  const tenantId = careCommunityOf(caller);
  const parsed = parseInput(careNeedSchema, input);
  const now = input.now ?? new Date();
  const scope = actorScope(caller.actor);
  const key = careNeedSubmissionKey(parsed.id);
  // The id alone decides (exactly once): a need sent again, with the same words or others, is the case already filed.
  const [earlier] = await withScope(db, scope, (tx) => tx.select({ id: cases.id, residentId: cases.residentId, createdBy: cases.createdBy }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.submissionKey, key))));
  // As for visits: one's own need sent again is answered as filed; anyone else's only once the person is one's own.
  const mayAsk = async () =>
    withScope(db, scope, async (tx) => {
      try {
        const { row, gridWorkerId } = await loadResident(tx, caller.ability, tenantId, parsed.residentId);
        assertCan(caller.ability, 'create', subject('CareVisit', { tenantId, gridWorkerId }));
        return row.buildingId;
      } catch (error) {
        // Kept on the phone while they were responsible, sent after the person was handed over (decision 078): filed,
        // routed by the person's building as every wish (the office and the new grid worker see it), never dropped.
        const madeAt = parsed.madeAt ? offlineMoment(parsed.madeAt, now, 'care.visitedAt', 'madeAt') : null;
        const held = madeAt ? await heldBefore(tx, tenantId, parsed.residentId, caller.actor.userId, madeAt) : null;
        if (!held) throw error;
        return held.buildingId;
      }
    });
  if (earlier) {
    if (earlier.createdBy !== caller.actor.userId) await mayAsk();
    if (earlier.residentId && earlier.residentId !== parsed.residentId) throw new UseCaseError('care.visit.taken');
    return { caseId: earlier.id, repeated: true };
  }
  const buildingId = await mayAsk();
  const filed = await submitCase(
    db,
    caller,
    { tenantId, categoryId: parsed.categoryId, content: parsed.content, buildingId, consent: true, photos: [], channel: 'staff', submissionKey: key, keyDecides: true, deps },
    now,
  );
  const [linked] = await withScope(db, scope, (tx) =>
    tx.update(cases).set({ residentId: parsed.residentId }).where(and(eq(cases.tenantId, tenantId), eq(cases.id, filed.id), isNull(cases.residentId))).returning({ id: cases.id }),
  );
  // Two sends of one id at once, for two people: the one that lost the race is told the id is taken.
  if (filed.repeated && !linked) {
    const [held] = await withScope(db, scope, (tx) => tx.select({ residentId: cases.residentId }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, filed.id))));
    if (held?.residentId && held.residentId !== parsed.residentId) throw new UseCaseError('care.visit.taken');
  }
  return { caseId: filed.id, repeated: filed.repeated };
}
