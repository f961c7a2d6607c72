import { and, eq } from 'drizzle-orm';
import { chinaDateTime } from '@shequ/domain';
import { type Tx, volunteerActivities } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { resolveWishWith, wishStatus } from '../cases/answer-wish.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { wishOpenToActivity } from './list-wish-activities.ts';
import { volunteerRefusal } from './refusals.ts';
import { activityHeldFrom, assertRunsTeam, communityOf, loadTeam } from './shared.ts';
import { closeActivitySchema } from './volunteers.schema.ts';

/**
 * Closes a published activity with its report, once it has been held: not before its last shift has begun (a report
 * of what was done cannot come before it was done; found from outside: an activity was ended before its shift, its
 * report field marked with no reason). When the activity answers a resident's wish (created from it:
 * `wish_case_id`, e.g. "希望小区多组织小朋友开展活动" → a children's vegetable-garden day), the wish is resolved with
 * the report as its public resolution, which tells the resident on their tracking page and 我的 (the case lifecycle's
 * own 'resolve', with its timeline event and notifications); a wish still waiting to be accepted (受理) is accepted
 * first, in the caller's name (organising an activity for it was accepting it). If the wish cannot be resolved by this
 * caller or in its state (a volunteer-team leader may not act on cases; a wish escalated meanwhile), the activity is
 * closed anyway and `wishResolved` is false, with `wishLeft` saying why: 'withStreet' (escalated, forwarded or in
 * review: the street resolves it), 'finished' (resolved, closed, rejected or merged meanwhile), 'office' (the caller
 * may not resolve it: the office does, from its page).
 * Input: activityId, report, now. Output: `{ id, wishCaseId, wishResolved, wishLeft }`; audited.
 * Refuses: volunteer.activity.notFound; volunteer.activity.notOpen (not published); volunteer.activity.notHeld
 * (its last shift has not begun: `{ from }`, China time); forbidden as volunteer.team.notFound (a team the caller does
 * not run).
 */
export async function closeActivity(tx: Tx, caller: StaffCaller, input: z.input<typeof closeActivitySchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const v = parseInput(closeActivitySchema, input);
  const now = input.now ?? new Date();
  const [activity] = await tx.select().from(volunteerActivities).where(and(eq(volunteerActivities.tenantId, tenantId), eq(volunteerActivities.id, v.activityId))).for('update');
  if (!activity) throw volunteerRefusal('volunteer.activity.notFound');
  assertRunsTeam(caller.ability, await loadTeam(tx, tenantId, activity.teamId));
  if (activity.status !== 'published') throw volunteerRefusal('volunteer.activity.notOpen');
  const heldFrom = await activityHeldFrom(tx, tenantId, activity.id);
  if (heldFrom && now < heldFrom) throw volunteerRefusal('volunteer.activity.notHeld', { from: chinaDateTime(heldFrom).slice(0, 16) });
  await tx.update(volunteerActivities).set({ status: 'closed', report: v.report, closedAt: now }).where(and(eq(volunteerActivities.tenantId, tenantId), eq(volunteerActivities.id, activity.id)));
  let wishResolved = false;
  let wishLeft: 'withStreet' | 'finished' | 'office' | null = null;
  if (activity.wishCaseId) {
    const ref = { tenantId, caseId: activity.wishCaseId };
    const status = await wishStatus(tx, ref);
    if (status && !wishOpenToActivity(status)) wishLeft = ['escalated', 'forwarded', 'review'].includes(status) ? 'withStreet' : 'finished';
    else {
      wishResolved = await resolveWishWith(tx, caller, ref, `${activity.title}：${v.report}`, now);
      if (!wishResolved) wishLeft = 'office';
    }
  }
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_activity_closed', subjectType: 'VolunteerActivity', subjectId: activity.id, detail: { wishCaseId: activity.wishCaseId, wishResolved, wishLeft } });
  return { id: activity.id, wishCaseId: activity.wishCaseId, wishResolved, wishLeft };
}
