import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { parsePeriod } from '@shequ/domain';
import { categories, orgUnits, type Scope, withScope, withTenant, withSystem, SYSTEM_SCOPES } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, acceptCase, communityDashboard, compareCommunities, dashboardScope, moveCommunity, rateCase, refreshDirtyRollups, resolveCase, saveScoreWeights, submitCase } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/photo-storage.ts';
import { refusal, seededDatabase } from './support.ts';

const seeded = seededDatabase();
const cipher = createPersonalDataCipher('99'.repeat(32));
const ids: Record<string, string> = {};
const MARCH = parsePeriod('month', '2026-03')!;

beforeAll(async () => {
  const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-dash-'))) };
  for (const slug of ['jinyuan', 'bihai', 'shijicheng', 'guanshan']) ids[slug] = (await seeded.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug)))[0]!.id;
  // A few cases in March in three communities, from residents who left names and numbers.
  let day = 2;
  for (const [slug, n] of [['jinyuan', 4], ['bihai', 2], ['shijicheng', 3]] as const) {
    const tenantId = ids[slug]!;
    const [category] = await withTenant(seeded.owner, tenantId, (tx) => tx.select().from(categories).where(eq(categories.name, '环境卫生')));
    for (let i = 0; i < n; i++) {
      const at = new Date(`2026-03-${String(day++).padStart(2, '0')}T02:00:00Z`);
      const { id, trackingCode } = await submitCase(seeded.app, anonymousCaller(), { tenantId, categoryId: category!.id, content: `三月诉求${slug}${i}：楼道堆放杂物`, name: '王阿姨', mobile: '13912345678', consent: true, photos: [], channel: 'qr', deps }, at);
      if (slug === 'shijicheng') continue; // left waiting
      const admin = await seeded.actorFor(slug === 'jinyuan' ? '13800000004' : '13800000005', tenantId);
      const call = { tenantId, caseId: id };
      const caller = { actor: admin, ability: defineAbilityFor(admin) };
      await withTenant(seeded.app, tenantId, async (tx) => {
        await acceptCase(tx, caller, call, new Date(at.getTime() + 3600_000));
        await resolveCase(tx, caller, { ...call, resolution: '已清理' }, new Date(at.getTime() + 20 * 3600_000));
        await rateCase(tx, anonymousCaller(), { tenantId, code: trackingCode, rating: i === 0 ? 3 : 5 }, new Date(at.getTime() + 30 * 3600_000));
      });
    }
  }
  await refreshDirtyRollups(seeded.app, anonymousCaller(), { limit: 5000 });
});

/** The transaction scope a dashboard scope's owner declares: the community, or the street's or district's unit. */
const declared = (scope: unknown): Scope => {
  const { kind, unitId } = scope as { kind: string; unitId: string };
  return kind === 'community' ? { tenantId: unitId } : { unitIds: [unitId] };
};
const scopeOf = async (mobile: string, tenantId?: string) => {
  const actor = await seeded.actorFor(mobile, tenantId);
  return withScope(seeded.app, {}, (tx) => dashboardScope(tx, { actor, ability: defineAbilityFor(actor) }));
};

