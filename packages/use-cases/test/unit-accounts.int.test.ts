import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, memberships, orgUnits, outbox, passwordResetCodes, SYSTEM_SCOPES, users, withScope, withSystem } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  acceptInvitation,
  actorScope,
  anonymousCaller,
  changeMembershipRole,
  inviteUnitAccount,
  listManagedUnits,
  listUnitAccounts,
  reissueUnitInvitation,
  removeMembership,
  requestPasswordResetCode,
  resetPasswordWithCode,
  signIn,
  type StaffCaller,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/personal-data.ts';
import { DEMO_PASSWORD } from '../src/seed/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 13: officers' accounts and communities' admins are managed in the product by operators and district
// officers, with the domain's account rule; the account holder resets their own password by a text-message code.
const db = seededDatabase();
const cipher = createPersonalDataCipher('ab'.repeat(32));

async function callerFor(mobile: string): Promise<StaffCaller> {
  const actor = await db.actorFor(mobile);
  return { actor, ability: defineAbilityFor(actor) };
}
/** The transaction a page opens: an operator in the maintenance scope, an officer in their own scope. */
const as = <T>(caller: StaffCaller, fn: Parameters<typeof withScope<T>>[2]) =>
  caller.actor.workspace.role === 'platform_operator'
    ? withScope(db.app, { userId: caller.actor.userId, system: SYSTEM_SCOPES.maintenance, reason: 'test' }, fn)
    : withScope(db.app, actorScope(caller.actor), fn);
const unitId = async (name: string) => (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.name, name)))[0]!.id;
const auth = <T>(fn: Parameters<typeof withSystem<T>>[3]) => withSystem(db.app, SYSTEM_SCOPES.authentication, 'test', fn);
const OPERATOR = '13800000000';
const DISTRICT = '13800000001';

async function otherDistrict() {
  const [d] = await db.owner.insert(orgUnits).values({ kind: 'district', name: '外区', adminCode: '529901000000' }).returning();
  const [s] = await db.owner.insert(orgUnits).values({ kind: 'street', name: '外区某街道', parentId: d!.id, districtId: d!.id, adminCode: '529901001000' }).returning();
  const [officer] = await db.owner.insert(users).values({ displayName: '外区干部', mobile: '13955550001' }).returning();
  await db.owner.insert(memberships).values({ userId: officer!.id, role: 'district_officer', orgUnitId: d!.id });
  return { districtId: d!.id, streetId: s!.id, officerId: officer!.id };
}

