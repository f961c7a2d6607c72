import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { careRecipients, orgUnits, residentTags, users, withTenant } from '@shequ/db';
import { DEFAULT_CARE_RULES, DEFAULT_RESIDENT_TAGS } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import { listCareRules, registerResident, saveCareRules, UseCaseError } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { careRulesFormSchema } from '../src/schemas.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 20 (outside trial, fault 9): the care rules are versioned with dates, and the rules page shows every version —
// its date, who saved it, its rules, which one is in force today and which applied on a given day; the page's form
// turns its fields into a version, each problem beside its field.
const db = seededDatabase();
let tenantId: string;
const callerFor = async (mobile: string) => {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
};
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
});

describe('the care rules page (listCareRules)', () => {
  it('shows the defaults until a version, then every version newest first with who saved it and which is in force', async () => {
    const grid = await callerFor('13800000006');
    const staff = await callerFor('13800000005');
    const t = new Date('2026-11-26T03:00:00Z'); // 11:00 China time, 26 November
    const before = await inTenant((tx) => listCareRules(tx, grid, { now: t }));
    expect(before.versions).toHaveLength(1);
    expect(before.versions[0]).toMatchObject({ id: null, effectiveFrom: null, inForce: true, upcoming: false });
    expect(before.current).toEqual(DEFAULT_CARE_RULES);

    const v2 = structuredClone(DEFAULT_CARE_RULES);
    v2.policies.priority.contactKinds = ['home'];
    const { id } = await inTenant((tx) => saveCareRules(tx, staff, { effectiveFrom: '2026-12-01', rules: v2, note: '区民政局新规', now: t }));
    // A grid worker reads the roster: sees the versions, may not add one.
    expect(await refusal(inTenant((tx) => saveCareRules(tx, grid, { effectiveFrom: '2026-12-02', rules: v2, now: t })))).toBe('forbidden');

    const page = await inTenant((tx) => listCareRules(tx, grid, { now: t, onDay: '2026-12-01' }));
    const staffName = (await db.owner.select({ name: users.displayName }).from(users).where(eq(users.mobile, '13800000005')))[0]!.name;
    expect(page.versions.map((v) => [v.effectiveFrom, v.inForce, v.upcoming])).toEqual([
      ['2026-12-01', false, true],
      [null, true, false],
    ]);
    expect(page.versions[0]).toMatchObject({ id, note: '区民政局新规', savedBy: staffName });
    expect(page.current).toEqual(DEFAULT_CARE_RULES);
    expect(page.onDay).toEqual({ day: '2026-12-01', id });
    expect((await inTenant((tx) => listCareRules(tx, grid, { now: t, onDay: '2026-11-30' }))).onDay).toEqual({ day: '2026-11-30', id: null });
    // Not a day of the calendar: no answer for it (it used to pass a pattern and be compared as text).
    expect((await inTenant((tx) => listCareRules(tx, grid, { now: t, onDay: '2026-02-30' }))).onDay).toBeNull();

    // From 1 December 00:00 China time the new version is in force today.
    const dec = await inTenant((tx) => listCareRules(tx, grid, { now: new Date('2026-11-30T16:00:00Z') }));
    expect(dec.versions.map((v) => v.inForce)).toEqual([true, false]);
    expect(dec.current.policies.priority.contactKinds).toEqual(['home']);
  });

  it("the page's form: fields become a version; blank rows dropped; each problem beside its field", () => {
    const ok = careRulesFormSchema.safeParse({
      effectiveFrom: '2026-12-05',
      dueSoonDays: '3',
      highPeriod: 'week',
      highKinds: 'home',
      priorityPeriod: 'month',
      priorityKinds: ['home', 'video'],
      regularPeriod: 'quarter',
      regularKinds: ['phone'],
      rule0Tier: 'high',
      rule0Any: '独居、空巢',
      rule0MinAge: '75',
      rule1Tier: 'priority',
      rule1All: '残疾 低保',
      rule2Tier: '',
    });
    expect(ok.success).toBe(true);
    expect(ok.data).toEqual({
      effectiveFrom: '2026-12-05',
      note: null,
      rules: {
        rules: [
          { tier: 'high', tagsAny: ['独居', '空巢'], minAge: 75 },
          { tier: 'priority', tagsAll: ['残疾', '低保'] },
        ],
        policies: { high: { period: 'week', contactKinds: ['home'] }, priority: { period: 'month', contactKinds: ['home', 'video'] }, regular: { period: 'quarter', contactKinds: ['phone'] } },
        dueSoonDays: 3,
      },
      rows: [0, 1],
    });
    const bad = careRulesFormSchema.safeParse({ effectiveFrom: '2026-13-01', dueSoonDays: '40', highPeriod: 'week', priorityPeriod: 'month', priorityKinds: 'home', regularPeriod: 'year', regularKinds: 'phone', rule0Tier: 'high', rule1Any: '独居', rule2MinAge: '200' });
    expect(bad.success).toBe(false);
    const byField = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byField).toEqual({
      effectiveFrom: 'care.period.invalid',
      dueSoonDays: 'care.rules.dueSoon',
      highKinds: 'care.rules.kinds',
      regularPeriod: 'care.rules.period',
      rule0Any: 'care.rules.rowEmpty',
      rule1Tier: 'care.tier.invalid',
      rule2Tier: 'care.tier.invalid',
      rule2MinAge: 'care.rules.age',
    });
  });
});

