import { and, eq } from 'drizzle-orm';
import { chinaDateTime } from '@shequ/domain';
import { type Tx, volunteerActivities, volunteerShifts } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { startSubjectDeadline } from '../deadlines/store.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, loadTeam, loadVolunteerSettings } from './shared.ts';
import { SHIFT_SUBJECT, AUTO_CHECKOUT } from './shift-subject.ts';
import { startShiftConfirmation } from './shift-timers.ts';
import { publishActivitySchema } from './volunteers.schema.ts';

/** Whether a text can be an insurance record: an insurer's name and a policy number (at least 6 characters, a digit in it). */
export const isInsuranceRecord = (text: string | null | undefined) => Boolean(text && Array.from(text.trim()).length >= 6 && /\d/.test(text));

/**
 * Publishes a draft activity: residents and volunteers can sign up for its shifts. For each shift the worker's timers
 * are started (deadline subject `volunteer_shift`, decision 026): the automatic check-out, due at the shift's end
 * plus the community's grace period, with the reminder before the start as its reminder point; and the day-before
 * confirmation step (kind `confirm`, shift-timers.ts) when the ask is still ahead.
 *
 * Input: activityId, insuranceRecord (may be given here), now. Output: `{ id }`; audited.
 * Rule: 《志愿服务条例》 art. 17 — accident insurance is bought before activities that may be physically dangerous:
 * a risky activity is published only with its insurance record (also a check constraint of the table).
 * Refuses: volunteer.activity.notFound; volunteer.activity.notDraft; volunteer.activity.uninsured; volunteer.shift.past
 * (a shift already begun, decision 058); forbidden as
 * volunteer.team.notFound.
 */
export async function publishActivity(tx: Tx, caller: StaffCaller, input: z.input<typeof publishActivitySchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(publishActivitySchema, input);
  const now = input.now ?? new Date();
  const [activity] = await tx.select().from(volunteerActivities).where(and(eq(volunteerActivities.tenantId, tenantId), eq(volunteerActivities.id, parsed.activityId))).for('update');
  if (!activity) throw volunteerRefusal('volunteer.activity.notFound');
  const team = await loadTeam(tx, tenantId, activity.teamId);
  assertRunsTeam(caller.ability, team);
  if (activity.status !== 'draft') throw volunteerRefusal('volunteer.activity.notDraft');
  const insuranceRecord = parsed.insuranceRecord || activity.insuranceRecord;
  // 《志愿服务条例》 art. 15: accident insurance before an activity that may be dangerous. A record names the insurer
  // and a policy number: "无" or a word with no number in it passed as one (found from outside).
  if (activity.risky && !isInsuranceRecord(insuranceRecord)) throw volunteerRefusal('volunteer.activity.uninsured', { field: 'insuranceRecord' });
  const shifts = await tx.select().from(volunteerShifts).where(and(eq(volunteerShifts.tenantId, tenantId), eq(volunteerShifts.activityId, activity.id)));
  // A draft kept until its shift began cannot open it for sign-up any more (decision 058).
  if (shifts.some((s) => s.startsAt.getTime() <= now.getTime())) throw volunteerRefusal('volunteer.shift.past', { now: chinaDateTime(now).slice(0, 16) });
  await tx.update(volunteerActivities).set({ status: 'published', publishedAt: now, insuranceRecord: insuranceRecord ?? null }).where(and(eq(volunteerActivities.tenantId, tenantId), eq(volunteerActivities.id, activity.id)));
  const settings = await loadVolunteerSettings(tx, tenantId);
  for (const shift of shifts) {
    const remindAt = await startShiftConfirmation(tx, { tenantId, shift, settings, now });
    const dueAt = new Date(shift.endsAt.getTime() + settings.graceMinutes * 60_000);
    await startSubjectDeadline(tx, {
      subject: { tenantId, type: SHIFT_SUBJECT, id: shift.id },
      kind: AUTO_CHECKOUT,
      holderOrgUnitId: tenantId,
      now,
      allowedMs: Math.max(0, dueAt.getTime() - now.getTime()),
      plan: { dueAt, remindAt, provisional: false },
    });
  }
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_activity_published', subjectType: 'VolunteerActivity', subjectId: activity.id, detail: { risky: activity.risky } });
  return { id: activity.id };
}