describe('unit accounts: operators and district officers', () => {
  it('a district officer invites a street officer, who gets the role only on accepting and then signs in', async () => {
    const officer = await callerFor(DISTRICT);
    const street = await unitId('金源街道');
    const units = await as(officer, (tx) => listManagedUnits(tx, officer));
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['观山湖区', '金源街道', '区民政局', '金元社区']));
    const sent = await as(officer, (tx) => inviteUnitAccount(tx, officer, { orgUnitId: street, name: '新街道干部', mobile: '139 0000 1111', role: 'street_officer' }));
    expect(sent.existingAccount).toBe(false);
    let page = await as(officer, (tx) => listUnitAccounts(tx, officer, { orgUnitId: street }));
    expect(page.invitations[0]).toMatchObject({ inviteeName: '新街道干部', status: 'pending', mobile: '139****1111' });
    expect(page.members.map((m) => m.displayName)).not.toContain('新街道干部');
    await auth((tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: 'Street#2026ok' }));
    page = await as(officer, (tx) => listUnitAccounts(tx, officer, { orgUnitId: street }));
    expect(page.members.find((m) => m.displayName === '新街道干部')).toMatchObject({ role: 'street_officer', mayRemove: true, contact: '139****1111' });
    const signed = await auth((tx) => signIn(tx, anonymousCaller(), { identifier: '13900001111', password: 'Street#2026ok', ip: null, userAgent: null }));
    expect(signed.workspaceCount).toBe(1);
  });

  it('an existing account invited as a community admin waits for its own acceptance', async () => {
    const officer = await callerFor(DISTRICT);
    const bihai = await unitId('碧海社区');
    // 陈晓 (13800000005) works in 金元 and 碧海 as a social worker.
    const sent = await as(officer, (tx) => inviteUnitAccount(tx, officer, { orgUnitId: bihai, name: '随手写', mobile: '13800000005', role: 'community_admin' }));
    expect(sent.existingAccount).toBe(true);
    const admins = () => db.owner.select().from(memberships).where(and(eq(memberships.orgUnitId, bihai), eq(memberships.role, 'community_admin')));
    const before = (await admins()).length;
    expect(await refusal(auth((tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: 'Wrong#2026pw' })))).toBe('invite.wrongPassword');
    expect(await admins()).toHaveLength(before);
    await auth((tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: DEMO_PASSWORD }));
    expect(await admins()).toHaveLength(before + 1);
  });

  it('refuses what lies outside the caller’s reach: another district’s units, roles the page does not manage, staff and street officers', async () => {
    const officer = await callerFor(DISTRICT);
    const other = await otherDistrict();
    expect(await refusal(as(officer, (tx) => listUnitAccounts(tx, officer, { orgUnitId: other.streetId })))).toBe('accounts.unitNotFound');
    expect(await refusal(as(officer, (tx) => inviteUnitAccount(tx, officer, { orgUnitId: other.streetId, name: '越权', mobile: '13900002222', role: 'street_officer' })))).toBe('accounts.unitNotFound');
    const jinyuanStreet = await unitId('金源街道');
    expect(await refusal(as(officer, (tx) => inviteUnitAccount(tx, officer, { orgUnitId: jinyuanStreet, name: '越权', mobile: '13900002222', role: 'community_admin' })))).toBe('accounts.role.invalid');
    const [foreignMembership] = await db.owner.select().from(memberships).where(eq(memberships.userId, other.officerId));
    expect(await refusal(as(officer, (tx) => removeMembership(tx, officer, { membershipId: foreignMembership!.id })))).toBe('accounts.notFound');
    // Community staff and a street officer manage no unit's accounts.
    for (const mobile of ['13800000004', '13800000002']) {
      const caller = await callerFor(mobile);
      expect(await refusal(as(caller, (tx) => listManagedUnits(tx, caller)))).toBe('forbidden');
      expect(await refusal(as(caller, (tx) => listUnitAccounts(tx, caller, { orgUnitId: jinyuanStreet })))).toBe('accounts.unitNotFound');
    }
    // The other district's officer cannot touch this district's street officer.
    const outsider = { actor: { userId: other.officerId, displayName: '外区干部', workspace: { membershipId: foreignMembership!.id, role: 'district_officer' as const, orgUnitId: other.districtId, orgUnitName: '外区', tenantId: null, streetId: null, districtId: other.districtId } } } as StaffCaller;
    outsider.ability = defineAbilityFor(outsider.actor);
    const [streetMembership] = await db.owner.select().from(memberships).where(eq(memberships.role, 'street_officer')).limit(1);
    expect(await refusal(as(outsider, (tx) => removeMembership(tx, outsider, { membershipId: streetMembership!.id })))).toBe('accounts.notFound');
    expect(await refusal(as(outsider, (tx) => changeMembershipRole(tx, outsider, { membershipId: streetMembership!.id, role: 'district_officer' })))).toBe('accounts.notFound');
    // An operator reaches everywhere.
    const operator = await callerFor(OPERATOR);
    expect((await as(operator, (tx) => listUnitAccounts(tx, operator, { orgUnitId: other.streetId }))).unit.name).toBe('外区某街道');
  });

  it('never removes nor demotes a community’s last admin; removes and demotes others; never one’s own role', async () => {
    const operator = await callerFor(OPERATOR);
    const jinyuan = await unitId('金元社区');
    let page = await as(operator, (tx) => listUnitAccounts(tx, operator, { orgUnitId: jinyuan }));
    const only = page.members.filter((m) => m.role === 'community_admin');
    expect(only).toHaveLength(1);
    expect(only[0]).toMatchObject({ mayRemove: false, removeRefusal: 'lastAdmin', roleChoices: [] });
    expect(await refusal(as(operator, (tx) => removeMembership(tx, operator, { membershipId: only[0]!.membershipId })))).toBe('accounts.lastAdmin');
    expect(await refusal(as(operator, (tx) => changeMembershipRole(tx, operator, { membershipId: only[0]!.membershipId, role: 'community_staff' })))).toBe('accounts.lastAdmin');

    // A second admin (invited and accepted); then either may go, but not both.
    const sent = await as(operator, (tx) => inviteUnitAccount(tx, operator, { orgUnitId: jinyuan, name: '第二管理员', mobile: '13900003333', role: 'community_admin' }));
    await auth((tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: 'Admin#2026ok' }));
    page = await as(operator, (tx) => listUnitAccounts(tx, operator, { orgUnitId: jinyuan }));
    const second = page.members.find((m) => m.displayName === '第二管理员')!;
    expect(second).toMatchObject({ mayRemove: true, roleChoices: ['community_staff', 'grid_worker', 'volunteer_leader'] });
    // Two removals at once: one wins, the other finds the last admin.
    const results = await Promise.allSettled([
      as(operator, (tx) => removeMembership(tx, operator, { membershipId: second.membershipId })),
      as(operator, (tx) => removeMembership(tx, operator, { membershipId: only[0]!.membershipId })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await db.owner.select().from(memberships).where(and(eq(memberships.orgUnitId, jinyuan), eq(memberships.role, 'community_admin')));
    expect(admins).toHaveLength(1);
    // Put 第二管理员 back as admin, then demote them in place to social worker.
    const again = await as(operator, (tx) => inviteUnitAccount(tx, operator, { orgUnitId: jinyuan, name: '第二管理员', mobile: '13900003333', role: 'community_admin' }));
    expect(again.existingAccount).toBe(true);
    await auth((tx) => acceptInvitation(tx, anonymousCaller(), { token: again.token, password: 'Admin#2026ok' }));
    const [m] = await db.owner.select().from(memberships).where(and(eq(memberships.orgUnitId, jinyuan), eq(memberships.role, 'community_admin'), eq(memberships.userId, second.userId)));
    if (m) {
      await as(operator, (tx) => changeMembershipRole(tx, operator, { membershipId: m.id, role: 'community_staff' }));
      expect((await db.owner.select().from(memberships).where(eq(memberships.id, m.id)))[0]!.role).toBe('community_staff');
      // Audited in the community's own log, with the operator as the actor.
      const changed = await withScope(db.app, { tenantId: jinyuan }, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.action, 'role_changed'), eq(auditEvents.subjectId, second.userId))));
      expect(changed.map((e) => [e.actorUserId, e.detail])).toEqual([[operator.actor.userId, { from: 'community_admin', to: 'community_staff' }]]);
    }
    // A district officer cannot remove their own role.
    const officer = await callerFor(DISTRICT);
    expect(await refusal(as(officer, (tx) => removeMembership(tx, officer, { membershipId: officer.actor.workspace.membershipId })))).toBe('account.self');
  });

  it('reissues an open invitation’s link (the old one stops working); an accepted one is not found', async () => {
    const officer = await callerFor(DISTRICT);
    const dept = await unitId('区民政局');
    const sent = await as(officer, (tx) => inviteUnitAccount(tx, officer, { orgUnitId: dept, name: '部门新人', mobile: '13900004444', role: 'department_handler' }));
    const again = await as(officer, (tx) => reissueUnitInvitation(tx, officer, { invitationId: sent.invitationId }));
    expect(again.name).toBe('部门新人');
    expect(await refusal(auth((tx) => acceptInvitation(tx, anonymousCaller(), { token: sent.token, password: 'Dept#2026ok' })))).toBe('invite.linkInvalid');
    await auth((tx) => acceptInvitation(tx, anonymousCaller(), { token: again.token, password: 'Dept#2026ok' }));
    expect(await refusal(as(officer, (tx) => reissueUnitInvitation(tx, officer, { invitationId: sent.invitationId })))).toBe('accounts.notFound');
  });

  it('writes who did what to whose account in the unit’s own audit log; the rest of the transaction keeps the caller’s scope', async () => {
    const officer = await callerFor(DISTRICT);
    const dept = await unitId('区民政局');
    const street = await unitId('金源街道');
    const sent = await as(officer, (tx) => inviteUnitAccount(tx, officer, { orgUnitId: dept, name: '审计对象', mobile: '13900005555', role: 'department_handler' }));
    const again = await as(officer, (tx) => reissueUnitInvitation(tx, officer, { invitationId: sent.invitationId }));
    await auth((tx) => acceptInvitation(tx, anonymousCaller(), { token: again.token, password: 'Audit#2026ok' }));
    const [person] = await db.owner.select({ id: users.id }).from(users).where(eq(users.mobile, '13900005555'));
    const [membership] = await db.owner.select().from(memberships).where(and(eq(memberships.userId, person!.id), eq(memberships.orgUnitId, dept)));
    // Removing, then reading the street's officers in the same transaction: still the officer's own scope.
    const streetPage = await as(officer, async (tx) => {
      await removeMembership(tx, officer, { membershipId: membership!.id });
      return listUnitAccounts(tx, officer, { orgUnitId: street });
    });
    expect(streetPage.members.length).toBeGreaterThan(0);
    const log = await withScope(db.app, { tenantId: dept }, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.subjectId, person!.id)).orderBy(auditEvents.at, auditEvents.id));
    expect(log.map((e) => [e.action, e.actorUserId, e.subjectType])).toEqual([
      ['invitation_sent', officer.actor.userId, 'User'],
      ['invitation_reissued', officer.actor.userId, 'User'],
      ['role_removed', officer.actor.userId, 'User'],
    ]);
    expect(log[0]!.detail).toMatchObject({ role: 'department_handler', invitationId: sent.invitationId });
    expect(log[2]!.detail).toEqual({ role: 'department_handler' });
    // Another unit's log does not hold them.
    expect(await withScope(db.app, { tenantId: street }, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.subjectId, person!.id)))).toEqual([]);
  });
});

