import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { type CalendarYear, createWorkingCalendar, resolveSla, type SlaOverride, type SlaPolicy, type WorkingCalendar } from '@shequ/domain';
import { calendars, categories, type Db, grids, notificationSettings, orgUnits, type Queryable, slaPolicies, type Tx, users, withTenant } from '@shequ/db';

// Calendars and time-limit policies change rarely and are read on hot paths (every submission), so each process
// keeps them for a short while. An operator's edit reaches every process within CACHE_MS; deadlines already
// computed are recomputed by the worker when a calendar changes (see recomputeDeadlines).
const CACHE_MS = 60_000;

let calendarCache: { at: number; calendar: WorkingCalendar } | null = null;

export async function workingCalendar(q: Queryable, now = Date.now()): Promise<WorkingCalendar> {
  if (calendarCache && now - calendarCache.at < CACHE_MS) return calendarCache.calendar;
  const rows = await q.select().from(calendars);
  const calendar = createWorkingCalendar(rows.map((r): CalendarYear => ({ year: r.year, holidays: r.holidays, workdays: r.workdays })));
  calendarCache = { at: now, calendar };
  return calendar;
}

/** Forgets cached calendars and policies (after an edit in this process, and in tests). */
export function forgetPolicyCaches() {
  calendarCache = null;
  policyCache.clear();
  factsCache.clear();
}

/** A stored policy row as an override for resolveSla. */
export function slaOverrideOf(r: typeof slaPolicies.$inferSelect): SlaOverride {
  return {
    acceptHours: r.acceptHours,
    resolveDays: r.resolveDays,
    streetDays: r.streetDays,
    departmentDays: r.departmentDays,
    reminderFractions: r.reminderFractions,
    workStartMinute: r.workStartMinute,
    workEndMinute: r.workEndMinute,
  };
}

type CommunityPolicies = { at: number; base: SlaPolicy; byCategory: Map<string, SlaPolicy> };
const policyCache = new Map<string, CommunityPolicies>();

/**
 * The time limits of a community, for a category: platform defaults, then its district's rows, then its own;
 * at each level the general row first, then the category's.
 */
export async function slaPolicy(q: Tx, communityId: string, categoryName: string | null, now = Date.now()): Promise<SlaPolicy> {
  let entry = policyCache.get(communityId);
  if (!entry || now - entry.at >= CACHE_MS) {
    // Time limits are under row-level security (decision 019): read inside a transaction that declares the community
    // (or an officer's unit reaching it, or the deadline sweep); see communitySlaPolicy for callers holding the pool.
    const [unit] = await q.select({ districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, communityId));
    const units = [unit?.districtId, communityId].filter((u): u is string => Boolean(u));
    const rows = await q.select().from(slaPolicies).where(inArray(slaPolicies.orgUnitId, units));
    const override = slaOverrideOf;
    const general = units.flatMap((u) => rows.filter((r) => r.orgUnitId === u && r.categoryName === null).map(override));
    const byCategory = new Map<string, SlaPolicy>();
    for (const name of new Set(rows.map((r) => r.categoryName).filter((n): n is string => n !== null))) {
      const layered = units.flatMap((u) => rows.filter((r) => r.orgUnitId === u && (r.categoryName === null || r.categoryName === name)).sort((a, b) => Number(a.categoryName !== null) - Number(b.categoryName !== null)).map(override));
      byCategory.set(name, resolveSla(layered));
    }
    entry = { at: now, base: resolveSla(general), byCategory };
    if (policyCache.size > 5000) policyCache.clear();
    policyCache.set(communityId, entry);
  }
  return (categoryName && entry.byCategory.get(categoryName)) || entry.base;
}

/**
 * `slaPolicy` for callers holding the pool rather than a transaction (intake's hot path, the worker's recompute):
 * served from the cache when warm, else read inside the community's own transaction, whose scope the policies admit.
 */
export async function communitySlaPolicy(db: Db, communityId: string, categoryName: string | null, now = Date.now()): Promise<SlaPolicy> {
  const entry = policyCache.get(communityId);
  if (entry && now - entry.at < CACHE_MS) return (categoryName && entry.byCategory.get(categoryName)) || entry.base;
  return withTenant(db, communityId, (tx) => slaPolicy(tx, communityId, categoryName, now));
}

type CommunityFacts = {
  at: number;
  name: string;
  categories: Map<string, string>;
  /**
   * Where a new wish's email goes for each of the community's grid workers: user id → address, or null when they have
   * no address or turned email off. Read with the facts, so intake's statement need not read `users` (whose
   * row-level security costs about a fifth of PostgreSQL's time per submission). A grid worker missing from it (a
   * reassignment in another process within CACHE_MS) is looked up live by the statement.
   */
  mailTo: Record<string, string | null>;
  /** `mailTo` as the JSON the intake statement takes (serialised once per load, not per submission). */
  mailToJson: string;
};
const factsCache = new Map<string, CommunityFacts>();

/** Forgets one community's cached facts (a grid's worker changed), or every community's (a user's email or channels). */
export function forgetCommunityFacts(communityId?: string) {
  if (communityId) factsCache.delete(communityId);
  else factsCache.clear();
}

/**
 * A community's name, category names (id → name) and its grid workers' email destinations, cached like the policies:
 * an edit in this process forgets them at once (forgetPolicyCaches), other processes see it within CACHE_MS.
 */
export async function communityFacts(db: Db, communityId: string, now = Date.now()): Promise<CommunityFacts> {
  let entry = factsCache.get(communityId);
  if (!entry || now - entry.at >= CACHE_MS) {
    const loaded = await withTenant(db, communityId, async (tx) => ({
      unit: (await tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, communityId)))[0],
      rows: await tx.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.tenantId, communityId)),
      workers: await tx
        .selectDistinct({ id: grids.gridWorkerId, email: users.email, channels: notificationSettings.channels })
        .from(grids)
        .leftJoin(users, eq(users.id, grids.gridWorkerId))
        .leftJoin(notificationSettings, eq(notificationSettings.userId, grids.gridWorkerId))
        .where(and(eq(grids.tenantId, communityId), isNotNull(grids.gridWorkerId))),
    }));
    const mailTo: Record<string, string | null> = {};
    for (const w of loaded.workers) if (w.id) mailTo[w.id] = w.email && (w.channels ?? ['email']).includes('email') ? w.email : null;
    entry = { at: now, name: loaded.unit?.name ?? '', categories: new Map(loaded.rows.map((r) => [r.id, r.name])), mailTo, mailToJson: JSON.stringify(mailTo) };
    if (factsCache.size > 5000) factsCache.clear();
    factsCache.set(communityId, entry);
  }
  return entry;
}

const nameCache = new Map<string, { at: number; name: string }>();

/** An org unit's name for messages and timelines, cached like the policies (a rename shows within a minute). */
export async function orgUnitName(q: Queryable, id: string | null, now = Date.now()): Promise<string> {
  if (!id) return '';
  const hit = nameCache.get(id);
  if (hit && now - hit.at < CACHE_MS) return hit.name;
  const [unit] = await q.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, id));
  if (nameCache.size > 20_000) nameCache.clear();
  nameCache.set(id, { at: now, name: unit?.name ?? '' });
  return unit?.name ?? '';
}
