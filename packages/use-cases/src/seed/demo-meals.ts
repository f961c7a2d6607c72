import { and, asc, count, eq } from 'drizzle-orm';
import {
  buildings,
  type Db,
  mealBookings,
  mealDishes,
  mealMenuDishes,
  mealMenus,
  mealSittings,
  mealSubsidyRules,
  orgUnits,
  residents,
  residentTagLinks,
  residentTags,
  SYSTEM_SCOPES,
  withSystem,
  withTenant,
} from '@shequ/db';
import { addDays, ageOn, chinaDate, chinaInstant, LIVING_ALONE_TAG, mealSubsidy, monthRange, type SubsidyRule, winningRule } from '@shequ/domain';
import { watchCollection } from '../meals/station.ts';
import { seededRandom } from './seeded-random.ts';

const DISHES: [string, string[]][] = [
  ['红烧肉', ['荤']],
  ['清蒸鲈鱼', ['荤', '低盐']],
  ['土豆烧鸡', ['荤', '软食']],
  ['肉末蒸蛋', ['荤', '软食', '低盐']],
  ['黄焖牛肉', ['荤', '清真']],
  ['宫保鸡丁', ['荤']],
  ['清炒时蔬', ['素', '低盐', '低糖']],
  ['番茄炒蛋', ['素', '软食']],
  ['麻婆豆腐', ['素']],
  ['蒜蓉西兰花', ['素', '低盐', '低糖']],
  ['醋溜白菜', ['素', '低糖']],
  ['南瓜蒸百合', ['素', '软食', '低糖']],
  ['冬瓜排骨汤', ['汤', '低盐']],
  ['紫菜蛋花汤', ['汤', '软食']],
  ['杂粮饭', ['主食', '低糖']],
];

/**
 * 金元社区's elderly service station (decision 038): the lunch sitting (100 places, 15 元, booked by 16:00 the day
 * before, served 11:00–13:00, at least three meat and three vegetable dishes), a dish library, a subsidy rule table
 * (高龄 80+ raised two weeks ago, 低保, 特困 with a monthly cap, 失能/半失能), published menus from a month ago to the end
 * of next week, a month of served meals for about a hundred elders (the oldest of the register) priced by those
 * rules, and tomorrow's bookings (elders living alone get their collection timers). Amounts are demo configuration,
 * not policy (民发〔2023〕58号 leaves them to each place). Only when the station has no sitting yet.
 */
