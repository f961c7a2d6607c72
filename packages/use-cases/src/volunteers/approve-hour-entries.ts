import { inArray } from 'drizzle-orm';
import { type Tx, volunteerHourApprovals, volunteerHours } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { type LedgerEntry, ledgerEntries } from './ledger.ts';
import { type VolunteerRefusal, volunteerRefusal } from './refusals.ts';
import { communityOf, hoursSubject, isOwnEntry, loadTeam, type TeamRow } from './shared.ts';
import { approveHourEntriesSchema } from './volunteers.schema.ts';

/**
 * Approves listed hour entries, as the team's leader (`step: 'leader'`) or as the second approver (`'second'`:
 * community staff, for hours entered afterwards above the community's threshold; a different person from the one
 * who gave the first approval). Nobody approves hours they entered afterwards themselves.
 * Hours typed with nothing behind them were a complaint about existing tools: 《志愿服务记录与证明出具办法（试行）》
 * asks for records that are true and accurate.
 *
 * Input: entryIds, step, now. Output: `{ approved: entryIds[] }`; audited.
 * Refuses: volunteer.hours.notFound; volunteer.hours.notPending (already approved at this step, reversed, or a
 * reversal; or a second approval where none is needed); volunteer.hours.leaderFirst (second before the leader's);
 * volunteer.hours.sameApprover; volunteer.hours.ownHours (the leader's own service, approved as the team's leader);
 * forbidden ('accept' for the leader's step, 'supervise' for the second).
 */
export async function approveHourEntries(tx: Tx, caller: StaffCaller, input: z.input<typeof approveHourEntriesSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(approveHourEntriesSchema, input);
  const now = input.now ?? new Date();
  const ids = [...new Set(parsed.entryIds)];
  const entries = await ledgerEntries(tx, tenantId, inArray(volunteerHours.id, ids));
  if (entries.length !== ids.length) throw volunteerRefusal('volunteer.hours.notFound');
  const me = caller.actor.userId;
  for (const e of entries) {
    const team = await loadTeam(tx, tenantId, e.teamId);
    assertCan(caller.ability, parsed.step === 'leader' ? 'accept' : 'supervise', hoursSubject(team));
    const problem = approvalProblem(caller, team, e, parsed.step);
    if (problem) throw volunteerRefusal(problem, { entryId: e.id });
  }
  // Two approvers at once: the approvals' key (entry, step) lets one of them in; the other is told it moved on.
  const written = await tx
    .insert(volunteerHourApprovals)
    .values(entries.map((e) => ({ tenantId, entryId: e.id, step: parsed.step, approvedBy: me, approvedAt: now })))
    .onConflictDoNothing()
    .returning({ entryId: volunteerHourApprovals.entryId });
  if (written.length !== entries.length) throw volunteerRefusal('volunteer.hours.notPending');
  for (const e of entries) await recordAuditEvent(tx, { tenantId, actorUserId: me, action: `volunteer_hours_approved_${parsed.step}`, subjectType: 'VolunteerHours', subjectId: e.id, detail: { minutes: e.minutes } });
  return { approved: entries.map((e) => e.id) };
}

/**
 * Why `caller` may not give `step`'s approval to `entry` (a refusal code), or null when they may — the permission
 * ('accept' / 'supervise' on the team's hours) apart. One rule for approveHourEntries and for the pages that offer the
 * step (listPendingHours): a page offers only what this allows.
 */
export function approvalProblem(caller: StaffCaller, team: Pick<TeamRow, 'leaderUserId' | 'leaderResidentId'>, e: LedgerEntry, step: 'leader' | 'second'): VolunteerRefusal | null {
  const me = caller.actor.userId;
  if (e.status !== 'pending') return 'volunteer.hours.notPending';
  if (step === 'leader') {
    if (e.leaderApprovedBy) return 'volunteer.hours.notPending';
    if (e.evidence === 'afterwards' && e.recordedBy === me) return 'volunteer.hours.sameApprover';
    if (isOwnEntry(caller, team, e)) return 'volunteer.hours.ownHours';
    return null;
  }
  if (!e.needsSecondApproval || e.secondApprovedBy) return 'volunteer.hours.notPending';
  if (!e.leaderApprovedBy) return 'volunteer.hours.leaderFirst';
  if (e.leaderApprovedBy === me || e.recordedBy === me) return 'volunteer.hours.sameApprover';
  return null;
}
