import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { grids, buildings, isUuid, mealBookings, mealMenus, mealSittings, mealSubsidyRules, residentLinks, residents, residentTagLinks, residentTags, type Tx } from '@shequ/db';
import { chinaInstant, LIVING_ALONE_TAG, mealCutoff, mealSubsidy, monthRange, type SubsidyRule, winningRule } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import type { MealCaller, MealResidentCaller } from './meal-caller.ts';
import { UseCaseError } from '../errors.ts';
import { startSubjectDeadline, settleDeadlines, type SubjectRef } from '../deadlines/store.ts';
import { lockSubjectKeys } from '../deadlines/subjects.ts';
import { loadResident } from '../residents/person.ts';
import { tellPersonAndBooker } from '../residents/tell-person-and-booker.ts';
import { assertBooksFor } from '../residents/books-for.ts';

// The building blocks meal help's use cases share (decision 038). Not use cases themselves.

export { type MealCaller, type MealResidentCaller } from './meal-caller.ts';
export { mealCardCode, residentOfMealCard } from './meal-card.ts';

export const isResidentCaller = (caller: MealCaller): caller is MealResidentCaller => caller.actor === null && 'resident' in caller;

/** The community a caller acts in. */
export function mealCommunity(caller: MealCaller): string {
  const tenantId = isResidentCaller(caller) ? caller.resident.tenantId : caller.actor.workspace.tenantId;
  if (!tenantId) throw new UseCaseError('meal.notFound');
  return tenantId;
}

/** The CASL subject of the station's meal help in a community. */
export const mealService = (tenantId: string) => subject('MealService', { tenantId });

/** Checks a staff caller may `action` the community's meal help (a resident caller is checked by who they book for). */
export function assertMealStaff(caller: MealCaller, action: 'read' | 'create' | 'update' | 'deliver' | 'manage'): StaffCaller {
  if (isResidentCaller(caller)) throw new UseCaseError('meal.notFound');
  assertCan(caller.ability, action, mealService(mealCommunity(caller)));
  return caller;
}

export type SittingRow = typeof mealSittings.$inferSelect;
export type BookingRow = typeof mealBookings.$inferSelect;

export async function loadSitting(tx: Tx, tenantId: string, sittingId: string): Promise<SittingRow> {
  if (!isUuid(sittingId)) throw new UseCaseError('meal.sitting.notFound');
  const [row] = await tx.select().from(mealSittings).where(and(eq(mealSittings.tenantId, tenantId), eq(mealSittings.id, sittingId)));
  if (!row) throw new UseCaseError('meal.sitting.notFound');
  return row;
}

/** The booking cut-off of a sitting on a day (China time). */
export const cutoffOf = (sitting: SittingRow, day: string) => mealCutoff(day, sitting.cutoffDaysBefore, sitting.cutoffTime);

/** Whether the sitting's menu for the day is published. */
export async function menuPublished(tx: Tx, tenantId: string, sittingId: string, day: string): Promise<boolean> {
  const [m] = await tx
    .select({ status: mealMenus.status })
    .from(mealMenus)
    .where(and(eq(mealMenus.tenantId, tenantId), eq(mealMenus.sittingId, sittingId), eq(mealMenus.day, day)));
  return m?.status === 'published';
}

/**
 * Serialises bookings of one sitting on one day (capacity, waiting list order): a transaction advisory lock on
 * (community, sitting, day). Taken before any booking row of that sitting is written.
 */
export async function lockSittingDay(tx: Tx, tenantId: string, sittingId: string, day: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:meal_sitting:${sittingId}:${day}`}, 0))`);
}

/** A person as meal help sees them: status, birth, tag ids and names, building and their grid's worker. */
export async function mealPerson(tx: Tx, tenantId: string, residentId: string) {
  if (!isUuid(residentId)) throw new UseCaseError('meal.notFound');
  const [row] = await tx
    .select({ id: residents.id, status: residents.status, birth: residents.birth, nameHint: residents.nameHint, nameEnc: residents.nameEnc, buildingId: residents.buildingId, gridWorkerId: grids.gridWorkerId })
    .from(residents)
    .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
    .leftJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
    .where(and(eq(residents.tenantId, tenantId), eq(residents.id, residentId)));
  if (!row || row.status !== 'active') throw new UseCaseError('resident.notFound');
  const tags = await tx
    .select({ id: residentTags.id, name: residentTags.name })
    .from(residentTagLinks)
    .innerJoin(residentTags, and(eq(residentTags.tenantId, residentTagLinks.tenantId), eq(residentTags.id, residentTagLinks.tagId)))
    .where(and(eq(residentTagLinks.tenantId, tenantId), eq(residentTagLinks.residentId, residentId)));
  return { ...row, tagIds: tags.map((t) => t.id), livesAlone: tags.some((t) => t.name === LIVING_ALONE_TAG) };
}
export type MealPerson = Awaited<ReturnType<typeof mealPerson>>;

