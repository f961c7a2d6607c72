import { type Tx, volunteerTrainings } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { volunteerRefusal } from './refusals.ts';
import { chinaDay, communityOf, loadVolunteer } from './shared.ts';
import { recordTrainingSchema } from './volunteers.schema.ts';
import type { z } from '../zod.ts';

/**
 * Records a training a volunteer completed (《志愿服务条例》 art. 16: training for specialised tasks; art. 19: training
 * is part of the record). Input: residentId, name (e.g. 急救培训), completedOn, optional expiresOn (YYYY-MM-DD); now.
 * Output: `{ id }`; audited. Refuses: volunteer.notFound / volunteer.inactive; volunteer.training.future beside
 * completedOn (completed after today, China time); volunteer.training.expiry beside expiresOn (not after completion);
 * forbidden (staff only: 'update' on volunteers).
 */
export async function recordTraining(tx: Tx, caller: StaffCaller, input: z.input<typeof recordTrainingSchema>, now = new Date()) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('Volunteer', { tenantId }));
  const parsed = parseInput(recordTrainingSchema, input);
  await loadVolunteer(tx, tenantId, parsed.residentId);
  if (parsed.completedOn > chinaDay(now)) throw volunteerRefusal('volunteer.training.future', { field: 'completedOn', today: chinaDay(now) });
  if (parsed.expiresOn && parsed.expiresOn <= parsed.completedOn) throw volunteerRefusal('volunteer.training.expiry', { field: 'expiresOn', completedOn: parsed.completedOn });
  const [row] = await tx
    .insert(volunteerTrainings)
    .values({ tenantId, residentId: parsed.residentId, name: parsed.name, completedOn: parsed.completedOn, expiresOn: parsed.expiresOn ?? null, recordedBy: caller.actor.userId })
    .returning({ id: volunteerTrainings.id });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_training_recorded', subjectType: 'Volunteer', subjectId: parsed.residentId, detail: { name: parsed.name } });
  return { id: row!.id };
}
