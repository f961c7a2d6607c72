import { sql } from 'drizzle-orm';
import { type AccountAction, type AccountActor, decideAccountAction, type MembershipPlace, type Role } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import type { Workspace } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';

/**
 * Every membership an account holds across the platform, placed in the hierarchy (unit and district), archived
 * units included. The account rules need all of them: an admin acts on an account only when every one lies within
 * reach. Memberships are under row-level security (a scope sees its own people), so this reads them through the
 * SECURITY DEFINER function `account_places` (migration 0027): ids, roles and units only, no names, no contacts;
 * nothing for a transaction that declared no scope. The tests of the account rules fail if it returns fewer rows
 * than exist.
 */
export async function accountMembershipPlaces(tx: Tx, userId: string): Promise<MembershipPlace[]> {
  return (await membershipPlacesOf(tx, [userId])).get(userId) ?? [];
}

/** The same for several accounts at once (one query), keyed by user id; accounts without memberships are absent. */
export async function membershipPlacesOf(tx: Tx, userIds: readonly string[]): Promise<Map<string, MembershipPlace[]>> {
  const byUser = new Map<string, MembershipPlace[]>();
  if (userIds.length === 0) return byUser;
  const rows = (await tx.execute(
    sql`select user_id, role, org_unit_id, district_id from account_places(${`{${userIds.join(',')}}`}::uuid[])`,
  )) as unknown as { user_id: string; role: Role; org_unit_id: string | null; district_id: string | null }[];
  for (const r of rows) {
    const place = { role: r.role, orgUnitId: r.org_unit_id, districtId: r.district_id };
    byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), place]);
  }
  return byUser;
}

/**
 * Whether an account holds this mobile (or, without a mobile, this email), and whether it has a password: through
 * the SECURITY DEFINER function `account_by_identifier` (migration 0027), which answers the id and that flag only,
 * never a name, contact or hash. For scopes that must not read accounts they have no business with (an admin
 * inviting someone). null when there is none.
 */
export async function accountByIdentifier(tx: Tx, identifier: { mobile: string | null; email: string | null }): Promise<{ id: string; hasPassword: boolean } | null> {
  const rows = (await tx.execute(
    sql`select user_id, has_password from account_by_identifier(${identifier.mobile}, ${identifier.mobile ? null : identifier.email})`,
  )) as unknown as { user_id: string; has_password: boolean }[];
  return rows[0] ? { id: rows[0].user_id, hasPassword: rows[0].has_password } : null;
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
