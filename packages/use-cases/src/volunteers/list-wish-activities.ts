import { and, asc, eq, inArray } from 'drizzle-orm';
import { subject } from '@shequ/permissions';
import type { CaseStatus } from '@shequ/domain';
import { type Tx, volunteerActivities, volunteerShifts, volunteerTeams } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { loadCaseRow } from '../cases/load-case-row.ts';
import { parseInput } from '../parse-input.ts';
import { z } from '../zod.ts';
import { communityOf, teamSubject } from './shared.ts';

const schema = z.object({ caseId: z.string().uuid() });

/**
 * The wishes an activity may still answer: the ones the community holds (submitted, accepted), which closing the
 * activity can resolve. A wish escalated to the street (or forwarded, or in review) is the street's to resolve, and a
 * finished one needs no activity: the case page offered 组织志愿活动 for both (found from outside).
 */
export const wishOpenToActivity = (status: CaseStatus) => status === 'submitted' || status === 'accepted';

/**
 * Whether the case page offers 为这条微心愿组织志愿活动: the caller may organise activities (the office: 'update' on
 * teams it does not lead) and the wish is one an activity may still answer (wishOpenToActivity). Input: the caller,
 * the case's status. Output: boolean.
 */
export function mayOrganiseForWish(caller: StaffCaller, status: CaseStatus) {
  return wishOpenToActivity(status) && caller.ability.can('update', subject('VolunteerTeam', { tenantId: communityOf(caller), leaderId: null }));
}

/**
 * The volunteer activities organised for a resident's wish (created from its page: `wish_case_id`), for the wish's
 * page: the wish links to them, and closing one with its report resolves the wish (closeActivity). Each with its
 * status, its first shift, and whether the caller runs its team (`canOpen`: the shift page is theirs to open).
 * The caller is whoever may read the case (checked here, as the case's page does): anyone else is told
 * case.notFound. Input: caseId. Output: `{ id, title, status, firstShiftId, canOpen }[]`, oldest first.
 */
export async function listWishActivities(tx: Tx, caller: StaffCaller, input: { caseId: string }) {
  const tenantId = communityOf(caller);
  const { caseId } = parseInput(schema, input);
  await loadCaseRow(tx, tenantId, caseId, caller.ability);
  const rows = await tx
    .select({ activity: volunteerActivities, team: volunteerTeams })
    .from(volunteerActivities)
    .innerJoin(volunteerTeams, and(eq(volunteerTeams.tenantId, volunteerActivities.tenantId), eq(volunteerTeams.id, volunteerActivities.teamId)))
    .where(and(eq(volunteerActivities.tenantId, tenantId), eq(volunteerActivities.wishCaseId, caseId)))
    .orderBy(asc(volunteerActivities.createdAt));
  if (!rows.length) return [];
  const shifts = await tx
    .select({ id: volunteerShifts.id, activityId: volunteerShifts.activityId })
    .from(volunteerShifts)
    .where(and(eq(volunteerShifts.tenantId, tenantId), inArray(volunteerShifts.activityId, rows.map((r) => r.activity.id))))
    .orderBy(asc(volunteerShifts.startsAt));
  return rows.map(({ activity, team }) => ({
    id: activity.id,
    title: activity.title,
    status: activity.status,
    firstShiftId: shifts.find((s) => s.activityId === activity.id)?.id ?? null,
    canOpen: caller.ability.can('update', teamSubject(team)),
  }));
}
