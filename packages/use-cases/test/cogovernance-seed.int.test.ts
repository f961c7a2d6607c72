import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { orgUnits, withTenant } from '@shequ/db';
import { anonymousCaller, listPublicDecisions } from '../src/index.ts';
import { seedDemoCogovernance, seedDemoParty, seedDemoPostLeaders, seedDemoResidents, seedDemoUnitPartyMembers } from '../src/seed/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { seededDatabase } from './support.ts';

// Issue 18: 金元社区's committee in the demo data — about 200 partner units, 15 posts with occurrences, the emergency
// bridge done and published, the courtyard under way, one upcoming meeting; seeding twice adds nothing.
const db = seededDatabase();

describe('the committee’s demo data', () => {
  it('seeds once, through the use cases', async () => {
    const now = new Date('2026-11-29T03:00:00Z');
    const cipher = createPersonalDataCipher('ab'.repeat(32));
    const first = await seedDemoCogovernance(db.owner, { now, cipher });
    expect(first.created).toBeGreaterThanOrEqual(190);
    expect(await seedDemoCogovernance(db.owner, { now, cipher })).toEqual({ created: 0 });
    const tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
    const counts = await withTenant(db.owner, tenantId, (tx) =>
      tx.execute<{ posts: number; occ: number; meetings: number; upcoming: number; waiting: number }>(sql`select
        (select count(*)::int from service_posts) as posts, (select count(*)::int from service_occurrences) as occ,
        (select count(*)::int from consultation_meetings) as meetings,
        (select count(*)::int from consultation_meetings where starts_at > ${now.toISOString()}::timestamptz) as upcoming,
        (select count(*)::int from meeting_participants where registration = 'waitlisted') as waiting`),
    );
    expect(counts[0]).toMatchObject({ posts: 15, meetings: 3, upcoming: 1, waiting: 2 });
    expect(counts[0]!.occ).toBeGreaterThan(60);
    const decisions = await withTenant(db.app, tenantId, (tx) => listPublicDecisions(tx, anonymousCaller(), { tenantId, now }));
    expect(decisions.map((d) => [d.title, d.status, d.progress])).toEqual([
      ['改造3栋后院', 'in_progress', 30],
      ['在景观河上修建应急便桥', 'done', 100],
    ]);

    // Every post has a leader from the register once the party organisation is seeded; the five that require a
    // party member are led by current party members. Seeding the leaders twice adds nothing.
    expect(await seedDemoPostLeaders(db.owner)).toEqual({ led: 0 }); // no party members yet: nothing to do
    await seedDemoResidents(db.owner, { people: 120, cipher, now });
    await seedDemoParty(db.owner, { now });
    expect(await seedDemoPostLeaders(db.owner)).toEqual({ led: 15 });
    expect(await seedDemoPostLeaders(db.owner)).toEqual({ led: 0 });
    const posts = await withTenant(db.owner, tenantId, (tx) =>
      tx.execute<{ title: string; requires: boolean; led: boolean; member: boolean }>(sql`select p.title, p.requires_party_leader as requires, p.leader_resident_id is not null as led,
        exists (select 1 from party_members m where m.tenant_id = p.tenant_id and m.resident_id = p.leader_resident_id and m.left_at is null) as member
        from service_posts p order by p.title`),
    );
    expect(posts).toHaveLength(15);
    expect(posts.every((p) => p.led)).toBe(true);
    expect(posts.filter((p) => p.requires).map((p) => p.title).sort()).toEqual(['反诈宣传', '四点半课堂', '助残服务', '垃圾分类指导', '安全隐患排查'].sort());
    expect(posts.filter((p) => p.requires).every((p) => p.member)).toBe(true);

    // Some reporting party members are linked to the units they work at (decision 057), once.
    const linked = await seedDemoUnitPartyMembers(db.owner);
    expect(linked.linked).toBeGreaterThan(0);
    expect(await seedDemoUnitPartyMembers(db.owner)).toEqual({ linked: 0 });
    const rows = await withTenant(db.owner, tenantId, (tx) =>
      tx.execute<{ ok: boolean }>(sql`select m.kind = 'reporting' and m.work_unit = u.name as ok from party_members m join partner_units u on u.tenant_id = m.tenant_id and u.id = m.partner_unit_id`),
    );
    expect(rows.length).toBe(linked.linked);
    expect(rows.every((r) => r.ok)).toBe(true);
  }, 240_000);
});
