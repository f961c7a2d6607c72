import { and, eq } from 'drizzle-orm';
import { type Tx, volunteerSignups } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, isSelf, loadShift, loadVolunteerSettings, type VolunteerCaller } from './shared.ts';
import { cancelSignupSchema } from './volunteers.schema.ts';
import { promoteFromWaitingList } from './waiting-list.ts';

/**
 * Gives up a place on a shift (or leaves its waiting list). A confirmed place can be given up until the community's
 * cut-off before the shift (volunteer_settings.cancel_cutoff_hours); its place goes to the first on the waiting list,
 * who is told by text message (promoteFromWaitingList).
 *
 * A place already given up is given up once: cancelling it again (a second tap, the page sent twice) answers
 * `{ promoted: [], already: true }` and changes nothing, rather than a second message that the place was not found
 * (found from outside); a place released for want of the day-before confirmation is volunteer.signup.released.
 * Input: signupId, now. Output: `{ promoted: residentId[], already }`. Refuses: volunteer.signup.notFound (also not
 * the caller's own, for a volunteer); volunteer.signup.released; volunteer.signup.cutoffPassed; forbidden as not found for staff not running the team.
 */
export async function cancelSignup(tx: Tx, caller: VolunteerCaller, input: z.input<typeof cancelSignupSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(cancelSignupSchema, input);
  const now = input.now ?? new Date();
  const [found] = await tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, parsed.signupId)));
  if (!found) throw volunteerRefusal('volunteer.signup.notFound');
  const loaded = await loadShift(tx, tenantId, found.shiftId, true);
  if (isSelf(caller)) {
    if (caller.residentId !== found.residentId) throw volunteerRefusal('volunteer.signup.notFound');
  } else assertRunsTeam(caller.ability, loaded.team);
  // Re-read under the shift's lock: a promotion or another cancellation may have moved it meanwhile.
  const [signup] = await tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, found.id)));
  if (!signup) throw volunteerRefusal('volunteer.signup.notFound');
  // A place released for want of the day-before confirmation was not given up by anyone: said as such.
  if (signup.status === 'cancelled' && signup.cancelReason === 'unconfirmed') throw volunteerRefusal('volunteer.signup.released');
  if (signup.status === 'cancelled') return { promoted: [] as string[], already: true };
  const settings = await loadVolunteerSettings(tx, tenantId);
  const cutoff = loaded.shift.startsAt.getTime() - settings.cancelCutoffHours * 3600_000;
  if (signup.status === 'confirmed' && now.getTime() > cutoff) throw volunteerRefusal('volunteer.signup.cutoffPassed', { hours: settings.cancelCutoffHours });
  await tx.update(volunteerSignups).set({ status: 'cancelled', cancelledAt: now }).where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, signup.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: isSelf(caller) ? null : caller.actor.userId, action: 'volunteer_signup_cancelled', subjectType: 'VolunteerShift', subjectId: loaded.shift.id, detail: { residentId: signup.residentId, was: signup.status } });
  const promoted = signup.status === 'confirmed' ? await promoteFromWaitingList(tx, loaded, now) : [];
  return { promoted, already: false };
}
