import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { grids, memberships, orgUnits, SYSTEM_SCOPES, users, withScope, withSystem, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { acceptInvitation, anonymousCaller, invitationCountsByUnit, peekInvitation } from '../src/index.ts';
import { inviteToRole, listInvitations, reissueInvitationLink } from '../src/accounts/invitations.ts';
import { accountActorOf } from '../src/accounts/account-places.ts';
import { listWorkspaces } from '../src/auth/workspaces.ts';
import { DEMO_PASSWORD } from '../src/seed/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 15: a community admin invites staff (mobile, role, grids) and sees whether the invitation was accepted;
// issue 13: a role given to an existing account waits for its holder, and nobody learns whose a mobile is.
const db = seededDatabase();

async function adminOf(mobile: string) {
  const [u] = await db.owner.select().from(users).where(eq(users.mobile, mobile));
  const [ws] = await withScope(db.app, { userId: u!.id }, (tx) => listWorkspaces(tx, u!.id));
  return { actor: accountActorOf(u!.id, ws!), tenantId: ws!.tenantId! };
}
const unit = async (slug: string) => (await db.owner.select().from(orgUnits).where(eq(orgUnits.slug, slug)))[0]!.id;

describe('inviting staff', () => {
  it('a new grid worker gets the role and their grids only on accepting; the admin sees pending, then accepted', async () => {
    const { actor, tenantId } = await adminOf('13800000004');
    const gridRows = await withTenant(db.app, tenantId, (tx) => tx.select().from(grids));
    const target = gridRows.find((g) => g.name === '第四网格') ?? gridRows[0]!;
    const sent = await withScope(db.app, { tenantId, userId: actor.userId }, (tx) => inviteToRole(tx, actor, { name: '新网格员', mobile: '139 1234 0001', role: 'grid_worker', orgUnitId: tenantId, gridIds: [target.id] }));
    expect(sent.existingAccount).toBe(false);
    let listed = await withTenant(db.app, tenantId, (tx) => listInvitations(tx, [tenantId]));
    expect(listed[0]).toMatchObject({ inviteeName: '新网格员', role: 'grid_worker', status: 'pending', mobile: '139****0001' });
    expect(await db.owner.select().from(memberships).where(eq(memberships.userId, sent.userId))).toHaveLength(0);

    expect(await refusal(withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: 'short' })))).toBe('password.too_short');
    await withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: 'Grid#2026ok' }));
    expect(await db.owner.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, sent.userId))).toEqual([{ role: 'grid_worker' }]);
    const [grid] = await withTenant(db.app, tenantId, (tx) => tx.select().from(grids).where(eq(grids.id, target.id)));
    expect(grid!.gridWorkerId).toBe(sent.userId);
    listed = await withTenant(db.app, tenantId, (tx) => listInvitations(tx, [tenantId]));
    expect(listed[0]).toMatchObject({ status: 'accepted' });
    // Operators see it per community.
    const operator = await db.actorFor('13800000000');
    const counts = await withSystem(db.app, SYSTEM_SCOPES.maintenance, 'test', (tx) => invitationCountsByUnit(tx, { actor: operator, ability: defineAbilityFor(operator) }));
    expect(counts[tenantId]).toMatchObject({ accepted: 1, pending: 0, expired: 0 });
    expect(await refusal(withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: 'Grid#2026ok' })))).toBe('invite.linkInvalid');
  });

  it('an existing account is offered the role without being named, keeps its places elsewhere, and must give its own password', async () => {
    // 陈晓 (13800000005) works in 金元社区 and 碧海社区; the admin of 金元 invites that mobile as 志愿者队长 under a made-up name.
    const { actor, tenantId } = await adminOf('13800000004');
    const sent = await withScope(db.app, { tenantId, userId: actor.userId }, (tx) => inviteToRole(tx, actor, { name: '随手写的', mobile: '13800000005', role: 'volunteer_leader', orgUnitId: tenantId }));
    expect(sent.existingAccount).toBe(true);
    const listed = await withTenant(db.app, tenantId, (tx) => listInvitations(tx, [tenantId]));
    expect(JSON.stringify(listed)).not.toContain('陈晓');
    const peeked = await withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', (tx) => peekInvitation(tx, anonymousCaller(), { token: sent.token }));
    expect(JSON.stringify(peeked)).not.toContain('陈晓');
    expect(await refusal(withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: 'NotMine#2026' })))).toBe('invite.wrongPassword');
    const roles = () => db.owner.select().from(memberships).where(and(eq(memberships.userId, sent.userId), eq(memberships.role, 'volunteer_leader')));
    expect(await roles()).toHaveLength(0);
    await withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: DEMO_PASSWORD }));
    expect(await roles()).toHaveLength(1);
  });

  it('refuses roles outside the admin’s reach, grids of another community, and people already in the role', async () => {
    const { actor, tenantId } = await adminOf('13800000004');
    const bihai = await unit('bihai');
    const bihaiGrid = (await withTenant(db.app, bihai, (tx) => tx.select().from(grids)))[0]!;
    const invite = (input: Partial<Parameters<typeof inviteToRole>[2]>) =>
      withScope(db.app, { tenantId, userId: actor.userId }, (tx) => inviteToRole(tx, actor, { name: '某人', mobile: '13912340002', role: 'community_staff', orgUnitId: tenantId, ...input }));
    expect(await refusal(invite({ orgUnitId: bihai }))).toBe('account.outOfReach');
    expect(await refusal(invite({ role: 'street_officer', orgUnitId: tenantId }))).toBe('invite.unit.invalid');
    expect(await refusal(invite({ role: 'grid_worker', gridIds: [bihaiGrid.id] }))).toBe('invite.grids.invalid');
    expect(await refusal(invite({ mobile: '13800000006', role: 'grid_worker' }))).toBe('invite.alreadyMember');
    expect(await refusal(invite({ mobile: '12345' }))).toBe('invite.mobile.invalid');
  });

  it('a new link replaces the old one; a second invitation for the same role withdraws the first', async () => {
    const { actor, tenantId } = await adminOf('13800000004');
    const first = await withScope(db.app, { tenantId, userId: actor.userId }, (tx) => inviteToRole(tx, actor, { name: '重发', mobile: '13912340003', role: 'community_staff', orgUnitId: tenantId }));
    const again = await withScope(db.app, { tenantId, userId: actor.userId }, (tx) => reissueInvitationLink(tx, first.invitationId, actor.userId));
    expect(await withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', (tx) => peekInvitation(tx, anonymousCaller(), { token: first.token }))).toBeNull();
    expect(await withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', (tx) => peekInvitation(tx, anonymousCaller(), { token: again.token }))).not.toBeNull();
    const second = await withScope(db.app, { tenantId, userId: actor.userId }, (tx) => inviteToRole(tx, actor, { name: '重发', mobile: '13912340003', role: 'community_staff', orgUnitId: tenantId }));
    expect(await withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', (tx) => peekInvitation(tx, anonymousCaller(), { token: again.token }))).toBeNull();
    const statuses = (await withTenant(db.app, tenantId, (tx) => listInvitations(tx, [tenantId]))).filter((i) => i.inviteeName === '重发').map((i) => [i.id, i.status]);
    expect(statuses).toEqual([
      [second.invitationId, 'pending'],
      [first.invitationId, 'withdrawn'],
    ]);
  });
});