describe('the account holder’s own reset by text-message code', () => {
  const anon = anonymousCaller();
  const latestCodeMessage = async (userId: string) => {
    const rows = await db.owner.select().from(outbox).where(and(eq(outbox.userId, userId), eq(outbox.kind, 'password_reset_code')));
    const last = rows.sort((a, b) => +b.createdAt - +a.createdAt)[0];
    return last ? cipher.decrypt(last.body.slice('sealed:'.length)).match(/\d{6}/)![0] : null;
  };

  it('sends a 6-digit code by SMS (sealed in the outbox, hashed in its table); the code sets a new password once', async () => {
    const t0 = new Date('2026-11-29T10:00:00Z');
    const [staff] = await db.owner.select().from(users).where(eq(users.mobile, '13800000006'));
    await auth((tx) => requestPasswordResetCode(tx, anon, { mobile: '138 0000 0006', cipher }, t0));
    const code = await latestCodeMessage(staff!.id);
    expect(code).toMatch(/^\d{6}$/);
    const [message] = await db.owner.select().from(outbox).where(and(eq(outbox.userId, staff!.id), eq(outbox.kind, 'password_reset_code')));
    expect(message).toMatchObject({ channel: 'sms', recipient: '13800000006' });
    expect(message!.body).not.toContain(code!);
    // Forced RLS: even the owner sees codes only in the authentication scope.
    expect(await db.owner.select().from(passwordResetCodes)).toEqual([]);
    const [stored] = await auth((tx) => tx.select().from(passwordResetCodes).where(eq(passwordResetCodes.mobile, '13800000006')));
    expect(stored!.codeHash).not.toContain(code!);
    const input = { mobile: '13800000006', code: code!, password: 'Fresh#2026pw', confirm: 'Fresh#2026pw' };
    expect(await auth((tx) => resetPasswordWithCode(tx, anon, input, new Date(t0.getTime() + 60_000)))).toMatchObject({ ok: true, userId: staff!.id });
    await auth((tx) => signIn(tx, anonymousCaller(), { identifier: '13800000006', password: 'Fresh#2026pw', ip: null, userAgent: null }));
    // Spent: the same code again is refused.
    expect(await auth((tx) => resetPasswordWithCode(tx, anon, input, new Date(t0.getTime() + 90_000)))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an unknown code, an expired code, and the sixth try after five wrong ones (counted even though refused)', async () => {
    const t0 = new Date('2026-11-29T11:00:00Z');
    const [staff] = await db.owner.select().from(users).where(eq(users.mobile, '13800000007'));
    const reset = (code: string, at: Date) => auth((tx) => resetPasswordWithCode(tx, anon, { mobile: '13800000007', code, password: 'Other#2026pw', confirm: 'Other#2026pw' }, at));
    // No code asked for yet.
    expect(await reset('123456', t0)).toEqual({ ok: false, reason: 'invalid' });
    await auth((tx) => requestPasswordResetCode(tx, anon, { mobile: '13800000007', cipher }, t0));
    const code = (await latestCodeMessage(staff!.id))!;
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await reset(code, new Date(t0.getTime() + 11 * 60_000))).toEqual({ ok: false, reason: 'expired' });
    // A new code (a minute later is allowed): five wrong tries end it, the right one then fails too.
    const t1 = new Date(t0.getTime() + 12 * 60_000);
    await auth((tx) => requestPasswordResetCode(tx, anon, { mobile: '13800000007', cipher }, t1));
    const code2 = (await latestCodeMessage(staff!.id))!;
    const wrong2 = code2 === '000000' ? '000001' : '000000';
    for (let i = 1; i <= 4; i++) expect(await reset(wrong2, t1)).toEqual({ ok: false, reason: 'invalid' });
    expect(await reset(wrong2, t1)).toEqual({ ok: false, reason: 'tooManyAttempts' });
    expect((await reset(code2, t1)).ok).toBe(false);
    expect(wrong).not.toBe(code);
    // Asking again within the minute is refused, the same for any mobile.
    expect(await refusal(auth((tx) => requestPasswordResetCode(tx, anon, { mobile: '13800000007', cipher }, new Date(t1.getTime() + 10_000))))).toBe('resetCode.tooSoon');
  });

  it('a mobile without an account gets the same answer, a code row and no message; guesses there are counted alike', async () => {
    const t0 = new Date('2026-11-29T12:00:00Z');
    const before = await db.owner.select().from(outbox).where(eq(outbox.kind, 'password_reset_code'));
    const known = await auth((tx) => requestPasswordResetCode(tx, anon, { mobile: '13800000002', cipher }, t0));
    const unknown = await auth((tx) => requestPasswordResetCode(tx, anon, { mobile: '13911112222', cipher }, t0));
    expect(Object.keys(unknown)).toEqual(Object.keys(known));
    const after = await db.owner.select().from(outbox).where(eq(outbox.kind, 'password_reset_code'));
    expect(after.length - before.length).toBe(1);
    expect(await auth((tx) => tx.select().from(passwordResetCodes).where(eq(passwordResetCodes.mobile, '13911112222')))).toHaveLength(1);
    const guess = () => auth((tx) => resetPasswordWithCode(tx, anon, { mobile: '13911112222', code: '123456', password: 'Other#2026pw', confirm: 'Other#2026pw' }, t0));
    for (let i = 1; i <= 4; i++) expect(await guess()).toEqual({ ok: false, reason: 'invalid' });
    expect(await guess()).toEqual({ ok: false, reason: 'tooManyAttempts' });
    // Codes are out of reach of every scope but authentication.
    expect(await withScope(db.app, { userId: known.mobile ? (await db.owner.select().from(users).where(eq(users.mobile, '13800000002')))[0]!.id : null }, (tx) => tx.select().from(passwordResetCodes))).toEqual([]);
    // Six an hour is one too many (one a minute).
    for (let i = 1; i <= 4; i++) await auth((tx) => requestPasswordResetCode(tx, anon, { mobile: '13911112222', cipher }, new Date(t0.getTime() + i * 61_000)));
    expect(await refusal(auth((tx) => requestPasswordResetCode(tx, anon, { mobile: '13911112222', cipher }, new Date(t0.getTime() + 5 * 61_000))))).toBe('resetCode.tooMany');
  });
});
