import { and, eq } from 'drizzle-orm';
import { chinaDateTime, HOURS_BACK_DAYS, roundMinutes, SHIFT_MAX_HOURS, servedTimesProblem } from '@shequ/domain';
import { type Tx, volunteerActivities, volunteerHours, wishClaims } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { assertNoOverlappingEntry } from './overlap.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, loadTeam, loadVolunteer, loadVolunteerSettings } from './shared.ts';
import { enterHoursAfterwardsSchema } from './volunteers.schema.ts';

/**
 * Records service after the fact (no check-in: a claim on a wish, a task outside any shift), evidence 'afterwards'.
 * It stays pending until the leader approves it (approveHourEntries, by someone other than who entered it); above
 * the community's threshold (volunteer_settings.second_approval_minutes) it also needs a second approver (staff).
 * Such hours are shown but never count toward stars or certificates (STAR_EVIDENCE).
 *
 * Input: residentId, teamId, activityId (optional), servedFrom, servedTo (ended by now, end after start, at most
 * SHIFT_MAX_HOURS, begun at most HOURS_BACK_DAYS ago: decision 058),
 * content (what was done), wishClaimId (optional: hours spent on the volunteer's own claim of a wish on the wish
 * wall, active or fulfilled: 微心愿 hours recorded as service), now. Counted minutes: the time served, rounded by the community's rule
 * (《志愿服务记录与证明出具办法（试行）》: actual service time, travel excluded).
 * Output: `{ id, minutes, needsSecondApproval }`; audited.
 * Refuses: volunteer.hours.time / future / tooLong / tooOld (beside servedFrom or servedTo); volunteer.notFound / inactive; volunteer.team.notFound; volunteer.activity.notFound;
 * volunteer.hours.overlap (the person's other record over the same minutes, named);
 * volunteer.wish.claimNotFound (not this volunteer's claim, or one that expired or was withdrawn).
 */
export async function enterHoursAfterwards(tx: Tx, caller: StaffCaller, input: z.input<typeof enterHoursAfterwardsSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(enterHoursAfterwardsSchema, input);
  const now = input.now ?? new Date();
  const team = await loadTeam(tx, tenantId, parsed.teamId);
  assertRunsTeam(caller.ability, team);
  await loadVolunteer(tx, tenantId, parsed.residentId);
  const wrong = servedTimesProblem(parsed.servedFrom, parsed.servedTo, now);
  if (wrong) throw volunteerRefusal(`volunteer.hours.${wrong.problem}`, { field: wrong.field, hours: SHIFT_MAX_HOURS, days: HOURS_BACK_DAYS, now: chinaDateTime(now).slice(0, 16), since: chinaDateTime(new Date(now.getTime() - HOURS_BACK_DAYS * 86_400_000)).slice(0, 16) });
  const span = parsed.servedTo.getTime() - parsed.servedFrom.getTime();
  if (parsed.activityId) {
    const [a] = await tx.select({ id: volunteerActivities.id }).from(volunteerActivities).where(and(eq(volunteerActivities.tenantId, tenantId), eq(volunteerActivities.id, parsed.activityId), eq(volunteerActivities.teamId, team.id)));
    if (!a) throw volunteerRefusal('volunteer.activity.notFound', { field: 'activityId' });
  }
  if (parsed.wishClaimId) {
    const [claim] = await tx.select({ status: wishClaims.status }).from(wishClaims).where(and(eq(wishClaims.tenantId, tenantId), eq(wishClaims.id, parsed.wishClaimId), eq(wishClaims.residentId, parsed.residentId)));
    if (!claim || (claim.status !== 'active' && claim.status !== 'fulfilled')) throw volunteerRefusal('volunteer.wish.claimNotFound', { field: 'wishClaimId' });
  }
  // The same minutes are never recorded twice for one person (a shift's record, another entry: t35).
  await assertNoOverlappingEntry(tx, tenantId, parsed.residentId, parsed.servedFrom, parsed.servedTo);
  const settings = await loadVolunteerSettings(tx, tenantId);
  const minutes = roundMinutes(span / 60_000, settings.rounding);
  const needsSecondApproval = minutes > settings.secondApprovalMinutes;
  const [row] = await tx
    .insert(volunteerHours)
    .values({
      tenantId,
      residentId: parsed.residentId,
      teamId: team.id,
      activityId: parsed.activityId ?? null,
      minutes,
      servedFrom: parsed.servedFrom,
      servedTo: parsed.servedTo,
      evidence: 'afterwards',
      needsSecondApproval,
      content: parsed.content,
      wishClaimId: parsed.wishClaimId ?? null,
      recordedBy: caller.actor.userId,
      createdAt: now,
    })
    .returning({ id: volunteerHours.id });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_hours_entered_afterwards', subjectType: 'VolunteerHours', subjectId: row!.id, detail: { minutes, needsSecondApproval, wishClaimId: parsed.wishClaimId ?? null } });
  return { id: row!.id, minutes, needsSecondApproval };
}
