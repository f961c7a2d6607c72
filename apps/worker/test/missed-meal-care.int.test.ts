import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildings, careWindows, createDb, type Db, deadlines, grids, mealBookings, notifications, orgUnits, residentTags, users, withTenant } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { createRedis, queuePrefix } from '@shequ/jobs';
import { anonymousCaller, bookMeal, listCareRoster, publishMenu, registerResident, saveDish, saveMealSitting, saveMenu, type StaffCaller, syncCareRoster } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { seedDemo } from '@shequ/use-cases/seed';
import { staffCallerFor } from '@shequ/use-cases/testing';
import { REDIS_URL, startReadyWorker, type startWorker, stopWorkerProcess, waitFor } from './support.ts';

// Issue 20's missed meal (decision 039, 070) through the real worker process (BullMQ, real PostgreSQL and Redis): an
// elder living alone books lunch and does not come; when serving ends the worker's timer marks the meal missed, tells
// the grid worker once, and the care roster gets a same-day visit task with its own timer, which the worker breaches
// in turn at the end of the day (the grid worker and the office are told the visit is overdue). Never tried before
// through the worker (an outside trial of issue 20).
const prefixBase = `shequ-test-missed-meal-${randomBytes(4).toString('hex')}`;
const prefix = queuePrefix(prefixBase);
const KEY = '5c'.repeat(32);
const cipher = createPersonalDataCipher(KEY);
const redis = createRedis(REDIS_URL, 'worker');
const DAY = 86_400_000;
let tdb: TestDatabase;
let owner: Db;
let app: Db;
let tenantId: string;
let admin: StaffCaller;
let worker: ReturnType<typeof startWorker> | null = null;
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(app, tenantId, fn);
/** A China-time day `days` from today (YYYY-MM-DD). */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 4 });
  await seedDemo(owner);
  tenantId = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await staffCallerFor(owner, '13800000004', tenantId);
  worker = await startReadyWorker({ DATABASE_APP_URL: tdb.appUrl, REDIS_PREFIX: prefixBase, PERSONAL_DATA_KEY: KEY, DEADLINE_RECONCILE_MS: '300' });
}, 180_000);

afterAll(async () => {
  await stopWorkerProcess(worker);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await app?.close();
  await owner?.close();
  await tdb?.drop();
});

