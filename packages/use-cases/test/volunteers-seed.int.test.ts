import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { orgUnits, withTenant } from '@shequ/db';
import { starLevel } from '@shequ/domain';
import { listHonourWall, listWishWall } from '../src/index.ts';
import { seedDemoParty, seedDemoResidents, seedDemoVolunteers } from '../src/seed/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { seededDatabase } from './support.ts';

// Issue 17: 金元社区's volunteer service in the demo data — eight teams led by party members, weeks of past activities
// with approved hours (regulars past 100 and 300 hours), open shifts in the coming days; seeding twice adds nothing.
const db = seededDatabase();

describe('the volunteers’ demo data', () => {
  it('seeds once, through the use cases', async () => {
    const now = new Date('2026-11-29T03:00:00Z');
    const cipher = createPersonalDataCipher('cd'.repeat(32));
    await seedDemoResidents(db.owner, { people: 200, cipher, now });
    await seedDemoParty(db.owner, { now });
    const first = await seedDemoVolunteers(db.owner, { now, weeks: 6, volunteers: 40 });
    expect(first.teams).toBe(8);
    expect(await seedDemoVolunteers(db.owner, { now })).toEqual({ teams: 0, volunteers: 0, shifts: 0 });
    const tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
    const rows = await withTenant(db.owner, tenantId, (tx) =>
      tx.execute<{ teams: number; led: number; open: number; members: number }>(sql`select
        (select count(*)::int from volunteer_teams) as teams,
        (select count(*)::int from volunteer_teams t where exists (select 1 from party_members m where m.tenant_id = t.tenant_id and m.resident_id = t.leader_resident_id and m.left_at is null)) as led,
        (select count(*)::int from volunteer_shifts where starts_at > ${now.toISOString()}::timestamptz) as open,
        (select count(*)::int from volunteer_team_members where status = 'member') as members`),
    );
    expect(rows[0]).toMatchObject({ teams: 8, led: 8, open: 16 });
    expect(rows[0]!.members).toBeGreaterThanOrEqual(40);
    const hours = await withTenant(db.owner, tenantId, (tx) =>
      tx.execute<{ minutes: number }>(sql`select sum(h.minutes)::int as minutes from volunteer_hours h
        where exists (select 1 from volunteer_hour_approvals a where a.tenant_id = h.tenant_id and a.entry_id = h.id) group by h.resident_id order by 1 desc`),
    );
    const wall = await withTenant(db.app, tenantId, (tx) => listHonourWall(tx, { tenantId }));
    expect(wall.map((w) => w.title)).toEqual(['金元之星', '金元之星']);
    expect(wall.every((w) => w.stars >= 1 && /\*/.test(w.nameHint))).toBe(true);
    const wishes = await withTenant(db.app, tenantId, (tx) => listWishWall(tx, { tenantId, now }));
    expect(wishes.map((w) => w.status).sort()).toEqual(['claimed', 'lit', 'open']);
    const stars = hours.map((h) => starLevel(h.minutes / 60).stars);
    expect(stars[0]).toBeGreaterThanOrEqual(1);
    expect(stars.filter((s) => s >= 1).length).toBeGreaterThanOrEqual(2);
  }, 240_000);
});
