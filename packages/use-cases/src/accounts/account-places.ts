import { eq, inArray } from 'drizzle-orm';
import { type AccountAction, type AccountActor, decideAccountAction, type MembershipPlace } from '@shequ/domain';
import { memberships, orgUnits, type Tx } from '@shequ/db';
import type { Workspace } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';

/**
 * Every membership an account holds across the platform, placed in the hierarchy (unit and district), archived
 * units included. The account rules need all of them: an admin acts on an account only when every one lies within
 * reach. It must see past the caller's tenant: if row-level security ever narrows `memberships` to the current
 * community, replace this query with a SECURITY DEFINER function returning these three columns (no names, no
 * contacts) — the tests of the account rules fail if it returns fewer rows than exist.
 */
export async function accountMembershipPlaces(tx: Tx, userId: string): Promise<MembershipPlace[]> {
  return (await membershipPlacesOf(tx, [userId])).get(userId) ?? [];
}

/** The same for several accounts at once (one query), keyed by user id; accounts without memberships are absent. */
export async function membershipPlacesOf(tx: Tx, userIds: readonly string[]): Promise<Map<string, MembershipPlace[]>> {
  const byUser = new Map<string, MembershipPlace[]>();
  if (userIds.length === 0) return byUser;
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role, orgUnitId: memberships.orgUnitId, kind: orgUnits.kind, districtId: orgUnits.districtId })
    .from(memberships)
    .leftJoin(orgUnits, eq(orgUnits.id, memberships.orgUnitId))
    .where(inArray(memberships.userId, [...userIds]));
  for (const r of rows) {
    const place = { role: r.role, orgUnitId: r.orgUnitId, districtId: r.kind === 'district' ? r.orgUnitId : (r.districtId ?? null) };
    byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), place]);
  }
  return byUser;
}

/** The acting workspace as the account rules see it. */
export function accountActorOf(userId: string, ws: Pick<Workspace, 'role' | 'orgUnitId' | 'districtId'>): AccountActor {
  return { userId, role: ws.role, orgUnitId: ws.orgUnitId, districtId: ws.districtId };
}

/**
 * Refuses (UseCaseError 'account.<reason>') unless the domain's account rule lets `actor` take `action` on the
 * account of `targetUserId` (see decideAccountAction for the rule and its source). Returns the decision.
 */
export async function assertMayActOnAccount(tx: Tx, actor: AccountActor, action: AccountAction, targetUserId: string, subject?: MembershipPlace, exists?: boolean) {
  const places = await accountMembershipPlaces(tx, targetUserId);
  const decision = decideAccountAction(actor, action, { userId: targetUserId, memberships: places, exists }, subject);
  if (!decision.allowed) throw new UseCaseError(`account.${decision.reason}`);
  return decision;
}
