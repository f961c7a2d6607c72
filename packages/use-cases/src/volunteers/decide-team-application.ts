import { and, eq } from 'drizzle-orm';
import { type Tx, volunteerTeamMembers } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, loadTeam } from './shared.ts';
import { decideTeamApplicationSchema } from './volunteers.schema.ts';

/**
 * The team's leader (or the office) accepts or declines an application. Input: teamId, residentId, accept.
 * Output: `{ status: 'member' | 'declined' }`; audited. Refuses: volunteer.team.notFound (also a team the caller
 * does not run); volunteer.team.notApplied (no open application).
 */
export async function decideTeamApplication(tx: Tx, caller: StaffCaller, input: z.input<typeof decideTeamApplicationSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(decideTeamApplicationSchema, input);
  const team = await loadTeam(tx, tenantId, parsed.teamId);
  assertRunsTeam(caller.ability, team);
  const status = parsed.accept ? ('member' as const) : ('declined' as const);
  const [row] = await tx
    .update(volunteerTeamMembers)
    .set({ status, decidedAt: input.now ?? new Date(), decidedBy: caller.actor.userId })
    .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.teamId, team.id), eq(volunteerTeamMembers.residentId, parsed.residentId), eq(volunteerTeamMembers.status, 'applied')))
    .returning({ residentId: volunteerTeamMembers.residentId });
  if (!row) throw volunteerRefusal('volunteer.team.notApplied');
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: `volunteer_application_${status}`, subjectType: 'VolunteerTeam', subjectId: team.id, detail: { residentId: parsed.residentId } });
  return { status };
}
