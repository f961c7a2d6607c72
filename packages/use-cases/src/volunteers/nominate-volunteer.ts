import { type Tx, volunteerRecognitions } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf, loadVolunteer } from './shared.ts';
import { nominateVolunteerSchema } from './volunteers.schema.ts';

// Recognitions of volunteers (金元之星-style, issue 17): staff nominate with a citation, the committee decides (recorded
// by the community admin, not the nominator), the honour wall shows the approved ones of volunteers who agreed.
// 《志愿服务条例》 art. 19: records of awards are part of a volunteer's record.

/**
 * Nominates a volunteer for a recognition of a year, with a citation. Caller: staff keeping volunteers' records.
 * Output: `{ id }`; audited. Refuses: forbidden; volunteer.notFound / volunteer.inactive;
 * volunteer.recognition.duplicate (the same title and year for the same person).
 */
export async function nominateVolunteer(tx: Tx, caller: StaffCaller, input: z.input<typeof nominateVolunteerSchema>) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('Volunteer', { tenantId }));
  const v = parseInput(nominateVolunteerSchema, input);
  await loadVolunteer(tx, tenantId, v.residentId);
  const [row] = await tx
    .insert(volunteerRecognitions)
    .values({ tenantId, residentId: v.residentId, title: v.title, year: v.year, citation: v.citation, nominatedBy: caller.actor.userId })
    .onConflictDoNothing()
    .returning({ id: volunteerRecognitions.id });
  if (!row) throw volunteerRefusal('volunteer.recognition.duplicate', { field: 'residentId' });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_nominated', subjectType: 'VolunteerRecognition', subjectId: row.id, detail: { residentId: v.residentId, title: v.title, year: v.year } });
  return { id: row.id };
}
