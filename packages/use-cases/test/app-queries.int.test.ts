import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { onboardingImports, withScope, withTenant, withSystem, SYSTEM_SCOPES } from '@shequ/db';
import { type Actor, defineAbilityFor } from '@shequ/permissions';
import {
  actorScope,
  anonymousCaller,
  checkOnboardingFile,
  countUsers,
  findCommunityBySlug,
  getCommunityOverview,
  listCommunityChoices,
  listGrids,
  listOfficerCommunities,
  listOnboardableStreets,
  listOnboardingImports,
  listOrgUnits,
  operatorMaintenance,
  startOnboardingImport,
} from '../src/index.ts';
import { onboardingCsv, sampleOnboardingRows } from '../src/testing/index.ts';
import { refusal, seededDatabase } from './support.ts';

// The queries and the one state change that lived in the web app's routes until issue 12, now use cases.
const seeded = seededDatabase();
const callerFor = async (mobile: string) => {
  const actor: Actor = await seeded.actorFor(mobile);
  return { actor, ability: defineAbilityFor(actor) };
};

describe('the pages’ queries as use cases', () => {
  it('a community’s front page counts only community staff roles, and its pickers list its own rows', async () => {
    const admin = await callerFor('13800000004');
    const communityId = admin.actor.workspace.tenantId!;
    const overview = await withTenant(seeded.app, communityId, (tx) => getCommunityOverview(tx, admin, { communityId }));
    // Demo community: an admin, a staff member, a grid worker and a volunteer leader (the officers above it are not
    // its staff).
    expect(overview.stats.staff).toBe(4);
    expect(overview.stats.grids).toBeGreaterThan(0);
    const choices = await withTenant(seeded.app, communityId, (tx) => listCommunityChoices(tx, admin, { communityId }));
    expect(choices.categories.length).toBe(overview.stats.categories + choices.categories.filter((c) => !c.active).length);
    expect(choices.grids).toHaveLength(overview.stats.grids);
    const grids = await withTenant(seeded.app, communityId, (tx) => listGrids(tx, admin, { communityId }));
    expect(grids.canManage).toBe(true);
    expect(grids.gridWorkers.map((w) => w.name)).toEqual(['刘伟']);
    expect(grids.members.map((m) => m.name).sort()).toEqual(['刘伟', '周敏', '张丽', '陈晓'].sort());
    // A grid worker reads the grids but may not change them; a street officer may not read the front page.
    const worker = await callerFor('13800000006');
    expect((await withTenant(seeded.app, communityId, (tx) => listGrids(tx, worker, { communityId }))).canManage).toBe(false);
    const other = await callerFor('13800000000');
    expect(await refusal(withTenant(seeded.app, communityId, (tx) => getCommunityOverview(tx, { ...other, ability: defineAbilityFor(null) }, { communityId })))).toBe('forbidden');
  });

  it('residents find a community by its slug; officers see the communities below them; operators the whole tree', async () => {
    const operator = await callerFor('13800000000');
    const admin = await callerFor('13800000004');
    const street = await callerFor('13800000002');
    const communities = await withScope(seeded.app, {}, (tx) => listOrgUnits(tx, operator, { kind: 'community' }));
    expect(communities.map((c) => c.id)).toContain(admin.actor.workspace.tenantId);
    expect(communities.every((c) => c.kind === 'community')).toBe(true);
    const below = await withScope(seeded.app, {}, (tx) => listOfficerCommunities(tx, street));
    expect(below.map((c) => c.id)).toContain(admin.actor.workspace.tenantId);
    expect(await withScope(seeded.app, {}, (tx) => listOfficerCommunities(tx, admin))).toEqual([]);
    expect(await withScope(seeded.app, {}, (tx) => findCommunityBySlug(tx, anonymousCaller(), { slug: 'no-such-community' }))).toBeNull();
    const withSlug = await seeded.owner.query.orgUnits.findFirst({ where: (u, { eq: is }) => is(u.id, admin.actor.workspace.tenantId!) });
    expect(await withScope(seeded.app, {}, (tx) => findCommunityBySlug(tx, anonymousCaller(), { slug: withSlug!.slug! }))).toMatchObject({ id: withSlug!.id, status: 'active' });
    expect(await refusal(withSystem(seeded.app, SYSTEM_SCOPES.maintenance, 'test', (tx) => countUsers(tx, admin)))).toBe('forbidden');
    expect(await refusal(withScope(seeded.app, {}, (tx) => listOrgUnits(tx, street)))).toBe('forbidden');
    expect(await withSystem(seeded.app, SYSTEM_SCOPES.maintenance, 'test', (tx) => countUsers(tx, operator))).toBeGreaterThanOrEqual(8);
  });

  it('a district officer may onboard into their own district’s streets only; an operator into every street', async () => {
    const operator = await callerFor('13800000000');
    const district = await callerFor('13800000001');
    const all = await withScope(seeded.app, {}, (tx) => listOnboardableStreets(tx, operator));
    const own = await withScope(seeded.app, {}, (tx) => listOnboardableStreets(tx, district));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((s) => s.districtId === district.actor.workspace.orgUnitId)).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(own.length);
    const admin = await callerFor('13800000004');
    expect(await withScope(seeded.app, {}, (tx) => listOnboardableStreets(tx, admin))).toEqual([]);
  });

  it('starting an import queues it once; when the queue is down it goes back to checked and says so', async () => {
    const operator = await callerFor('13800000000');
    const district = await callerFor('13800000001');
    const file = new TextEncoder().encode(onboardingCsv(sampleOnboardingRows(3, 700, '丙').rows));
    const dry = await withScope(seeded.app, actorScope(operator.actor), (tx) => checkOnboardingFile(tx, operator, { name: '丙.csv', bytes: file }));
    const status = async () => (await withScope(seeded.app, operatorMaintenance(operator.actor, 'test'), (tx) => tx.select({ s: onboardingImports.status }).from(onboardingImports).where(eq(onboardingImports.id, dry.importId))))[0]!.s;

    const down = () => Promise.reject(new Error('redis down'));
    expect(await refusal(startOnboardingImport(seeded.app, operator, { importId: dry.importId, enqueue: down }))).toBe('bulkImport.queueDown');
    expect(await status()).toBe('checked');

    const asked: string[] = [];
    const enqueue = async (p: { importId: string }) => void asked.push(p.importId);
    expect(await startOnboardingImport(seeded.app, operator, { importId: dry.importId, enqueue })).toEqual({ queued: true });
    expect(await startOnboardingImport(seeded.app, operator, { importId: dry.importId, enqueue })).toEqual({ queued: false });
    expect(asked).toEqual([dry.importId]);
    expect(await status()).toBe('queued');
    // Another officer's import is not theirs to see or start.
    expect(await refusal(startOnboardingImport(seeded.app, district, { importId: dry.importId, enqueue }))).toBe('bulkImport.notFound');
    // As the routes read them: an operator in the maintenance scope, an officer in their own.
    expect((await withScope(seeded.app, operatorMaintenance(operator.actor, 'test'), (tx) => listOnboardingImports(tx, operator))).map((i) => i.id)).toContain(dry.importId);
    expect((await withScope(seeded.app, actorScope(district.actor), (tx) => listOnboardingImports(tx, district))).map((i) => i.id)).not.toContain(dry.importId);
  });
});
