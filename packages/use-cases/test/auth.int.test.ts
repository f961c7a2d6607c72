import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createDb, type Db, memberships, orgUnits, sessions, SYSTEM_SCOPES, userPasswords, users, withScope, withSystem, withTenant, categories } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { anonymousCaller, purgeExpiredSessions, resetPassword, resolveSession, signIn, signOut, switchWorkspace } from '../src/index.ts';
import { accountActorOf } from '../src/accounts/account-places.ts';
import { listWorkspaces } from '../src/auth/workspaces.ts';
import { issuePasswordReset } from '../src/auth/issue-password-reset.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/index.ts';
import { hashPassword } from '../src/security/index.ts';
import { refusal } from './support.ts';

// Seeded as the owner (as `pnpm db:seed` does); everything else runs as the runtime role, like web and worker.
let tdb: TestDatabase;
let owner: Db;
let app: Db;

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 4 });
  await seedDemo(owner);
});

afterAll(async () => {
  await owner?.close();
  await app?.close();
  await tdb?.drop();
});

const attempt = (identifier: string, password: string, now?: Date) =>
  withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => signIn(tx, anonymousCaller(), { identifier, password, ip: '127.0.0.1', userAgent: 'vitest' }, now));

describe('demo seed', () => {
  it('creates the district, three streets, six communities and one user per role, and does not duplicate', async () => {
    await seedDemo(owner);
    const units = await owner.select({ kind: orgUnits.kind, n: sql<number>`count(*)::int` }).from(orgUnits).groupBy(orgUnits.kind);
    expect(Object.fromEntries(units.map((u) => [u.kind, u.n]))).toEqual({ district: 1, street: 3, community: 6, department: 4 });
    const [jinyuan] = await owner.select().from(orgUnits).where(eq(orgUnits.slug, 'jinyuan'));
    expect(jinyuan).toMatchObject({ name: '金元社区', profile: { areaKm2: 0.95, residents: 11000 } });
    expect(jinyuan!.profile.partnerUnits).toBeGreaterThanOrEqual(200);
    const roles = await owner.selectDistinct({ role: memberships.role }).from(memberships);
    expect(roles).toHaveLength(8);
    const [{ n }] = (await withTenant(app, jinyuan!.id, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(categories))) as [{ n: number }];
    expect(n).toBe(8);
  });
});

describe('signing in', () => {
  it('accepts a mobile number or an email with the right password and opens a session', async () => {
    const byMobile = await attempt('138 0000 0004', DEMO_PASSWORD);
    const byEmail = await attempt('ADMIN@demo.shequ.cn', DEMO_PASSWORD);
    expect(byMobile.userId).toBe(byEmail.userId);
    expect(byMobile.token).not.toBe(byEmail.token);
    const session = await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resolveSession(tx, anonymousCaller(), { token: byMobile.token }));
    expect(session?.user.displayName).toBe('张丽');
    expect(session?.active?.role).toBe('community_admin');
    // The table stores only the token's hash.
    const stored = await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => tx.select({ id: sessions.id }).from(sessions));
    expect(stored.map((s) => s.id)).not.toContain(byMobile.token);
  });

  it('refuses a wrong password, an unknown account and garbage with the same answer', async () => {
    expect(await refusal(attempt('13800000004', 'wrong'))).toBe('auth.invalidCredentials');
    expect(await refusal(attempt('13999999999', DEMO_PASSWORD))).toBe('auth.invalidCredentials');
    expect(await refusal(attempt("' or 1=1 --", DEMO_PASSWORD))).toBe('auth.invalidCredentials');
  });

  it('refuses a disabled account and one with no membership', async () => {
    const [lonely] = await owner.insert(users).values({ displayName: '无岗位', mobile: '13700000001' }).returning({ id: users.id });
    await owner.insert(userPasswords).values({ userId: lonely!.id, hash: await hashPassword(DEMO_PASSWORD) });
    expect(await refusal(attempt('13700000001', DEMO_PASSWORD))).toBe('auth.noMembership');
    await owner.update(users).set({ disabledAt: new Date() }).where(eq(users.mobile, '13800000007'));
    expect(await refusal(attempt('13800000007', DEMO_PASSWORD))).toBe('auth.disabled');
    await owner.update(users).set({ disabledAt: null }).where(eq(users.mobile, '13800000007'));
  });

  it('expired and signed-out sessions resolve to nobody', async () => {
    const old = await attempt('13800000006', DEMO_PASSWORD, new Date(Date.now() - 31 * 24 * 3600 * 1000));
    expect(await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resolveSession(tx, anonymousCaller(), { token: old.token }))).toBeNull();
    const fresh = await attempt('13800000006', DEMO_PASSWORD);
    await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => signOut(tx, anonymousCaller(), { token: fresh.token }));
    expect(await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resolveSession(tx, anonymousCaller(), { token: fresh.token }))).toBeNull();
    expect(await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resolveSession(tx, anonymousCaller(), { token: 'x'.repeat(500) }))).toBeNull();
    const purged = await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => purgeExpiredSessions(tx, anonymousCaller()));
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
  });
});

