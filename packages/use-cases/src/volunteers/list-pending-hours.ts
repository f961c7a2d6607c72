import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { residents, type Tx, volunteerHours, volunteerTeams } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { approvalProblem } from './approve-hour-entries.ts';
import { ledgerEntries } from './ledger.ts';
import { communityOf, hoursSubject } from './shared.ts';

/** Why a pending entry shows no approve button to this caller (i18n keys under `volunteers.pendingHours.why`). */
export type PendingWhy = 'sameApprover' | 'ownHours' | 'office' | 'leaderFirst';

/**
 * The hour entries that belong to no shift and still wait for an approval (issue 17: hours entered afterwards — a
 * claim on a wish, a task outside any shift — a volunteer teacher's classes, corrections of such entries): the
 * shift page approves a shift's own entries, this list the others. For the teams whose hours the caller reads (a
 * leader: the teams she runs; the office: all), oldest first, at most 200.
 * Each entry says which approval it waits for (`step`: the leader's, or the second one by staff above the
 * community's threshold) and whether the caller may give it now (`canApprove`: the permission and approveHourEntries'
 * own rules, through the same approvalProblem), else why not (`why`): entered by the caller (`sameApprover`), the
 * caller's own service (`ownHours`), waiting for the office's second approval (`office`), or for the leader's first
 * (`leaderFirst`). The page offers only what the server takes.
 * Output: `{ entries: { id, residentId, nameHint, mobileHint (tells two 王** apart), teamId, teamName, minutes, servedFrom, servedTo, content, evidence,
 * needsSecondApproval, wish, teaching, step, canApprove, why }[] }`.
 * Refuses: forbidden (no read on teams).
 */
export async function listPendingHours(tx: Tx, caller: StaffCaller) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('VolunteerTeam', { tenantId, leaderId: null }));
  const teams = (await tx.select().from(volunteerTeams).where(eq(volunteerTeams.tenantId, tenantId)).orderBy(asc(volunteerTeams.name))).filter((t) => caller.ability.can('read', hoursSubject(t)));
  if (!teams.length) return { entries: [] };
  // Entries of a shift are approved on its page by the leader; once the leader has, those that also need the office
  // (a correction beyond the shift's length, decision 068) wait here for the second approval — they had no page at
  // all and stayed 待审核 for good (found from outside).
  const pending = (await ledgerEntries(tx, tenantId, and(or(isNull(volunteerHours.shiftId), eq(volunteerHours.needsSecondApproval, true)), inArray(volunteerHours.teamId, teams.map((t) => t.id)))))
    .filter((e) => e.status === 'pending' && (e.shiftId === null || (e.needsSecondApproval && e.leaderApprovedBy !== null)))
    .slice(0, 200);
  const names = pending.length ? await tx.select({ id: residents.id, nameHint: residents.nameHint, mobileHint: residents.mobileHint }).from(residents).where(and(eq(residents.tenantId, tenantId), inArray(residents.id, [...new Set(pending.map((e) => e.residentId))]))) : [];
  return {
    entries: pending.map((e) => {
      const team = teams.find((t) => t.id === e.teamId)!;
      const step = e.leaderApprovedBy ? ('second' as const) : ('leader' as const);
      const allowed = caller.ability.can(step === 'leader' ? 'accept' : 'supervise', hoursSubject(team));
      const problem = allowed ? approvalProblem(caller, team, e, step) : null;
      const why: PendingWhy | null = !allowed ? (step === 'second' ? 'office' : 'leaderFirst') : problem === 'volunteer.hours.ownHours' ? 'ownHours' : problem === 'volunteer.hours.sameApprover' ? 'sameApprover' : problem ? 'leaderFirst' : null;
      return {
        id: e.id,
        residentId: e.residentId,
        nameHint: names.find((n) => n.id === e.residentId)?.nameHint ?? '',
        mobileHint: names.find((n) => n.id === e.residentId)?.mobileHint ?? null,
        teamId: team.id,
        teamName: team.name,
        minutes: e.minutes,
        servedFrom: e.servedFrom,
        servedTo: e.servedTo,
        content: e.content,
        evidence: e.evidence,
        needsSecondApproval: e.needsSecondApproval,
        wish: Boolean(e.wishClaimId),
        teaching: Boolean(e.schoolCourseId),
        step,
        canApprove: allowed && !problem,
        why,
      };
    }),
  };
}
