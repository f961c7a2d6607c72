import { and, eq } from 'drizzle-orm';
import { type Tx, volunteerHourApprovals, volunteerHours, volunteerShifts } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { ledgerEntries } from './ledger.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf, hoursSubject, isOwnEntry, loadShift } from './shared.ts';
import { approveShiftHoursSchema } from './volunteers.schema.ts';

/**
 * The leader approves a shift's hours at once: every pending entry of the shift, or only those listed (partial:
 * the others stay pending, e.g. a forgotten check-out to ask about first). Automatic check-outs are never approved
 * with the shift at once: they stay pending (`autoLeft`) for the leader to confirm or correct one by one. Hours entered afterwards are approved
 * with approveHourEntries. "谁组织谁记录、谁记录谁证明" (《志愿服务记录与证明出具办法（试行）》): the organiser who
 * recorded the service vouches for it.
 *
 * Nobody vouches for their own service: a leader's own entry (the team's leader person, approving as the team's
 * leader account) is left pending for the office when all are approved, and refused when listed (found from outside:
 * a leader checked herself in and out, approved the shift and got a certificate).
 *
 * Input: shiftId, entryIds (optional), now. Output: `{ approved: entryIds[], remaining, ownLeft, autoLeft, officeLeft }`
 * (pending entries left; of which the caller's own; approved here but still waiting for the office's second approval,
 * which listPendingHours offers).
 * Refuses: volunteer.shift.notFound; volunteer.hours.notFound (a listed entry that is not a pending entry of the
 * shift); volunteer.hours.ownHours (a listed entry is the caller's own); forbidden (not the team's leader account
 * nor the office).
 */
export async function approveShiftHours(tx: Tx, caller: StaffCaller, input: z.input<typeof approveShiftHoursSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(approveShiftHoursSchema, input);
  const now = input.now ?? new Date();
  const loaded = await loadShift(tx, tenantId, parsed.shiftId, true);
  assertCan(caller.ability, 'accept', hoursSubject(loaded.team));
  const pending = (await ledgerEntries(tx, tenantId, eq(volunteerHours.shiftId, loaded.shift.id))).filter((e) => e.status === 'pending' && !e.leaderApprovedBy);
  // An automatic check-out is reviewed one by one, never with the shift at once (t35).
  const listed = parsed.entryIds ? pending.filter((e) => parsed.entryIds!.includes(e.id)) : pending.filter((e) => !e.autoCheckout);
  if (parsed.entryIds && listed.length !== new Set(parsed.entryIds).size) throw volunteerRefusal('volunteer.hours.notFound', { field: 'entryIds' });
  const own = (e: (typeof pending)[number]) => isOwnEntry(caller, loaded.team, e);
  if (parsed.entryIds && listed.some(own)) throw volunteerRefusal('volunteer.hours.ownHours', { field: 'entryIds' });
  const chosen = listed.filter((e) => !own(e));
  if (chosen.length) {
    await tx.insert(volunteerHourApprovals).values(chosen.map((e) => ({ tenantId, entryId: e.id, step: 'leader', approvedBy: caller.actor.userId, approvedAt: now }))).onConflictDoNothing();
    await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_hours_approved', subjectType: 'VolunteerShift', subjectId: loaded.shift.id, detail: { entries: chosen.length, partial: Boolean(parsed.entryIds) } });
  }
  const remaining = pending.length - chosen.length;
  if (remaining === 0) await tx.update(volunteerShifts).set({ approvedAt: now }).where(and(eq(volunteerShifts.tenantId, tenantId), eq(volunteerShifts.id, loaded.shift.id)));
  // Approved here, a correction beyond the shift's length still waits for the office (decision 068): said, not hidden.
  return { approved: chosen.map((e) => e.id), remaining, ownLeft: pending.filter(own).length, autoLeft: parsed.entryIds ? 0 : pending.filter((e) => e.autoCheckout).length, officeLeft: chosen.filter((e) => e.needsSecondApproval).length };
}
