import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { auditEvents, buildings, categories, createDb, type Db, grids, memberships, orgUnitMoves, orgUnits, qrCodes, users, SYSTEM_SCOPES, withScope, withSystem, withTenant } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { type Actor, defineAbilityFor } from '@shequ/permissions';
import { acceptInvitation, anonymousCaller, onboardingScope, addOrgUnit, createBuildings, moveCommunity, renameOrgUnit, retireOrgUnit, tenantUsage, onboardCommunity, peekInvitation, signIn } from '../src/index.ts';
import { listWorkspaces } from '../src/auth/workspaces.ts';
import { streetAt } from '../src/org/street-at.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/index.ts';
import { refusal } from './support.ts';

let tdb: TestDatabase;
let owner: Db;
let app: Db;
let streetId: string;

async function actorFor(mobile: string): Promise<Actor> {
  const [u] = await owner.select().from(users).where(eq(users.mobile, mobile));
  const [ws] = await withScope(app, { userId: u!.id }, (tx) => listWorkspaces(tx, u!.id));
  return { userId: u!.id, displayName: u!.displayName, workspace: ws! };
}


const onboard = (actor: Actor, over: Partial<Parameters<typeof onboardCommunity>[2]> = {}) =>
  withScope(app, onboardingScope(actor), (tx) =>
    onboardCommunity(tx, { actor, ability: defineAbilityFor(actor) }, { streetId, name: '新社区', slug: 'xin-shequ', adminCode: '520115001009', adminName: '新书记', adminMobile: '13300000001', ...over }),
  );

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 4 });
  await seedDemo(owner);
  [{ id: streetId }] = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001000'))) as [{ id: string }];
});

afterAll(async () => {
  await owner?.close();
  await app?.close();
  await tdb?.drop();
});

