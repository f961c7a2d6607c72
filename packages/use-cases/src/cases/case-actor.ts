import type { CaseActor } from '@shequ/domain';
import type { Actor } from '@shequ/permissions';

/** Who is acting on a case, in the terms of the lifecycle and of the timeline. */
export type CaseActorRef =
  | { kind: 'resident' }
  | { kind: 'system' }
  /** `unitName`: the unit the person acts for (their community, street, department or district), named in the timeline and messages. */
  | { kind: 'staff'; userId: string; role: CaseActor | 'outsider'; displayName: string; unitName?: string };

const CASE_ROLES: readonly string[] = ['community_admin', 'community_staff', 'grid_worker', 'street_officer', 'department_handler', 'district_officer'];

/** A signed-in user as a case actor; other roles (operators, volunteer leaders) can read what CASL allows, never act. */
export function staffActor(actor: Actor): CaseActorRef {
  const role = actor.workspace.role;
  return { kind: 'staff', userId: actor.userId, displayName: actor.displayName, role: CASE_ROLES.includes(role) ? (role as CaseActor) : 'outsider', unitName: actor.workspace.orgUnitName };
}

/** The caller of a case action as the lifecycle sees them: a signed-in person as staff, nobody (a worker's job) as the system. */
export function caseActorOf(caller: { actor: Actor | null }): CaseActorRef {
  return caller.actor ? staffActor(caller.actor) : { kind: 'system' };
}