/** The subsidy rules in force on a day (every version whose dates include it). */
export async function rulesInForce(tx: Tx, tenantId: string, day: string): Promise<SubsidyRule[]> {
  return tx
    .select({
      id: mealSubsidyRules.id,
      name: mealSubsidyRules.name,
      tagId: mealSubsidyRules.tagId,
      minAge: mealSubsidyRules.minAge,
      perMealCents: mealSubsidyRules.perMealCents,
      monthlyCapCents: mealSubsidyRules.monthlyCapCents,
      priority: mealSubsidyRules.priority,
      effectiveFrom: mealSubsidyRules.effectiveFrom,
      effectiveTo: mealSubsidyRules.effectiveTo,
    })
    .from(mealSubsidyRules)
    .where(and(eq(mealSubsidyRules.tenantId, tenantId), lte(mealSubsidyRules.effectiveFrom, day), or(isNull(mealSubsidyRules.effectiveTo), sql`${mealSubsidyRules.effectiveTo} > ${day}`)));
}

/**
 * The price of one meal for a person on a day: the sitting's full price, the subsidy of the one rule that applies
 * (domain `winningRule`: highest priority, then larger amount) within what is left of its monthly cap, and what the
 * person pays. `counting`: 'served' counts the month's served meals only (the subsidy fixed when a meal is served);
 * 'planned' counts booked meals too (the estimate shown before booking). `exceptBookingId` leaves one booking out.
 * Amounts in fen.
 */
export async function priceMeal(
  tx: Tx,
  tenantId: string,
  sitting: SittingRow,
  person: Pick<MealPerson, 'id' | 'birth' | 'tagIds'>,
  day: string,
  counting: 'served' | 'planned',
  exceptBookingId?: string,
) {
  const rule = winningRule(await rulesInForce(tx, tenantId, day), person, day);
  let used = 0;
  if (rule?.monthlyCapCents != null) {
    const { from, to } = monthRange(day);
    const [sum] = await tx
      .select({ cents: sql<number>`coalesce(sum(${mealBookings.subsidyCents}), 0)::int` })
      .from(mealBookings)
      .where(
        and(
          eq(mealBookings.tenantId, tenantId),
          eq(mealBookings.residentId, person.id),
          gte(mealBookings.day, from),
          lt(mealBookings.day, to),
          inArray(mealBookings.status, counting === 'served' ? ['served'] : ['served', 'booked']),
          exceptBookingId ? ne(mealBookings.id, exceptBookingId) : undefined,
        ),
      );
    used = sum?.cents ?? 0;
  }
  const subsidyCents = mealSubsidy(rule, sitting.priceCents, used);
  return { priceCents: sitting.priceCents, subsidyCents, payCents: sitting.priceCents - subsidyCents, ruleId: rule?.id ?? null, category: rule?.name ?? null };
}

/**
 * Prices again the live bookings (booked or waiting: not yet served) from `fromDay` on, after the community changed
 * what a meal costs (a subsidy rule from a date, addSubsidyRule; a sitting's price, saveMealSitting), optionally of
 * one sitting: each is quoted as bookMeal would now (priceMeal 'planned', itself left out of the cap), in day and
 * queue order so the month's cap is used up as the meals come. A booking kept the old estimate before, so "我的"
 * showed two prices for the same meal (issue 19's trial). Served meals are never touched (their subsidy is fixed
 * when served). Each (sitting, day) is locked as bookMeal locks it (lockSittingDay), in one sorted order, before its
 * bookings are read again and priced. Output: how many bookings changed price.
 */
