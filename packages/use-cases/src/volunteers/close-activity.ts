import { and, eq } from 'drizzle-orm';
import { chinaDateTime } from '@shequ/domain';
import { cases, type Tx, volunteerActivities } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { acceptCase } from '../cases/accept-case.ts';
import { resolveCase } from '../cases/resolve-case.ts';
import { UseCaseError } from '../errors.ts';
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
    const [wish] = await tx.select({ status: cases.status }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, activity.wishCaseId)));
    if (wish && !wishOpenToActivity(wish.status)) wishLeft = ['escalated', 'forwarded', 'review'].includes(wish.status) ? 'withStreet' : 'finished';
    else {
      try {
        // A savepoint: a refused resolution leaves the activity closed and the wish as it was.
        await tx.transaction(async (sp) => {
          const wishCase = { tenantId, caseId: activity.wishCaseId! };
          if (wish?.status === 'submitted') await acceptCase(sp, caller, wishCase, now);
          await resolveCase(sp, caller, { ...wishCase, resolution: `${activity.title}：${v.report}` }, now);
        });
        wishResolved = true;
      } catch (error) {
        if (!(error instanceof ForbiddenError) && !(error instanceof UseCaseError)) throw error;
        wishLeft = 'office';
      }
    }
  }
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_activity_closed', subjectType: 'VolunteerActivity', subjectId: activity.id, detail: { wishCaseId: activity.wishCaseId, wishResolved, wishLeft } });
  return { id: activity.id, wishCaseId: activity.wishCaseId, wishResolved, wishLeft };
}