describe('a missed meal of an elder living alone, run by the worker', () => {
  it('the meal is marked missed and the grid worker told once; the roster gets a same-day visit whose own timer the worker breaches', async () => {
    const tags = new Map((await withTenant(owner, tenantId, (tx) => tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags))).map((t) => [t.name, t.id]));
    const [place] = await withTenant(owner, tenantId, (tx) =>
      tx
        .select({ buildingId: buildings.id, gridWorkerId: grids.gridWorkerId })
        .from(buildings)
        .innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
        .where(eq(buildings.name, '1栋')),
    );
    expect(place?.gridWorkerId).toBeTruthy();
    const { id: elder } = await inJinyuan((tx) =>
      registerResident(tx, admin, { name: '独居未到餐', birth: '1941-05', tagIds: [tags.get('独居')!], buildingId: place!.buildingId, unit: '1', room: '301', consent: true, consentChannel: 'in_person', cipher }),
    );
    // On the care roster (the sweep's work; here at once).
    await inJinyuan((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId }));

    // Lunch tomorrow, booked today.
    const sitting = await inJinyuan((tx) => saveMealSitting(tx, admin, { meal: 'lunch', name: '午餐（测试）', capacity: 50, price: '15', cutoffDaysBefore: 1, cutoffTime: '23:59', serveFrom: '11:00', serveUntil: '13:00', menuRule: { 荤: 1, 素: 1 } }));
    const dishIds: string[] = [];
    for (const [name, t] of [
      ['红烧肉', ['荤']],
      ['清炒时蔬', ['素']],
    ] as const)
      dishIds.push((await inJinyuan((tx) => saveDish(tx, admin, { name, tags: [...t] }))).id);
    const day = chinaDay(1);
    const menu = await inJinyuan((tx) => saveMenu(tx, admin, { sittingId: sitting.id, day, dishIds }));
    if (menu.status !== 'published') await inJinyuan((tx) => publishMenu(tx, admin, { menuId: menu.id }));
    const booking = await inJinyuan((tx) => bookMeal(tx, admin, { residentId: elder, sittingId: sitting.id, day, mode: 'dine_in' }));
    const [collect] = await withTenant(owner, tenantId, (tx) => tx.select().from(deadlines).where(and(eq(deadlines.subjectType, 'meal_booking'), eq(deadlines.subjectId, booking.id))));
    expect(collect).toMatchObject({ state: 'running' });

    // Serving is over (as if tomorrow's 13:00 had come): the worker's timer fires.
    const past = new Date(Date.now() - 60_000);
    await owner.update(deadlines).set({ dueAt: past, wakeAt: past, remindAt: [] }).where(eq(deadlines.id, collect!.id));
    const missed = await waitFor(
      async () => {
        const [b] = await withTenant(owner, tenantId, (tx) => tx.select({ status: mealBookings.status }).from(mealBookings).where(eq(mealBookings.id, booking.id)));
        return b?.status === 'missed' ? b : undefined;
      },
      () => worker!.output(),
      30_000,
    );
    expect(missed.status).toBe('missed');
    const mealNotices = await owner.select().from(notifications).where(and(eq(notifications.kind, 'meal_missed_alone'), eq(notifications.subjectId, booking.id)));
    expect(mealNotices.map((n) => n.userId)).toEqual([place!.gridWorkerId]);

    // The same-day visit on the roster, with its own running timer due at the end of today in China.
    const [task] = await withTenant(owner, tenantId, (tx) => tx.select().from(careWindows).where(and(eq(careWindows.residentId, elder), eq(careWindows.reason, 'missed_meal'))));
    expect(task).toMatchObject({ sourceKey: `meal:${booking.id}`, tier: 'high', visitId: null });
    expect(task!.closesAt.toISOString()).toBe(new Date(`${chinaDay(1)}T00:00:00+08:00`).toISOString());
    const [visitTimer] = await withTenant(owner, tenantId, (tx) => tx.select().from(deadlines).where(and(eq(deadlines.subjectType, 'care_window'), eq(deadlines.subjectId, task!.id))));
    expect(visitTimer).toMatchObject({ kind: 'visit', state: 'running' });
    expect(visitTimer!.dueAt.getTime()).toBe(task!.closesAt.getTime());
    const roster = await inJinyuan((tx) => listCareRoster(tx, admin, {}));
    expect(roster.rows.find((r) => r.residentId === elder)?.window).toMatchObject({ id: task!.id, reason: 'missed_meal' });

    // Nobody visits by the end of the day: the worker breaches the visit's timer once and tells the grid worker and the office.
    await owner.update(deadlines).set({ dueAt: past, wakeAt: past, remindAt: [] }).where(eq(deadlines.id, visitTimer!.id));
    const overdue = await waitFor(
      async () => {
        const found = await owner.select().from(notifications).where(and(eq(notifications.kind, 'care_visit_overdue'), eq(notifications.subjectId, task!.id)));
        return found.length ? found : undefined;
      },
      () => worker!.output(),
      30_000,
    );
    const office = (await owner.select({ id: users.id }).from(users).where(eq(users.mobile, '13800000004')))[0]!.id;
    expect(overdue.map((n) => n.userId)).toContain(place!.gridWorkerId);
    expect(overdue.map((n) => n.userId)).toContain(office);
    // Each told once, the meal's notice still one.
    await new Promise((r) => setTimeout(r, 1500));
    const again = await owner.select().from(notifications).where(and(eq(notifications.kind, 'care_visit_overdue'), eq(notifications.subjectId, task!.id)));
    expect(new Set(again.map((n) => n.userId)).size).toBe(again.length);
    expect(await owner.select().from(notifications).where(and(eq(notifications.kind, 'meal_missed_alone'), eq(notifications.subjectId, booking.id)))).toHaveLength(1);
  }, 180_000);
});