export async function repriceLiveBookings(tx: Tx, tenantId: string, fromDay: string, options: { sittingId?: string } = {}, now = new Date()): Promise<number> {
  const live = await tx
    .select()
    .from(mealBookings)
    .where(and(eq(mealBookings.tenantId, tenantId), gte(mealBookings.day, fromDay), inArray(mealBookings.status, ['booked', 'waiting']), options.sittingId ? eq(mealBookings.sittingId, options.sittingId) : undefined))
    .orderBy(asc(mealBookings.day), asc(mealBookings.queuedAt), asc(mealBookings.id));
  // Under the locks bookings take (lockSittingDay), each (sitting, day) once and in one order, before any row is
  // written: a booking or a cancellation of the same day waits, so a price is never written over a moved booking.
  const days = [...new Set(live.map((b) => `${b.day} ${b.sittingId}`))].sort();
  for (const key of days) {
    const [day, sittingId] = key.split(' ');
    await lockSittingDay(tx, tenantId, sittingId!, day!);
  }
  const sittings = new Map<string, SittingRow>();
  let changed = 0;
  for (const first of live) {
    // Read again under the lock: it may have been cancelled, served or promoted meanwhile.
    const [b] = await tx.select().from(mealBookings).where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.id, first.id)));
    if (!b || (b.status !== 'booked' && b.status !== 'waiting')) continue;
    const sitting = sittings.get(b.sittingId) ?? (await loadSitting(tx, tenantId, b.sittingId));
    sittings.set(b.sittingId, sitting);
    // Only a refusal (moved out, no longer in the register) skips it; a database fault is not hidden as a skip.
    const person = await mealPerson(tx, tenantId, b.residentId).catch((error: unknown) => {
      if (error instanceof UseCaseError) return null;
      throw error;
    });
    if (!person) continue; // moved out: the booking is the office's to cancel, its price as it was
    const price = await priceMeal(tx, tenantId, sitting, person, b.day, 'planned', b.id);
    if (price.priceCents === b.priceCents && price.subsidyCents === b.subsidyCents && price.ruleId === b.ruleId) continue;
    await tx
      .update(mealBookings)
      .set({ priceCents: price.priceCents, subsidyCents: price.subsidyCents, ruleId: price.ruleId, category: price.category, updatedAt: now })
      .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.id, b.id)));
    changed += 1;
  }
  return changed;
}

/** Places taken on a sitting and day (booked, served, missed: meals the kitchen cooks). */
export async function placesTaken(tx: Tx, tenantId: string, sittingId: string, day: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(mealBookings)
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.sittingId, sittingId), eq(mealBookings.day, day), inArray(mealBookings.status, ['booked', 'served', 'missed'])));
  return row?.n ?? 0;
}

/** A sitting's day in one count: places taken (booked, served, missed) and how many wait. */
export async function sittingDayCounts(tx: Tx, tenantId: string, sittingId: string, day: string): Promise<{ taken: number; waiting: number }> {
  const [row] = await tx
    .select({
      taken: sql<number>`count(*) filter (where ${mealBookings.status} in ('booked', 'served', 'missed'))::int`,
      waiting: sql<number>`count(*) filter (where ${mealBookings.status} = 'waiting')::int`,
    })
    .from(mealBookings)
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.sittingId, sittingId), eq(mealBookings.day, day)));
  return { taken: row?.taken ?? 0, waiting: row?.waiting ?? 0 };
}

/** The first on the waiting list of a sitting and day (queued first), if any. */
export async function firstWaiting(tx: Tx, tenantId: string, sittingId: string, day: string): Promise<BookingRow | null> {
  const [row] = await tx
    .select()
    .from(mealBookings)
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.sittingId, sittingId), eq(mealBookings.day, day), eq(mealBookings.status, 'waiting')))
    .orderBy(asc(mealBookings.queuedAt), asc(mealBookings.id))
    .limit(1);
  return row ?? null;
}

/**
 * Loads a booking the caller may act on: staff of the community (`action` 'update'), a deliverer ('deliver': staff, or
 * a grid worker for the people of their own grids), whoever may book for the person ('cancel': staff, or a grid
 * worker for the people of their own grids: assertBooksFor), or the resident it is for or their family. With
 * `lock`, the booking's subject lock (decision 026: the subject first, then its deadline rows) and then its row.
 * Lock order of meal help: the sitting and day (lockSittingDay), then a booking's subject, its row, its deadline.
 */
export async function loadBooking(tx: Tx, caller: MealCaller, bookingId: string, lock = false, action: 'update' | 'deliver' | 'cancel' = 'update'): Promise<BookingRow> {
  const tenantId = mealCommunity(caller);
  if (!isUuid(bookingId)) throw new UseCaseError('meal.booking.notFound');
  if (lock) await lockBookingSubject(tx, tenantId, bookingId);
  const query = tx.select().from(mealBookings).where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.id, bookingId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new UseCaseError('meal.booking.notFound');
  if (isResidentCaller(caller)) {
    if (row.residentId !== caller.resident.residentId && row.bookedByResidentId !== caller.resident.residentId && !(await isFamilyOf(tx, tenantId, caller.resident.residentId, row.residentId))) {
      throw new UseCaseError('meal.booking.notFound');
    }
  } else if (action === 'cancel') {
    // Whoever may book for the person (a grid worker for their own grids) may cancel that booking.
    await assertBooksFor(tx, caller.ability, tenantId, row.residentId, mealService(tenantId), 'meal.booking.notFound');
  } else if (action === 'update' || caller.ability.can('update', mealService(tenantId))) {
    assertCan(caller.ability, 'update', mealService(tenantId));
  } else {
    // A deliverer who is not the station's staff (a grid worker): the people of their own grids only; anyone else's
    // booking is not found for them, as the register is (loadResident).
    assertCan(caller.ability, 'deliver', mealService(tenantId));
    await loadResident(tx, caller.ability, tenantId, row.residentId).catch((error: unknown) => {
      // Not theirs to see (a refusal): not found for them; a database fault stays one.
      if (error instanceof UseCaseError || (error instanceof Error && error.name === 'ForbiddenError')) throw new UseCaseError('meal.booking.notFound');
      throw error;
    });
  }
  return row;
}