describe('onboarding a community', () => {
  it('provisions the tenant in one go and the invitation lets the admin in', async () => {
    const operator = await actorFor('13800000000');
    const result = await onboard(operator);
    expect(result.existingAccount).toBe(false);
    await withTenant(app, result.communityId, async (tx) => {
      expect((await tx.select({ n: count() }).from(categories))[0]!.n).toBe(8);
      expect((await tx.select({ n: count() }).from(grids))[0]!.n).toBe(1);
      expect((await tx.select({ n: count() }).from(qrCodes))[0]!.n).toBe(1);
      expect((await tx.select().from(auditEvents).where(eq(auditEvents.action, 'community_onboarded'))).length).toBe(1);
    });
    const peeked = await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => peekInvitation(tx, anonymousCaller(), { token: result.invitationToken }));
    expect(peeked).toMatchObject({ hasPassword: false });
    // Whoever holds the link learns nothing about the account (issue 13: the page greeted it by its real name).
    expect(JSON.stringify(peeked)).not.toContain('新书记');
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: result.invitationToken, password: 'short' })))).toBe('password.too_short');
    await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: result.invitationToken, password: 'Welcome#2026' }));
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: result.invitationToken, password: 'Welcome#2026' })))).toBe('invite.linkInvalid');
    const session = await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => signIn(tx, anonymousCaller(), { identifier: '13300000001', password: 'Welcome#2026', ip: null, userAgent: null }));
    expect(session.workspaceCount).toBe(1);
  });

  it.each([
    ['a taken slug', { slug: 'jinyuan', adminCode: null }, 'onboarding.slug.taken'],
    ['a malformed slug', { slug: 'Bad Slug!' }, 'onboarding.slug.invalid'],
    ['a taken code', { slug: 'another-one', adminCode: '520115001001' }, 'onboarding.code.taken'],
    ['a code outside the street', { slug: 'another-one', adminCode: '520115002009' }, 'onboarding.code.invalid'],
    ['a bad mobile', { slug: 'another-one', adminCode: null, adminMobile: '12345' }, 'onboarding.adminMobile.invalid'],
    ['a street id that is not an id', { slug: 'another-one', adminCode: null, streetId: "1'; drop table org_units; --" }, 'onboarding.street.invalid'],
    ['no contact at all', { slug: 'another-one', adminCode: null, adminMobile: null, adminEmail: null }, 'onboarding.adminMobile.required'],
  ])('refuses %s and leaves nothing behind', async (_label, over, code) => {
    const operator = await actorFor('13800000000');
    const [before] = await owner.select({ n: count() }).from(orgUnits);
    const [usersBefore] = await owner.select({ n: count() }).from(users);
    expect(await refusal(onboard(operator, { name: `社区${code}`, adminMobile: '13300000099', ...over } as never))).toBe(code);
    expect((await owner.select({ n: count() }).from(orgUnits))[0]!.n).toBe(before!.n);
    expect((await owner.select({ n: count() }).from(users))[0]!.n).toBe(usersBefore!.n);
  });

  it('a district officer may onboard in their district but not in another', async () => {
    const officer = await actorFor('13800000001');
    await onboard(officer, { name: '区级代建社区', slug: 'qu-dai-jian', adminCode: null, adminMobile: '13300000002' });
    // Another district with a street, and its officer.
    const [d2] = await owner.insert(orgUnits).values({ kind: 'district', name: '另一个区', adminCode: '520199000000' }).returning();
    const [s2] = await owner.insert(orgUnits).values({ kind: 'street', name: '另一个街道', parentId: d2!.id, districtId: d2!.id, adminCode: '520199001000' }).returning();
    expect(await refusal(onboard(officer, { streetId: s2!.id, name: '越界社区', slug: 'yue-jie', adminCode: null, adminMobile: '13300000003' }))).toBe('forbidden');
    const street = await actorFor('13800000002');
    expect(await refusal(onboard(street, { name: '街道越权', slug: 'jie-dao', adminCode: null, adminMobile: '13300000004' }))).toBe('forbidden');
    const admin = await actorFor('13800000004');
    expect(await refusal(onboard(admin, { name: '社区越权', slug: 'she-qu', adminCode: null, adminMobile: '13300000005' }))).toBe('forbidden');
  });

  it('an existing account (even the operator’s) is only offered the role: it holds it once it accepts with its own password', async () => {
    const operator = await actorFor('13800000000');
    const district = await actorFor('13800000001');
    const result = await onboard(district, { name: '兼任社区', slug: 'jian-ren', adminCode: null, adminName: '随便写的名字', adminMobile: '13800000000' });
    expect(result.existingAccount).toBe(true);
    const adminRoles = async () => owner.select().from(memberships).where(and(eq(memberships.userId, operator.userId), eq(memberships.role, 'community_admin')));
    // Issue 13: the role was added at once. Now nothing until the account's holder accepts.
    expect(await adminRoles()).toHaveLength(0);
    expect((await withScope(app, { userId: operator.userId }, (tx) => listWorkspaces(tx, operator.userId))).map((w) => w.role)).toEqual(['platform_operator']);
    const peeked = await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => peekInvitation(tx, anonymousCaller(), { token: result.invitationToken }));
    expect(peeked).toMatchObject({ hasPassword: true, offer: { role: 'community_admin', unitName: '兼任社区' } });
    expect(JSON.stringify(peeked)).not.toContain('林芳');
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: result.invitationToken, password: 'Hijack#2026' })))).toBe('invite.wrongPassword');
    expect(await adminRoles()).toHaveLength(0);
    await withSystem(app, SYSTEM_SCOPES.authentication, 'test', (tx) => acceptInvitation(tx, anonymousCaller(), { token: result.invitationToken, password: DEMO_PASSWORD }));
    expect(await adminRoles()).toHaveLength(1);
    const [u] = await owner.select().from(users).where(eq(users.id, operator.userId));
    expect(u!.displayName).toBe('林芳');
  });
});