describe('workspaces', () => {
  it('a user with two memberships starts with none chosen and can pick only their own', async () => {
    const result = await attempt('13800000005', DEMO_PASSWORD);
    expect(result.workspaceCount).toBe(2);
    const session = (await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resolveSession(tx, anonymousCaller(), { token: result.token })))!;
    expect(session.active).toBeNull();
    expect(session.workspaces.map((w) => w.orgUnitName).sort()).toEqual(['碧海社区', '金元社区']);

    const [foreign] = await owner.select({ id: memberships.id }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(users.mobile, '13800000004'));
    expect(await refusal(withScope(app, { userId: session.user.id }, (tx) => switchWorkspace(tx, session, { membershipId: foreign!.id })))).toBe('auth.notYourWorkspace');

    const bihai = session.workspaces.find((w) => w.orgUnitName === '碧海社区')!;
    await withScope(app, { userId: session.user.id }, (tx) => switchWorkspace(tx, session, { membershipId: bihai.membershipId }));
    const after = (await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resolveSession(tx, anonymousCaller(), { token: result.token })))!;
    expect(after.active).toMatchObject({ tenantId: bihai.tenantId, role: 'community_staff' });
    expect(after.active!.streetId).not.toBeNull();
    expect(after.active!.districtId).not.toBeNull();
  });
});

/** The account-rule actor of a demo user acting from their first workspace. */
async function actorOf(mobile: string) {
  const [user] = await owner.select().from(users).where(eq(users.mobile, mobile));
  const [ws] = await withScope(app, { userId: user!.id }, (tx) => listWorkspaces(tx, user!.id));
  return accountActorOf(user!.id, ws!);
}

/** What the admin's transaction declares in the app (their community, or their unit, and themselves). */
const scopeOfAccountActor = (a: Awaited<ReturnType<typeof actorOf>>) =>
  a.role.startsWith('community') || a.role === 'grid_worker' ? { tenantId: a.orgUnitId, userId: a.userId } : a.orgUnitId ? { unitIds: [a.orgUnitId], userId: a.userId } : { userId: a.userId };

describe('password reset by an admin-issued link', () => {
  it('is refused for a staff member who also works in another community, and allowed to an operator (issue 13)', async () => {
    // 陈晓 (13800000005) is staff in 金元社区 and 碧海社区; 张丽 (13800000004) administers only 金元社区.
    const [staff] = await owner.select().from(users).where(eq(users.mobile, '13800000005'));
    expect(await refusal(actorOf('13800000004').then((a) => withScope(app, scopeOfAccountActor(a), (tx) => issuePasswordReset(tx, a, staff!.id))))).toBe('account.outOfReach');
    expect(await refusal(actorOf('13800000006').then((a) => withScope(app, scopeOfAccountActor(a), (tx) => issuePasswordReset(tx, a, staff!.id))))).toBe('account.notAnAdmin');
    const { token } = await actorOf('13800000000').then((a) => withScope(app, scopeOfAccountActor(a), (tx) => issuePasswordReset(tx, a, staff!.id)));
    expect(token).toBeTruthy();
  });

  it('works once, sets the new password and signs the user out everywhere', async () => {
    const [grid] = await owner.select().from(users).where(eq(users.mobile, '13800000006'));
    const before = await attempt('13800000006', DEMO_PASSWORD);
    const { token } = await actorOf('13800000004').then((a) => withScope(app, scopeOfAccountActor(a), (tx) => issuePasswordReset(tx, a, grid!.id)));

    expect(await refusal(withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resetPassword(tx, anonymousCaller(), { token, password: 'short' })))).toBe('password.too_short');
    await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resetPassword(tx, anonymousCaller(), { token, password: 'NewPass#2026' }));
    expect(await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resolveSession(tx, anonymousCaller(), { token: before.token }))).toBeNull();
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resetPassword(tx, anonymousCaller(), { token, password: 'Another#2026' })))).toBe('auth.linkInvalid');
    expect(await refusal(attempt('13800000006', DEMO_PASSWORD))).toBe('auth.invalidCredentials');
    expect((await attempt('13800000006', 'NewPass#2026')).userId).toBe(grid!.id);
  });

  it('an expired link is refused', async () => {
    const [staff] = await owner.select().from(users).where(eq(users.mobile, '13800000005'));
    const { token } = await actorOf('13800000000').then((a) => withScope(app, scopeOfAccountActor(a), (tx) => issuePasswordReset(tx, a, staff!.id, new Date(Date.now() - 2 * 24 * 3600 * 1000))));
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => resetPassword(tx, anonymousCaller(), { token, password: 'NewPass#2026' })))).toBe('auth.linkInvalid');
  });
});
