import { eq } from 'drizzle-orm';
import { type Tx, volunteerHours } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { ledgerEntries } from './ledger.ts';
import { volunteerRefusal } from './refusals.ts';
import { attendanceWindow } from './attendance.ts';
import { communityOf, hoursSubject, loadShift, loadTeam, loadVolunteerSettings, shiftWhen } from './shared.ts';
import { reverseHoursSchema } from './volunteers.schema.ts';

/**
 * Corrects an hour entry the only way the append-only ledger allows: a reversal entry (the same minutes, negative)
 * with its reason; optionally a replacement entry with the corrected minutes, pending approval again (evidence
 * 'leader' at best: a person changed it; 'afterwards' when it claims more than the shift's length, and then it always
 * needs a second approver (staff), whatever the community's threshold — decision 068). Every correction is audited.
 * 《志愿服务记录与证明出具办法（试行）》: records
 * true, accurate, complete; nothing is erased.
 *
 * Input: entryId, reason, replacementMinutes (optional), now. Output: `{ reversalId, replacementId }`.
 * Refuses: volunteer.hours.correctionTooLong (`{ max, window }`: more minutes than the shift's window, early check-in to last check-out); volunteer.hours.notFound; volunteer.hours.isReversal; volunteer.hours.alreadyReversed; forbidden (the
 * team's leader account or the office: 'accept' on its hours).
 */
export async function reverseHours(tx: Tx, caller: StaffCaller, input: z.input<typeof reverseHoursSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(reverseHoursSchema, input);
  const now = input.now ?? new Date();
  const [entry] = await ledgerEntries(tx, tenantId, eq(volunteerHours.id, parsed.entryId));
  if (!entry) throw volunteerRefusal('volunteer.hours.notFound');
  const team = await loadTeam(tx, tenantId, entry.teamId);
  assertCan(caller.ability, 'accept', hoursSubject(team));
  if (entry.status === 'reversal') throw volunteerRefusal('volunteer.hours.isReversal');
  if (entry.status === 'reversed') throw volunteerRefusal('volunteer.hours.alreadyReversed');
  // A correction cannot count more than the shift's window, from the earliest check-in to the last check-out (t35: 600
  // minutes on a two-hour shift turned ten minutes into ten hours). Within it, more than the shift itself is the
  // office's too (below, decision 068).
  if (parsed.replacementMinutes !== undefined && entry.shiftId) {
    const loaded = await loadShift(tx, tenantId, entry.shiftId);
    const settings = await loadVolunteerSettings(tx, tenantId);
    const { from } = attendanceWindow(loaded, settings, 'in');
    const { to } = attendanceWindow(loaded, settings, 'out');
    const max = Math.round((to.getTime() - from.getTime()) / 60_000);
    if (parsed.replacementMinutes > max) throw volunteerRefusal('volunteer.hours.correctionTooLong', { field: 'replacementMinutes', max, window: shiftWhen(from, to) });
  }
  const base = { tenantId, residentId: entry.residentId, teamId: entry.teamId, activityId: entry.activityId, shiftId: entry.shiftId, servedFrom: entry.servedFrom, servedTo: entry.servedTo, content: entry.content, recordedBy: caller.actor.userId, createdAt: now };
  // A second reversal of the same entry at the same moment fails on the ledger's one-reversal key.
  const [reversal] = await tx
    .insert(volunteerHours)
    .values({ ...base, minutes: -entry.minutes, evidence: entry.evidence, reversesId: entry.id, reason: parsed.reason })
    .onConflictDoNothing()
    .returning({ id: volunteerHours.id });
  if (!reversal) throw volunteerRefusal('volunteer.hours.alreadyReversed');
  let replacementId: string | null = null;
  if (parsed.replacementMinutes !== undefined) {
    // Time beyond what the service could have taken (the shift's length; without a shift, the recorded span or the
    // entry itself) rests on nobody's scan or check-out: it is entered afterwards (the lowest evidence, counting toward
    // no star or certificate), and a staff member approves it too, under the threshold as well: the leader who corrects
    // upwards must not be the only one to approve it (decision 068). A leader turned six checked minutes into 600 on a
    // two-hour shift and approved them alone, at 队长确认; then 150 on the same shift, under the threshold (found from
    // outside).
    const shift = entry.shiftId ? (await loadShift(tx, tenantId, entry.shiftId)).shift : null;
    const spanMinutes = (from: Date | null, to: Date | null) => (from && to ? Math.round((to.getTime() - from.getTime()) / 60_000) : null);
    const possible = (shift ? spanMinutes(shift.startsAt, shift.endsAt) : spanMinutes(entry.servedFrom, entry.servedTo)) ?? entry.minutes;
    const more = parsed.replacementMinutes > Math.max(possible, entry.minutes);
    const [replacement] = await tx
      .insert(volunteerHours)
      .values({
        ...base,
        minutes: parsed.replacementMinutes,
        // The leader confirming or correcting an automatic check-out's end vouches for it: 'leader' (t35).
        evidence: more ? 'afterwards' : entry.evidence === 'scanned' || entry.autoCheckout ? 'leader' : entry.evidence,
        needsSecondApproval: more || entry.needsSecondApproval,
        reason: parsed.reason,
      })
      .returning({ id: volunteerHours.id });
    replacementId = replacement!.id;
  }
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_hours_reversed', subjectType: 'VolunteerHours', subjectId: entry.id, detail: { reason: parsed.reason, minutes: entry.minutes, replacementMinutes: parsed.replacementMinutes ?? null } });
  return { reversalId: reversal.id, replacementId };
}
