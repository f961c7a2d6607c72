import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import {
  type AccountActor,
  cleanText,
  decideAccountAction,
  isEmail,
  isRole,
  maskMobile,
  normalizeMobile,
  type Role,
  ROLE_ORG_KIND,
} from '@shequ/domain';
import { grids, invitations, isUuid, newId, orgUnits, users, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { issueOneTimeLink } from '../security/one-time-link.ts';
import { accountByIdentifier, membershipPlacesOf } from './account-places.ts';

// Invitations: the building blocks of the use cases that invite (staff, unit accounts, onboarding) and of the
// invitation page's (peekInvitation, acceptInvitation). Not exported from the package root.

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type NewInvitation = { userId: string; inviteeName: string; role: Role; orgUnitId: string | null; gridIds?: string[]; invitedBy: string };

/**
 * Records an invitation and issues its one-time link (7 days). An earlier invitation for the same person, role and
 * unit that is still open is withdrawn (its link stops working). The membership itself is created only when the
 * invitation is accepted (acceptInvitation). The caller has checked that the inviter may give this role.
 */
export async function createInvitation(tx: Tx, input: NewInvitation, now = new Date()) {
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.userId, input.userId),
        eq(invitations.role, input.role),
        input.orgUnitId ? eq(invitations.orgUnitId, input.orgUnitId) : isNull(invitations.orgUnitId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const [row] = await tx
    .insert(invitations)
    .values({ userId: input.userId, inviteeName: input.inviteeName, role: input.role, orgUnitId: input.orgUnitId, gridIds: input.gridIds ?? [], invitedBy: input.invitedBy, expiresAt })
    .returning({ id: invitations.id });
  const link = await issueOneTimeLink(tx, 'invitation', input.userId, input.invitedBy, INVITATION_TTL_MS, now, row!.id);
  return { invitationId: row!.id, token: link.token, expiresAt: link.expiresAt };
}

/** A new link (7 days from now) for an open invitation; its earlier links stop working. Refused: 'invite.notOpen'. */
export async function reissueInvitationLink(tx: Tx, invitationId: string, issuedBy: string, now = new Date()) {
  const [open] = await tx
    .update(invitations)
    .set({ expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ userId: invitations.userId });
  if (!open) throw new UseCaseError('invite.notOpen');
  return issueOneTimeLink(tx, 'invitation', open.userId, issuedBy, INVITATION_TTL_MS, now, invitationId);
}

export type InviteInput = { name: string; mobile?: string | null; email?: string | null; role: string; orgUnitId: string | null; gridIds?: string[] };

/**
 * Someone in charge offers a role to a person identified by mobile (or email): a community admin invites staff
 * (role and, for grid workers, their grids), a district officer or an operator invites officers and community
 * admins (issue 13, issue 15).
 *
 * Input: the inviter (account rule actor); the name as typed, the mobile or email, the role, its unit, grid ids.
 * Output: the invitation id, its one-time link token and expiry, and whether the mobile already had an account
 * (the inviter is told only that: never the account's name).
 * Rules (domain decideAccountAction, 'grantRole'): the role must lie within the inviter's reach; a role for an
 * existing account waits for its holder's acceptance, and so does a new account's (which sets its password then).
 * Refusals (UseCaseError): invite.name/mobile/role/unit/grids invalid, invite.alreadyMember, account.outOfReach.
 * Grid ids are checked against the community's grids, so the caller runs it inside that community's tenant context.
 */
export async function inviteToRole(tx: Tx, actor: AccountActor, input: InviteInput, now = new Date()) {
  const name = cleanText(input.name ?? '');
  if (!name || Array.from(name).length > 40) throw new UseCaseError('invite.name.invalid', { field: 'name' });
  const rawMobile = (input.mobile ?? '').trim();
  const mobile = rawMobile ? normalizeMobile(rawMobile) : null;
  if (rawMobile && !mobile) throw new UseCaseError('invite.mobile.invalid', { field: 'mobile' });
  const email = (input.email ?? '').trim().toLowerCase() || null;
  if (email && !isEmail(email)) throw new UseCaseError('invite.email.invalid', { field: 'email' });
  if (!mobile && !email) throw new UseCaseError('invite.mobile.required', { field: 'mobile' });
  if (!isRole(input.role)) throw new UseCaseError('invite.role.invalid', { field: 'role' });
  const role = input.role;

  let districtId: string | null = null;
  if (ROLE_ORG_KIND[role] !== null) {
    if (!isUuid(input.orgUnitId)) throw new UseCaseError('invite.unit.invalid', { field: 'orgUnitId' });
    const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, input.orgUnitId));
    if (!unit || unit.kind !== ROLE_ORG_KIND[role] || unit.status === 'archived') throw new UseCaseError('invite.unit.invalid', { field: 'orgUnitId' });
    districtId = unit.kind === 'district' ? unit.id : unit.districtId;
  }
  const orgUnitId = ROLE_ORG_KIND[role] === null ? null : input.orgUnitId;

  const gridIds = [...new Set(input.gridIds ?? [])];
  if (gridIds.length > 0) {
    if (role !== 'grid_worker' || !gridIds.every(isUuid)) throw new UseCaseError('invite.grids.invalid', { field: 'gridIds' });
    const found = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.tenantId, orgUnitId!), inArray(grids.id, gridIds)));
    if (found.length !== gridIds.length) throw new UseCaseError('invite.grids.invalid', { field: 'gridIds' });
  }

  // The inviter's scope does not read accounts outside it: whether one holds this mobile comes from a function that
  // answers its id and whether it has a password, nothing else (migration 0027).
  const existing = await accountByIdentifier(tx, { mobile, email });
  const places = existing ? ((await membershipPlacesOf(tx, [existing.id])).get(existing.id) ?? []) : [];
  if (places.some((p) => p.role === role && p.orgUnitId === orgUnitId)) throw new UseCaseError('invite.alreadyMember', { field: 'mobile' });
  const decision = decideAccountAction(
    actor,
    'grantRole',
    { userId: existing?.id ?? '', memberships: places, exists: Boolean(existing && (existing.hasPassword || places.length > 0)) },
    { role, orgUnitId, districtId },
  );
  if (!decision.allowed) throw new UseCaseError(`account.${decision.reason}`);

  // The new account is not yet visible to the inviter's scope (it has no membership until it accepts): its id is
  // made here rather than read back.
  let userId = existing?.id;
  if (!userId) {
    userId = newId();
    await tx.insert(users).values({ id: userId, displayName: name, mobile, email });
  }
  const invitation = await createInvitation(tx, { userId, inviteeName: name, role, orgUnitId, gridIds, invitedBy: actor.userId }, now);
  return { ...invitation, userId, existingAccount: Boolean(existing) };
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'withdrawn';

/**
 * The invitations of one unit (a community's staff page, an operator's view of a community), newest first: the name
 * the inviter typed, the masked mobile, the role, grids, when sent, and whether accepted (and when), still pending,
 * expired or withdrawn. Never the account's own name.
 */
export async function listInvitations(tx: Tx, orgUnitIds: string[], now = new Date(), limit = 200) {
  if (orgUnitIds.length === 0) return [];
  const rows = await tx
    .select({
      id: invitations.id,
      orgUnitId: invitations.orgUnitId,
      inviteeName: invitations.inviteeName,
      mobile: users.mobile,
      role: invitations.role,
      gridIds: invitations.gridIds,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(inArray(invitations.orgUnitId, orgUnitIds))
    .orderBy(desc(invitations.createdAt))
    .limit(limit);
  return rows.map(({ mobile, ...r }) => ({
    ...r,
    mobile: mobile ? maskMobile(mobile) : null,
    status: (r.acceptedAt ? 'accepted' : r.revokedAt ? 'withdrawn' : r.expiresAt <= now ? 'expired' : 'pending') as InvitationStatus,
  }));
}