describe('keeping the hierarchy', () => {
  it('an operator adds, renames and retires units; refusals name what is wrong; others may not', async () => {
    const operator = await actorFor('13800000000');
    const ability = defineAbilityFor(operator);
    const [district] = await owner.select().from(orgUnits).where(eq(orgUnits.adminCode, '520115000000'));
    const dept = await withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => addOrgUnit(tx, { actor: operator, ability }, { kind: 'department', parentId: district!.id, name: '区应急管理局' }));
    expect(dept).toMatchObject({ kind: 'department', districtId: district!.id });
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => addOrgUnit(tx, { actor: operator, ability }, { kind: 'department', parentId: district!.id, name: '区应急管理局' })))).toBe('org.name.taken');
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => addOrgUnit(tx, { actor: operator, ability }, { kind: 'street', parentId: null, name: '无主街道' })))).toBe('org.badParent');
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => addOrgUnit(tx, { actor: operator, ability }, { kind: 'street', parentId: district!.id, name: '重码街道', adminCode: '520115001000' })))).toBe('org.code.taken');
    await withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => renameOrgUnit(tx, { actor: operator, ability }, { id: dept!.id, name: '区应急局' }));
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => retireOrgUnit(tx, { actor: operator, ability }, { id: district!.id })))).toBe('org.hasChildren');
    // What a form may post that is not a unit: refused by the use cases, not by the page.
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => addOrgUnit(tx, { actor: operator, ability }, { kind: 'community', parentId: district!.id, name: '假社区' })))).toBe('org.badParent');
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => renameOrgUnit(tx, { actor: operator, ability }, { id: 'not-an-id', name: '某某' })))).toBe('org.notFound');
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => retireOrgUnit(tx, { actor: operator, ability }, { id: '' })))).toBe('org.notFound');
    const retired = await withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => retireOrgUnit(tx, { actor: operator, ability }, { id: dept!.id }));
    expect(retired).toMatchObject({ name: '区应急局', status: 'archived' });
    const officer = await actorFor('13800000001');
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => addOrgUnit(tx, { actor: officer, ability: defineAbilityFor(officer) }, { kind: 'department', parentId: district!.id, name: '越权局' })))).toBe('forbidden');
  });
});

describe('moving a community to another street', () => {
  it('keeps its history, asks for a code that fits the new street, and remembers where it was', async () => {
    const operator = await actorFor('13800000000');
    const ability = defineAbilityFor(operator);
    const unit = async (code: string) => (await owner.select().from(orgUnits).where(eq(orgUnits.adminCode, code)))[0]!;
    const guanshan = await unit('520115003002');
    const [street1, street2] = [await unit('520115001000'), await unit('520115002000')];
    const move = (over: Partial<Parameters<typeof moveCommunity>[2]>) =>
      withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => moveCommunity(tx, { actor: operator, ability }, { communityId: guanshan.id, streetId: street2.id, ...over }));
    expect(await refusal(move({}))).toBe('org.move.codeNeeded');
    expect(await refusal(move({ adminCode: '520115001077' }))).toBe('org.move.codeOutside');
    expect(await refusal(move({ adminCode: '520115002001' }))).toBe('org.code.taken');
    expect(await refusal(move({ streetId: guanshan.streetId! }))).toBe('org.move.same');
    expect(await refusal(move({ streetId: 'not-a-uuid' }))).toBe('org.move.street');
    expect(await refusal(move({ streetId: guanshan.id }))).toBe('org.move.street'); // a community is not a street
    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await move({ adminCode: '520115002088' });
    const moved = await unit('520115002088');
    expect(moved).toMatchObject({ id: guanshan.id, parentId: street2.id, streetId: street2.id, slug: 'guanshan' });
    expect(await withScope(app, {}, (tx) => streetAt(tx, guanshan.id, before))).toBe(guanshan.streetId);
    expect(await withScope(app, {}, (tx) => streetAt(tx, guanshan.id, new Date()))).toBe(street2.id);
    expect(await owner.select().from(orgUnitMoves).where(eq(orgUnitMoves.unitId, guanshan.id))).toHaveLength(1);
    await withTenant(app, guanshan.id, async (tx) => {
      expect(await tx.select().from(auditEvents).where(eq(auditEvents.action, 'community_moved'))).toHaveLength(1);
    });
    // Back again to its first street, then to street1 with a fitting code; a district officer may not move it.
    const officer = await actorFor('13800000001');
    expect(await refusal(withSystem(app, SYSTEM_SCOPES.maintenance, 'test', (tx) => moveCommunity(tx, { actor: officer, ability: defineAbilityFor(officer) }, { communityId: guanshan.id, streetId: street1.id, adminCode: '520115001066' })))).toBe('forbidden');
    await move({ streetId: street1.id, adminCode: '520115001066' });
    expect(await owner.select().from(orgUnitMoves).where(eq(orgUnitMoves.unitId, guanshan.id))).toHaveLength(2);
  });
});

