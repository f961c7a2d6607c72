import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { buildings, type Db, grids, orgUnits, partyMembers, partyOrgs, residents, residentTagLinks, residentTags, SYSTEM_SCOPES, withSystem, withTenant } from '@shequ/db';
import { seededRandom } from './seeded-random.ts';

const WORK_UNITS = ['观山湖区人民医院', '贵阳市第十中学', '观山湖区税务局', '贵州银行金阳支行', '中铁五局集团', '观山湖区城市管理局', '贵州电网观山湖供电局', '金阳街道卫生服务中心'];

/**
 * 金元社区's party organisation (issue 16): one 党总支, a 党支部 for each two grids ("by area"), a 网格党小组 on each grid,
 * and the register's people tagged 党员 as members of their building's grid group (about a third 在职党员 who report
 * here, with their work unit; most of them already reported). Only when the community has no party organisation yet,
 * so seeding twice adds nothing; after seedDemoResidents (the members come from the register).
 */
export async function seedDemoParty(db: Db, options: { now?: Date } = {}) {
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const [jinyuan] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed party', (tx) => tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  if (!jinyuan) return { orgs: 0, members: 0 };
  const tenantId = jinyuan.id;
  return withTenant(db, tenantId, async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(partyOrgs).where(eq(partyOrgs.tenantId, tenantId));
    if (existing!.n > 0) return { orgs: 0, members: 0 };
    const gridRows = await tx.select({ id: grids.id, name: grids.name }).from(grids).where(eq(grids.tenantId, tenantId)).orderBy(asc(grids.name));
    const [root] = await tx.insert(partyOrgs).values({ tenantId, kind: 'general_branch', name: '金元社区党总支' }).returning({ id: partyOrgs.id });
    const branchNames = ['第一党支部', '第二党支部', '第三党支部'];
    const branches: string[] = [];
    for (let i = 0; i < Math.max(1, Math.ceil(gridRows.length / 2)); i++) {
      const [b] = await tx.insert(partyOrgs).values({ tenantId, kind: 'branch', name: branchNames[i] ?? `第${i + 1}党支部`, parentId: root!.id, sortOrder: i }).returning({ id: partyOrgs.id });
      branches.push(b!.id);
    }
    const groupOfGrid = new Map<string, string>();
    for (const [i, g] of gridRows.entries()) {
      const [group] = await tx.insert(partyOrgs).values({ tenantId, kind: 'grid_group', name: `${g.name}党小组`, parentId: branches[Math.floor(i / 2)]!, gridId: g.id, sortOrder: i }).returning({ id: partyOrgs.id });
      groupOfGrid.set(g.id, group!.id);
    }
    const [tag] = await tx.select({ id: residentTags.id }).from(residentTags).where(and(eq(residentTags.tenantId, tenantId), eq(residentTags.name, '党员')));
    if (!tag) return { orgs: 1 + branches.length + gridRows.length, members: 0 };
    const people = await tx
      .select({ id: residents.id, gridId: buildings.gridId })
      .from(residentTagLinks)
      .innerJoin(residents, and(eq(residents.tenantId, residentTagLinks.tenantId), eq(residents.id, residentTagLinks.residentId)))
      .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
      .where(and(eq(residentTagLinks.tenantId, tenantId), eq(residentTagLinks.tagId, tag.id), inArray(residents.status, ['active'])))
      .orderBy(asc(residents.createdAt));
    const random = seededRandom(35);
    const rows = people.map((p, i) => {
      const reporting = random() < 0.35;
      const reportedDaysAgo = Math.floor(random() * 400);
      const reportedOn = new Date(Date.parse(today) - reportedDaysAgo * 86_400_000).toISOString().slice(0, 10);
      return {
        tenantId,
        residentId: p.id,
        orgId: (p.gridId && groupOfGrid.get(p.gridId)) || branches[i % branches.length]!,
        kind: reporting ? ('reporting' as const) : ('local' as const),
        workUnit: reporting ? WORK_UNITS[Math.floor(random() * WORK_UNITS.length)]! : null,
        reportedOn: reporting && random() < 0.8 ? reportedOn : null,
        duty: i < gridRows.length ? '党小组长' : null,
      };
    });
    if (rows.length) await tx.insert(partyMembers).values(rows);
    return { orgs: 1 + branches.length + gridRows.length, members: rows.length };
  });
}
