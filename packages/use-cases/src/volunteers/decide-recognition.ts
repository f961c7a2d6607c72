import { and, eq } from 'drizzle-orm';
import { type Tx, volunteerRecognitions } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf } from './shared.ts';
import { decideRecognitionSchema } from './volunteers.schema.ts';

/**
 * Records the committee's decision on a nomination (approved or declined), with where it was decided. Caller: the
 * community admin ('update' Settings), who did not nominate it (a second pair of eyes, like the second approval of
 * hours). Output: `{ status }`; audited. Refuses: forbidden; volunteer.recognition.notFound;
 * volunteer.recognition.decided (already decided); volunteer.recognition.sameDecider.
 */
export async function decideRecognition(tx: Tx, caller: StaffCaller, input: z.input<typeof decideRecognitionSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('Settings', { tenantId }));
  const v = parseInput(decideRecognitionSchema, input);
  const [found] = await tx.select().from(volunteerRecognitions).where(and(eq(volunteerRecognitions.tenantId, tenantId), eq(volunteerRecognitions.id, v.recognitionId))).for('update');
  if (!found) throw volunteerRefusal('volunteer.recognition.notFound');
  if (found.status !== 'nominated') throw volunteerRefusal('volunteer.recognition.decided');
  if (found.nominatedBy === caller.actor.userId) throw volunteerRefusal('volunteer.recognition.sameDecider');
  const status = v.approve ? ('approved' as const) : ('declined' as const);
  await tx
    .update(volunteerRecognitions)
    .set({ status, decidedBy: caller.actor.userId, decidedAt: input.now ?? new Date(), decisionNote: v.note || null })
    .where(and(eq(volunteerRecognitions.tenantId, tenantId), eq(volunteerRecognitions.id, found.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_recognition_decided', subjectType: 'VolunteerRecognition', subjectId: found.id, detail: { status } });
  return { status };
}
