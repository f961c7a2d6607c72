import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { careRecipients, careVisits, careWindows, deadlines, orgUnits, residentTagLinks, residentTags, withTenant } from '@shequ/db';
import { DEFAULT_CARE_RULES, windowState } from '@shequ/domain';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { seedDemoCare, seedDemoResidents } from '../src/seed/index.ts';
import { seededDatabase } from './support.ts';

// Issue 20's demo data: recipients of every tier over 金元's grids, three months of visits (some late, a few overdue
// now), one major change waiting for its 24-hour visit; idempotent.
const db = seededDatabase();
const NOW = new Date('2026-11-29T03:00:00Z');

describe('the demo care roster', () => {
  it('has every tier, three months of visits with some late and some overdue, and one major change waiting', async () => {
    await seedDemoResidents(db.owner, { cipher: createPersonalDataCipher('5c'.repeat(32)), people: 320, now: NOW });
    const first = await seedDemoCare(db.owner, { now: NOW });
    expect(first.visits).toBeGreaterThan(50);
    const tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
    await withTenant(db.owner, tenantId, async (tx) => {
      const roster = await tx.select().from(careRecipients).where(eq(careRecipients.active, true));
      expect(new Set(roster.map((r) => r.overrideTier ?? r.computedTier))).toEqual(new Set(['high', 'priority', 'regular']));
      const windows = await tx.select().from(careWindows);
      const states = windows.map((w) => windowState(w, NOW, 2));
      expect(states.filter((s) => s === 'visited').length).toBeGreaterThan(20);
      expect(states.filter((s) => s === 'visited_late').length).toBeGreaterThan(0);
      expect(states.filter((s) => s === 'overdue').length).toBeGreaterThan(0);
      const major = windows.filter((w) => w.reason === 'major_change');
      expect(major).toHaveLength(1);
      expect(windowState(major[0]!, NOW, 0)).toBe('due');
      const [timer] = await tx.select().from(deadlines).where(and(eq(deadlines.subjectType, 'care_window'), eq(deadlines.subjectId, major[0]!.id)));
      expect(timer).toMatchObject({ state: 'running' });
      expect((await tx.select().from(careVisits)).length).toBe(first.visits);
      // Every tag the default rules name is on the register's list, and 重病 and 孤儿 have people (decision 073).
      const list = (await tx.select({ name: residentTags.name }).from(residentTags)).map((t) => t.name);
      const named = DEFAULT_CARE_RULES.rules.flatMap((r) => [...(r.tagsAny ?? []), ...(r.tagsAll ?? [])]);
      expect(named.filter((n) => !list.includes(n))).toEqual([]);
      for (const name of ['重病', '孤儿']) {
        const carriers = await tx.select().from(residentTagLinks).innerJoin(residentTags, eq(residentTags.id, residentTagLinks.tagId)).where(eq(residentTags.name, name));
        expect(carriers.length, name).toBeGreaterThan(0);
        const onRoster = roster.filter((r) => carriers.some((c) => c.resident_tag_links.residentId === r.residentId));
        expect(onRoster.map((r) => r.computedTier)).toContain(name === '重病' ? 'high' : 'priority');
      }
    });
    expect(await seedDemoCare(db.owner, { now: NOW })).toEqual({ recipients: 0, visits: 0 });
  });
});
