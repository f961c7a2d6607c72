import { and, eq } from 'drizzle-orm';
import type { OrgKind, Role } from '@shequ/domain';
import { buildings, grids, memberships, orgUnits, SYSTEM_SCOPES, userPasswords, users, withSystem, withTenant, type CommunityProfile, type Db, type Tx } from '@shequ/db';
import { hashPassword } from '../security/password.ts';
import { createOrgUnit } from '../org/create-org-unit.ts';
import demoUsers from './demo-users.json' with { type: 'json' };
import { provisionCommunity } from '../org/provision-community.ts';
import { ensureQrCodes } from '../qr/ensure-qr-codes.ts';

/** Demo data: 贵阳市观山湖区 with three streets and six communities. Printed by the start script; never use in production. */
export const DEMO_PASSWORD = demoUsers.password;

type UnitSeed = { kind: OrgKind; name: string; code: string; slug?: string; profile?: CommunityProfile; children?: UnitSeed[] };

export const DEMO_HIERARCHY: UnitSeed = {
  kind: 'district',
  name: '观山湖区',
  code: '520115000000',
  children: [
    { kind: 'department', name: '区住房和城乡建设局', code: '520115900001' },
    { kind: 'department', name: '区民政局', code: '520115900002' },
    { kind: 'department', name: '区城市管理局', code: '520115900003' },
    {
      kind: 'street',
      name: '金源街道',
      code: '520115001000',
      children: [
        { kind: 'community', name: '金元社区', code: '520115001001', slug: 'jinyuan', profile: { areaKm2: 0.95, residents: 11000, partnerUnits: 206 } },
        { kind: 'community', name: '碧海社区', code: '520115001002', slug: 'bihai', profile: { areaKm2: 1.2, residents: 9800, partnerUnits: 120 } },
        { kind: 'department', name: '金源街道综合行政执法大队', code: '520115001901' },
      ],
    },
    {
      kind: 'street',
      name: '世纪城街道',
      code: '520115002000',
      children: [
        { kind: 'community', name: '世纪城社区', code: '520115002001', slug: 'shijicheng', profile: { areaKm2: 1.6, residents: 15200, partnerUnits: 150 } },
        { kind: 'community', name: '会展社区', code: '520115002002', slug: 'huizhan', profile: { areaKm2: 2.1, residents: 8600, partnerUnits: 90 } },
      ],
    },
    {
      kind: 'street',
      name: '长岭街道',
      code: '520115003000',
      children: [
        { kind: 'community', name: '长岭社区', code: '520115003001', slug: 'changling', profile: { areaKm2: 1.4, residents: 10300, partnerUnits: 110 } },
        { kind: 'community', name: '观山社区', code: '520115003002', slug: 'guanshan', profile: { areaKm2: 0.8, residents: 7400, partnerUnits: 80 } },
      ],
    },
  ],
};

export type DemoUser = { displayName: string; mobile: string; email: string; memberships: { role: Role; unitCode: string | null }[] };

export const DEMO_USERS = demoUsers.users as DemoUser[];

async function ensureUnit(tx: Tx, seed: UnitSeed, parentId: string | null): Promise<string> {
  const [existing] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, seed.code)).limit(1);
  if (existing) return existing.id;
  const row = await createOrgUnit(tx, { kind: seed.kind, parentId, name: seed.name, adminCode: seed.code, slug: seed.slug ?? null, profile: seed.profile });
  return row.id;
}

async function seedUnits(tx: Tx, seed: UnitSeed, parentId: string | null, out: Map<string, { id: string; kind: OrgKind }>) {
  const id = await ensureUnit(tx, seed, parentId);
  out.set(seed.code, { id, kind: seed.kind });
  for (const child of seed.children ?? []) await seedUnits(tx, child, id, out);
}

/** Creates or completes the demo data. Running it twice changes nothing the second time. */
export async function seedDemo(db: Db) {
  const units = new Map<string, { id: string; kind: OrgKind }>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();

  await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed', async (tx) => {
    await seedUnits(tx, DEMO_HIERARCHY, null, units);
    for (const u of DEMO_USERS) {
      await tx.insert(users).values({ displayName: u.displayName, mobile: u.mobile, email: u.email }).onConflictDoNothing();
      const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.mobile, u.mobile));
      // Maintenance writes a password but cannot read one back (user_passwords): an existing one is kept.
      await tx.insert(userPasswords).values({ userId: row!.id, hash: passwordHash }).onConflictDoNothing();
      userIds.set(u.mobile, row!.id);
      for (const m of u.memberships) {
        const orgUnitId = m.unitCode ? units.get(m.unitCode)!.id : null;
        await tx.insert(memberships).values({ userId: row!.id, role: m.role, orgUnitId }).onConflictDoNothing();
      }
    }
  });

  const communities = [...units.values()].filter((u) => u.kind === 'community');
  for (const c of communities) await withTenant(db, c.id, (tx) => provisionCommunity(tx, c.id));

  // 金元社区: four grids of three buildings each, the first grid worked by the demo grid worker.
  const jinyuan = units.get('520115001001')!.id;
  const gridWorkerId = userIds.get('13800000006')!;
  await withTenant(db, jinyuan, async (tx) => {
    const gridNames = ['第一网格', '第二网格', '第三网格', '第四网格'];
    for (const [g, name] of gridNames.entries()) {
      const values = { code: `520115001001${String(g + 1).padStart(3, '0')}`, gridWorkerId: g === 0 ? gridWorkerId : null };
      // The first grid already exists (every community is provisioned with one): complete it rather than skip it.
      await tx
        .insert(grids)
        .values({ tenantId: jinyuan, name, ...values })
        .onConflictDoUpdate({ target: [grids.tenantId, grids.name], set: values });
      const [grid] = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.tenantId, jinyuan), eq(grids.name, name)));
      for (let b = 1; b <= 3; b++) {
        await tx.insert(buildings).values({ tenantId: jinyuan, gridId: grid!.id, name: `${g * 3 + b}栋` }).onConflictDoNothing();
      }
    }
    await ensureQrCodes(tx, jinyuan);
  });

  return { units: units.size, users: DEMO_USERS.length, communities: communities.length };
}