/**
 * Whether `familyId` may book for `residentId`: a household link between them (either way), or `familyId` recorded
 * as the person's family contact (decision 034's resident_links).
 */
export async function isFamilyOf(tx: Tx, tenantId: string, familyId: string, residentId: string): Promise<boolean> {
  const rows = await tx
    .select({ kind: residentLinks.kind })
    .from(residentLinks)
    .where(
      and(
        eq(residentLinks.tenantId, tenantId),
        or(
          and(eq(residentLinks.residentId, residentId), eq(residentLinks.otherId, familyId)),
          and(eq(residentLinks.residentId, familyId), eq(residentLinks.otherId, residentId), eq(residentLinks.kind, 'household')),
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The subject a booking's collection timer is about (decision 026). */
export const MEAL_BOOKING_SUBJECT = 'meal_booking';
/** The deadline kind: the meal must be served by the end of its sitting's serving hours. */
export const MEAL_COLLECT_KIND = 'collect';
export const bookingRef = (tenantId: string, bookingId: string): SubjectRef => ({ tenantId, type: MEAL_BOOKING_SUBJECT, id: bookingId });

/**
 * Starts the collection timer of a booked meal of an elder living alone: due when the sitting's serving hours end
 * on the booking's day (calendar time, China). Its breach (missed-meal.ts) tells their grid worker, once.
 */
export async function watchCollection(tx: Tx, tenantId: string, booking: Pick<BookingRow, 'id' | 'day'>, sitting: SittingRow, person: Pick<MealPerson, 'livesAlone'>, now: Date) {
  if (!person.livesAlone) return;
  const dueAt = chinaInstant(booking.day, sitting.serveUntil);
  await startSubjectDeadline(tx, {
    subject: bookingRef(tenantId, booking.id),
    kind: MEAL_COLLECT_KIND,
    holderOrgUnitId: tenantId,
    now,
    allowedMs: Math.max(0, dueAt.getTime() - now.getTime()),
    plan: { dueAt, remindAt: [], provisional: false },
  });
}

/** A booking's subject lock (decision 026), taken before its row and its deadline rows. */
export async function lockBookingSubject(tx: Tx, tenantId: string, bookingId: string) {
  await lockSubjectKeys(tx, { tenantId, type: MEAL_BOOKING_SUBJECT }, [bookingId], false);
}

/** Ends a booking's collection timer (served: met; cancelled or given away: cancelled). */
export async function settleCollection(tx: Tx, tenantId: string, bookingId: string, outcome: 'met' | 'cancelled', now: Date) {
  await settleDeadlines(tx, bookingRef(tenantId, bookingId), [MEAL_COLLECT_KIND], outcome, now);
}

/**
 * Promotes the first on the waiting list to a place freed on a sitting and day (a cancellation before the cut-off,
 * a meal given away after it). Its price is quoted again for the day, and the person is told by text message (notify
 * meal_place_promoted, through the outbox as the school's offers), and so is a family member who booked it for them
 * (meal_place_promoted_for: tellPersonAndBooker). Returns the promoted booking's id, or null.
 */
export async function promoteFirstWaiting(tx: Tx, tenantId: string, sitting: SittingRow, day: string, now: Date): Promise<string | null> {
  const next = await firstWaiting(tx, tenantId, sitting.id, day);
  if (!next) return null;
  const person = await mealPerson(tx, tenantId, next.residentId);
  const price = await priceMeal(tx, tenantId, sitting, person, day, 'planned', next.id);
  await tx
    .update(mealBookings)
    .set({ status: 'booked', priceCents: price.priceCents, subsidyCents: price.subsidyCents, ruleId: price.ruleId, category: price.category, updatedAt: now })
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.id, next.id)));
  await watchCollection(tx, tenantId, next, sitting, person, now);
  // Told by text message, as the school tells an offered place (the outbox, delivered by the worker), when the
  // register has their number: a promotion nobody hears of is a meal nobody collects (issue 19's trial) — the person,
  // and whoever booked it for them on 我的 (a daughter for her father), each once.
  const [, m, d] = day.split('-');
  await tellPersonAndBooker(tx, { tenantId, residentId: next.residentId, bookedByResidentId: next.bookedByResidentId, kind: 'meal_place_promoted', forKind: 'meal_place_promoted_for', data: { day: `${Number(m)}月${Number(d)}日`, meal: sitting.name, from: sitting.serveFrom, until: sitting.serveUntil } });
  return next.id;
}