describe('dashboards', () => {
  it('a street compares only its own communities; a district all of its; with ranks, totals and categories', async () => {
    const street = await scopeOf('13800000002');
    expect(street).toMatchObject({ kind: 'street' });
    const byStreet = await withScope(seeded.app, declared(street), (tx) => compareCommunities(tx, anonymousCaller(), { scope: street as never, period: MARCH, sortBy: 'satisfactionRate' }));
    expect(byStreet.rows.map((r) => r.community.id).sort()).toEqual([ids.jinyuan, ids.bihai].sort());
    expect(byStreet.total.metrics.received).toBe(6);
    const bihai = byStreet.rows.find((r) => r.community.id === ids.bihai)!;
    expect(bihai.metrics).toMatchObject({ received: 2, responseRate: 1, closeRate: 1, satisfactionRate: 0.5 });
    expect(byStreet.rows.find((r) => r.community.id === ids.jinyuan)!.metrics.satisfactionRate).toBe(0.75);
    expect(byStreet.rows[0]!.community.id).toBe(ids.jinyuan); // 75% beats 50%
    expect(byStreet.categories).toEqual([expect.objectContaining({ name: '环境卫生' })]);
    expect(byStreet.trend).toEqual([expect.objectContaining({ month: '2026-03' })]);
    // Medians for every community and in total, by month (monthly rows) and by year (yearly rows): each case was
    // accepted within its first working hour, so the median is the first band (up to 1 h); none while nothing is.
    expect(bihai.metrics.medianAcceptHours).toBe(1);
    expect(byStreet.total.metrics.medianAcceptHours).toBe(1);
    const byYear = await withScope(seeded.app, declared(street), (tx) => compareCommunities(tx, anonymousCaller(), { scope: street as never, period: parsePeriod('year', '2026')! }));
    expect(byYear.rows.find((r) => r.community.id === ids.bihai)!.metrics).toMatchObject({ received: 2, medianAcceptHours: 1 });
    expect(byYear.total.metrics.medianAcceptHours).toBe(1);
    // The medians match those of each community's own dashboard (daily/monthly rows, another read path); 金苑's
    // cases (Monday to Thursday) were resolved the next morning, hours of working time later: not the first band.
    for (const slug of ['jinyuan', 'bihai'] as const) {
      const scope = { kind: 'community' as const, unitId: ids[slug]!, name: slug, streetId: (street as { unitId: string }).unitId };
      const own = await withScope(seeded.app, declared(scope), (tx) => communityDashboard(tx, anonymousCaller(), { scope, period: MARCH, gridNames: new Map() }));
      const inComparison = byStreet.rows.find((r) => r.community.id === ids[slug])!.metrics;
      expect(own.metrics.medianCloseHours).not.toBeNull();
      if (slug === 'jinyuan') expect(own.metrics.medianCloseHours).toBeGreaterThan(1);
      expect(inComparison.medianCloseHours).toBe(own.metrics.medianCloseHours);
      expect(inComparison.medianAcceptHours).toBe(own.metrics.medianAcceptHours);
    }

    const district = await scopeOf('13800000001');
    const byDistrict = await withScope(seeded.app, declared(district), (tx) => compareCommunities(tx, anonymousCaller(), { scope: district as never, period: MARCH }));
    expect(byDistrict.rows).toHaveLength(6);
    expect(byDistrict.total.metrics.received).toBe(9);
    expect(byDistrict.rows.find((r) => r.community.id === ids.shijicheng)!.metrics).toMatchObject({ received: 3, responseRate: 0, closeRate: 0, satisfactionRate: null, medianAcceptHours: null });
  });

  it('a district narrows its comparison to one street, or to the communities that received cases (issue 15)', async () => {
    const district = await scopeOf('13800000001');
    const street = (await scopeOf('13800000002')) as { unitId: string };
    const all = await withScope(seeded.app, declared(district), (tx) => compareCommunities(tx, anonymousCaller(), { scope: district as never, period: MARCH }));
    expect(all.streets.map((s) => s.id)).toContain(street.unitId);
    expect(all.communityCount).toBe(6);
    const one = await withScope(seeded.app, declared(district), (tx) => compareCommunities(tx, anonymousCaller(), { scope: district as never, period: MARCH, sortBy: 'score', filter: { streetId: street.unitId } }));
    expect(one.rows.map((r) => r.community.id).sort()).toEqual([ids.jinyuan, ids.bihai].sort());
    expect(one.total.metrics.received).toBe(6);
    expect(one.streets).toEqual(all.streets); // the picker still lists every street
    const active = await withScope(seeded.app, declared(district), (tx) => compareCommunities(tx, anonymousCaller(), { scope: district as never, period: MARCH, sortBy: 'score', filter: { withCasesOnly: true } }));
    expect(active.rows.map((r) => r.community.id).sort()).toEqual([ids.jinyuan, ids.bihai, ids.shijicheng].sort());
    expect(active.rows.every((r) => r.metrics.received > 0)).toBe(true);
    expect(active.total.metrics.received).toBe(all.total.metrics.received);
  });

  it('a community sees its own figures against its street, never another community’s', async () => {
    const scope = await scopeOf('13800000004');
    expect(scope).toMatchObject({ kind: 'community', unitId: ids.jinyuan });
    const own = await withScope(seeded.app, declared(scope), (tx) => communityDashboard(tx, anonymousCaller(), { scope: scope as never, period: MARCH, gridNames: new Map() }));
    expect(own.metrics.received).toBe(4);
    expect(own.streetAverage!.received).toBe(6);
    expect(own.streetCommunities).toBe(2);
    expect(JSON.stringify(own)).not.toContain(ids.bihai);
    expect(await refusal(scopeOf('13800000000'))).toBe('dashboard.noScope'); // operators have no dashboard scope
  });

  it('no personal data or case text leaves through the figures', async () => {
    const district = await scopeOf('13800000001');
    const out = JSON.stringify(await withScope(seeded.app, declared(district), (tx) => compareCommunities(tx, anonymousCaller(), { scope: district as never, period: MARCH })));
    for (const secret of ['王阿姨', '13912345678', '139****5678', '楼道堆放杂物', '三月诉求']) expect(out).not.toContain(secret);
  });

  it('scores with the district’s own weights once it sets them', async () => {
    const officer = await seeded.actorFor('13800000001');
    const ability = defineAbilityFor(officer);
    const district = await scopeOf('13800000001');
    const districtId = (district as { unitId: string }).unitId;
    expect(await refusal(withScope(seeded.app, declared(district), (tx) => saveScoreWeights(tx, { actor: officer, ability }, { districtId, response: 50, resolution: 30, satisfaction: 30 })))).toBe('dashboard.weights.invalid');
    const streetActor = await seeded.actorFor('13800000002');
    const street = { actor: streetActor, ability: defineAbilityFor(streetActor) };
    expect(await refusal(withScope(seeded.app, { unitIds: [districtId] }, (tx) => saveScoreWeights(tx, street, { districtId, response: 100, resolution: 0, satisfaction: 0 })))).toBe('forbidden');
    await withScope(seeded.app, declared(district), (tx) => saveScoreWeights(tx, { actor: officer, ability }, { districtId, response: 100, resolution: 0, satisfaction: 0 }));
    const result = await withScope(seeded.app, declared(district), (tx) => compareCommunities(tx, anonymousCaller(), { scope: district as never, period: MARCH }));
    for (const r of result.rows) if (r.metrics.responseRate !== null) expect(r.metrics.score).toBe(Math.round(r.metrics.responseRate * 1000) / 10);
    await withScope(seeded.app, declared(district), (tx) => saveScoreWeights(tx, { actor: officer, ability }, { districtId, response: 30, resolution: 35, satisfaction: 35 }));
  });

  it('a community that moved later still counts for its former street in past periods', async () => {
    const operator = await seeded.actorFor('13800000000');
    const s2 = (await seeded.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115002000')))[0]!.id;
    await withSystem(seeded.app, SYSTEM_SCOPES.maintenance, 'test', (tx) => moveCommunity(tx, { actor: operator, ability: defineAbilityFor(operator) }, { communityId: ids.bihai!, streetId: s2, adminCode: '520115002077' }));
    const street = await scopeOf('13800000002');
    const march = await withScope(seeded.app, declared(street), (tx) => compareCommunities(tx, anonymousCaller(), { scope: street as never, period: MARCH }));
    expect(march.rows.map((r) => r.community.id)).toContain(ids.bihai);
    const thisMonth = await withScope(seeded.app, declared(street), (tx) => compareCommunities(tx, anonymousCaller(), { scope: street as never, period: parsePeriod('year', String(new Date().getFullYear() + 1))! }));
    expect(thisMonth.rows.map((r) => r.community.id)).not.toContain(ids.bihai);
  });
});