describe('tenant usage', () => {
  it('gives operators per-community figures read tenant by tenant, and flags inactive communities', async () => {
    const operator = await actorFor('13800000000');
    const rows = await tenantUsage(app, { actor: operator, ability: defineAbilityFor(operator) }, {}, new Date(Date.now() + 40 * 24 * 3600 * 1000));
    const jinyuan = rows.find((r) => r.slug === 'jinyuan')!;
    expect(jinyuan.staff).toBeGreaterThanOrEqual(4);
    expect(jinyuan.inactive).toBe(true); // no case activity in the 30 days before "now + 40 days"
    const today = await tenantUsage(app, { actor: operator, ability: defineAbilityFor(operator) });
    expect(today.find((r) => r.slug === 'jinyuan')!.inactive).toBe(false); // seeded today
    const district = await actorFor('13800000001');
    expect(await refusal(tenantUsage(app, { actor: district, ability: defineAbilityFor(district) }))).toBe('forbidden');
  });
});

describe('buildings in one step (issue 15)', () => {
  it('an admin adds 1–12栋 at once; those that exist are skipped; each new one gets a QR code', async () => {
    const admin = await actorFor('13800000004');
    const ability = defineAbilityFor(admin);
    const tenantId = admin.workspace.tenantId!;
    const [grid] = await withTenant(app, tenantId, (tx) => tx.select({ id: grids.id }).from(grids).where(eq(grids.tenantId, tenantId)).limit(1));
    const before = await withTenant(app, tenantId, (tx) => tx.select({ name: buildings.name }).from(buildings));
    expect(before.map((b) => b.name)).toContain('1栋'); // the demo community has 1–12栋 already
    const result = await withTenant(app, tenantId, (tx) => createBuildings(tx, { actor: admin, ability }, { names: '10-14栋、综合楼，１５栋', gridId: grid!.id }));
    expect(result).toEqual({ created: ['13栋', '14栋', '综合楼', '15栋'], skipped: ['10栋', '11栋', '12栋'] });
    const qr = await withTenant(app, tenantId, (tx) =>
      tx.select({ name: buildings.name }).from(qrCodes).innerJoin(buildings, and(eq(buildings.tenantId, qrCodes.tenantId), eq(buildings.id, qrCodes.buildingId))).where(isNull(qrCodes.replacedAt)),
    );
    expect(qr.map((q) => q.name)).toEqual(expect.arrayContaining(['13栋', '14栋', '综合楼', '15栋']));
    expect(await refusal(withTenant(app, tenantId, (tx) => createBuildings(tx, { actor: admin, ability }, { names: '1-999栋', gridId: grid!.id })))).toBe('grid.buildingNames.tooMany');
    expect(await refusal(withTenant(app, tenantId, (tx) => createBuildings(tx, { actor: admin, ability }, { names: ' 、 ', gridId: grid!.id })))).toBe('grid.buildingNames.empty');
    const grid2 = await actorFor('13800000006');
    expect(await refusal(withTenant(app, tenantId, (tx) => createBuildings(tx, { actor: grid2, ability: defineAbilityFor(grid2) }, { names: '20栋', gridId: grid!.id })))).toBe('forbidden');
  });
});