describe('the care rules name only tags of the register (decision 073)', () => {
  const t = new Date('2026-11-26T03:00:00Z');
  it('a version naming a tag the register lacks is refused beside its row, naming the tags and some the register has', async () => {
    const staff = await callerFor('13800000005');
    const form = careRulesFormSchema.parse({
      effectiveFrom: '2026-12-07',
      dueSoonDays: '2',
      highPeriod: 'week',
      highKinds: 'home',
      priorityPeriod: 'month',
      priorityKinds: 'home',
      regularPeriod: 'quarter',
      regularKinds: 'phone',
      rule0Tier: 'high',
      rule0Any: '独居',
      rule0MinAge: '80',
      rule2Tier: 'priority', // row 3 of the page, the second rule: a blank row between
      rule2Any: '残疾 网红',
      rule2All: '低保 大病',
    });
    expect(form.rows).toEqual([0, 2]);
    const error = await inTenant((tx) => saveCareRules(tx, staff, { ...form, now: t })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UseCaseError);
    const all = (error as UseCaseError).all;
    expect(all.map((p) => [p.code, p.params.field, p.params.rule, p.params.tags])).toEqual([
      ['care.rules.unknownTag', 'rule2Any', 3, '网红'],
      ['care.rules.unknownTag', 'rule2All', 3, '大病'],
    ]);
    expect(String(all[0]!.params.known)).toContain('独居');
    // Nothing was saved; with the register's tags it is.
    expect((await inTenant((tx) => listCareRules(tx, staff, { now: t }))).versions.some((v) => v.effectiveFrom === '2026-12-07')).toBe(false);
    await inTenant((tx) => saveCareRules(tx, staff, { ...form, rules: { ...form.rules, rules: [form.rules.rules[0]!, { tier: 'priority', tagsAny: ['残疾', '重病'] }] }, now: t }));
    expect((await inTenant((tx) => listCareRules(tx, staff, { now: t }))).versions.some((v) => v.effectiveFrom === '2026-12-07')).toBe(true);
  });

  it('the default rules save as they are in a community of the default tags, and a person tagged 重病 or 孤儿 is on the roster', async () => {
    const staff = await callerFor('13800000005');
    const names = (await inTenant((tx) => tx.select({ name: residentTags.name }).from(residentTags).where(eq(residentTags.active, true)))).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([...DEFAULT_RESIDENT_TAGS]));
    await inTenant((tx) => saveCareRules(tx, staff, { effectiveFrom: '2026-12-08', rules: DEFAULT_CARE_RULES, now: t }));
    const admin = await callerFor('13800000004');
    const cipher = createPersonalDataCipher('6a'.repeat(32));
    const tagId = async (name: string) => (await inTenant((tx) => tx.select({ id: residentTags.id }).from(residentTags).where(eq(residentTags.name, name))))[0]!.id;
    const ill = await inTenant(async (tx) => registerResident(tx, admin, { name: '焦德顺', birth: '1970-01-01', tagIds: [await tagId('重病')], consent: true, consentChannel: 'in_person', cipher, now: t }));
    const orphan = await inTenant(async (tx) => registerResident(tx, admin, { name: '尤小雨', birth: '2016-06-01', tagIds: [await tagId('孤儿')], consent: true, consentChannel: 'in_person', cipher, now: t }));
    const tierOf = async (id: string) => (await inTenant((tx) => tx.select().from(careRecipients).where(eq(careRecipients.residentId, id))))[0]?.computedTier;
    expect(await tierOf(ill.id)).toBe('high');
    expect(await tierOf(orphan.id)).toBe('priority');
  });

  it('migration 0050 gives an existing community the tags the default rules name, once', async () => {
    // A community from before: without 重病 (孤儿 it has already, and keeps).
    await withTenant(db.owner, tenantId, async (tx) => {
      await tx.execute(sql`delete from resident_tag_links where tag_id in (select id from resident_tags where name = '重病')`);
      await tx.execute(sql`delete from resident_tags where name = '重病'`);
    });
    const ill = async () => withTenant(db.owner, tenantId, (tx) => tx.select().from(residentTags).where(and(eq(residentTags.name, '重病'))));
    const orphans = await withTenant(db.owner, tenantId, (tx) => tx.select().from(residentTags).where(eq(residentTags.name, '孤儿')));
    expect(await ill()).toEqual([]);
    const migration = readFileSync(new URL('../../db/migrations/0050_care_rule_tags_in_the_register.sql', import.meta.url), 'utf8');
    await db.owner.execute(sql.raw(migration));
    await db.owner.execute(sql.raw(migration));
    expect(await ill()).toMatchObject([{ name: '重病', active: true }]);
    expect(await withTenant(db.owner, tenantId, (tx) => tx.select().from(residentTags).where(eq(residentTags.name, '孤儿')))).toEqual(orphans);
  });
});