export async function seedDemoMeals(db: Db, options: { now?: Date; elders?: number } = {}) {
  const now = options.now ?? new Date();
  const today = chinaDate(now);
  const [jinyuan] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed meals', (tx) => tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  if (!jinyuan) return { served: 0, booked: 0, elders: 0 };
  const tenantId = jinyuan.id;
  return withTenant(db, tenantId, async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(mealSittings).where(eq(mealSittings.tenantId, tenantId));
    if (existing!.n > 0) return { served: 0, booked: 0, elders: 0 };
    const random = seededRandom(19);
    const [sitting] = await tx
      .insert(mealSittings)
      .values({ tenantId, meal: 'lunch', name: '午餐', capacity: 100, priceCents: 1500, cutoffDaysBefore: 1, cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '13:00', menuRule: { 荤: 3, 素: 3 } })
      .returning();
    const dishes = await tx.insert(mealDishes).values(DISHES.map(([name, tags]) => ({ tenantId, name, tags }))).returning();
    const meat = dishes.filter((d) => d.tags.includes('荤'));
    const veg = dishes.filter((d) => d.tags.includes('素'));
    const soups = dishes.filter((d) => d.tags.includes('汤'));
    const staple = dishes.find((d) => d.tags.includes('主食'))!;

    const tags = new Map((await tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags).where(eq(residentTags.tenantId, tenantId))).map((t) => [t.name, t.id]));
    const monthStart = monthRange(today).from;
    const lastMonthStart = monthRange(addDays(monthStart, -1)).from;
    // The 高龄 amount was raised two weeks ago: the month's served meals show both versions.
    const raised = addDays(today, -14);
    const ruleRows: (typeof mealSubsidyRules.$inferInsert)[] = [
      { tenantId, name: '高龄', minAge: 80, perMealCents: 500, monthlyCapCents: null, priority: 1, effectiveFrom: addDays(lastMonthStart, -60), effectiveTo: raised },
      { tenantId, name: '高龄', minAge: 80, perMealCents: 600, monthlyCapCents: null, priority: 1, effectiveFrom: raised },
      { tenantId, name: '低保', tagId: tags.get('低保') ?? null, minAge: tags.get('低保') ? null : 60, perMealCents: 800, priority: 10, effectiveFrom: addDays(lastMonthStart, -60) },
      { tenantId, name: '特困', tagId: tags.get('特困') ?? null, minAge: tags.get('特困') ? null : 90, perMealCents: 1000, monthlyCapCents: 25000, priority: 20, effectiveFrom: addDays(lastMonthStart, -60) },
      { tenantId, name: '失能', tagId: tags.get('失能/半失能') ?? null, minAge: tags.get('失能/半失能') ? null : 85, perMealCents: 800, priority: 15, effectiveFrom: addDays(lastMonthStart, -60) },
    ];
    const inserted = await tx.insert(mealSubsidyRules).values(ruleRows).returning();
    const rules: SubsidyRule[] = inserted.map((r) => ({ ...r }));

    // Menus: a month back to the end of next week, published; lunch has 3 meat, 3 vegetable dishes, a soup, rice.
    const firstDay = addDays(today, -30);
    const lastDay = addDays(today, 13 - ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
    for (let day = firstDay, i = 0; day <= lastDay; day = addDays(day, 1), i++) {
      const [menu] = await tx.insert(mealMenus).values({ tenantId, sittingId: sitting!.id, day, status: 'published', publishedAt: chinaInstant(addDays(day, -3), '10:00') }).returning();
      const chosen = [meat[i % meat.length]!, meat[(i + 2) % meat.length]!, meat[(i + 4) % meat.length]!, veg[i % veg.length]!, veg[(i + 1) % veg.length]!, veg[(i + 3) % veg.length]!, soups[i % soups.length]!, staple];
      await tx.insert(mealMenuDishes).values([...new Set(chosen)].map((d, k) => ({ tenantId, menuId: menu!.id, dishId: d.id, sortOrder: k })));
    }

    // The elders: the oldest active people of the register (about a hundred), with their tags.
    const people = await tx
      .select({ id: residents.id, birth: residents.birth, buildingId: residents.buildingId })
      .from(residents)
      .where(and(eq(residents.tenantId, tenantId), eq(residents.status, 'active')))
      .orderBy(asc(residents.birth));
    const elders = people.filter((p) => p.birth && ageOn(p.birth, today) >= 60).slice(0, options.elders ?? 100);
    const links = await tx.select().from(residentTagLinks).where(eq(residentTagLinks.tenantId, tenantId));
    const tagIdsOf = (id: string) => links.filter((l) => l.residentId === id).map((l) => l.tagId);
    const aloneTag = tags.get(LIVING_ALONE_TAG);
    const hasBuilding = new Set((await tx.select({ id: buildings.id }).from(buildings).where(eq(buildings.tenantId, tenantId))).map((b) => b.id));

    // A month of served meals (most elders on most weekdays), each subsidy priced by the rule of its day within the cap.
    const used = new Map<string, number>();
    const served: (typeof mealBookings.$inferInsert)[] = [];
    for (let day = firstDay; day < today; day = addDays(day, 1)) {
      const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
      for (const e of elders) {
        if (random() > (weekend ? 0.35 : 0.75)) continue;
        const person = { tagIds: tagIdsOf(e.id), birth: e.birth };
        const rule = winningRule(rules, person, day);
        const key = `${e.id}:${day.slice(0, 7)}`;
        const subsidy = mealSubsidy(rule, 1500, used.get(key) ?? 0);
        used.set(key, (used.get(key) ?? 0) + subsidy);
        const delivery = e.buildingId && hasBuilding.has(e.buildingId) && random() < 0.12;
        const at = new Date(chinaInstant(day, '11:00').getTime() + Math.floor(random() * 100) * 60_000);
        served.push({
          tenantId,
          sittingId: sitting!.id,
          day,
          residentId: e.id,
          mode: delivery ? 'delivery' : 'dine_in',
          status: 'served',
          bookedBy: random() < 0.6 ? 'staff' : 'self',
          queuedAt: chinaInstant(addDays(day, -1), '09:00'),
          priceCents: 1500,
          subsidyCents: subsidy,
          ruleId: rule?.id ?? null,
          category: rule?.name ?? null,
          servedAt: at,
          servedVia: delivery ? 'delivery' : 'counter',
        });
      }
    }
    for (let i = 0; i < served.length; i += 500) await tx.insert(mealBookings).values(served.slice(i, i + 500));

    // Tomorrow's bookings: about sixty elders, a few delivered, a few diets; the alone ones watched.
    const tomorrow = addDays(today, 1);
    let booked = 0;
    for (const e of elders) {
      if (random() > 0.6) continue;
      const tagIds = tagIdsOf(e.id);
      const rule = winningRule(rules, { tagIds, birth: e.birth }, tomorrow);
      const key = `${e.id}:${tomorrow.slice(0, 7)}`;
      const subsidy = mealSubsidy(rule, 1500, used.get(key) ?? 0);
      const delivery = e.buildingId && hasBuilding.has(e.buildingId) && random() < 0.15;
      const diet = random() < 0.2 ? (['软食', '低盐', '低糖'] as const)[Math.floor(random() * 3)]! : null;
      const [row] = await tx
        .insert(mealBookings)
        .values({ tenantId, sittingId: sitting!.id, day: tomorrow, residentId: e.id, mode: delivery ? 'delivery' : 'dine_in', diets: diet ? [diet] : [], status: 'booked', bookedBy: 'staff', queuedAt: new Date(now.getTime() - 3_600_000 + booked * 1000), priceCents: 1500, subsidyCents: subsidy, ruleId: rule?.id ?? null, category: rule?.name ?? null })
        .returning();
      if (aloneTag && tagIds.includes(aloneTag)) await watchCollection(tx, tenantId, row!, sitting!, { livesAlone: true }, now);
      booked += 1;
    }
    return { served: served.length, booked, elders: elders.length };
  });
}
