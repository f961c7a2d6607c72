import { and, asc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { chinaDate, type MealBookingStatus, type MealKind, type MealMode, mealCutoff } from '@shequ/domain';
import { mealBookings, mealSittings, residentLinks, residents, type Tx } from '@shequ/db';
import type { ResidentCaller, ResidentSelf } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { getMealWeek } from './get-meal-week.ts';
import { quoteMeal } from './quote-meal.ts';
import { type MealResidentCaller, mealCardCode } from './station.ts';
import { mealDiets } from './who-books.ts';

// Meal help on the resident's own page, "我的" (issue 19, decision 038; the page is decision 035's).

/**
 * The meal-help caller of a resident signed in to "我的": the register person their number is linked to.
 * Refuses: meal.notResident (a sign-up staff have not confirmed yet: no register person to book for).
 */
export function mealResidentOf(caller: ResidentCaller): MealResidentCaller {
  const { tenantId, residentId } = caller.resident;
  if (!residentId) throw new UseCaseError('meal.notResident');
  return { actor: null, ability: caller.ability, resident: { tenantId, residentId } };
}

/**
 * The people a resident may book meals for: themselves first, then those whose family contact they are in the
 * register (resident_links, any kind, the person → this resident) and the members of their household (either way),
 * the same relation bookMeal checks (isFamilyOf). Active register entries only. Output: `[{ id, nameHint, self }]`.
 */
export async function mealPeopleOf(tx: Tx, tenantId: string, selfId: string) {
  const linked = await tx
    .select({ residentId: residentLinks.residentId, otherId: residentLinks.otherId })
    .from(residentLinks)
    .where(and(eq(residentLinks.tenantId, tenantId), or(eq(residentLinks.otherId, selfId), and(eq(residentLinks.residentId, selfId), eq(residentLinks.kind, 'household')))));
  const ids = [...new Set([selfId, ...linked.map((l) => (l.otherId === selfId ? l.residentId : l.otherId))])];
  const rows = await tx
    .select({ id: residents.id, nameHint: residents.nameHint })
    .from(residents)
    .where(and(eq(residents.tenantId, tenantId), inArray(residents.id, ids), eq(residents.status, 'active')));
  return ids.flatMap((id) => rows.filter((r) => r.id === id).map((r) => ({ id: r.id, nameHint: r.nameHint, self: r.id === selfId })));
}

/** Upcoming bookings (from `today`, China time) of some people, with their sitting, price and place in line. */
async function upcomingBookings(tx: Tx, tenantId: string, residentIds: string[], today: string, now: Date) {
  if (!residentIds.length) return [];
  const rows = await tx
    .select({
      id: mealBookings.id,
      residentId: mealBookings.residentId,
      nameHint: residents.nameHint,
      day: mealBookings.day,
      sittingId: mealBookings.sittingId,
      sitting: mealSittings.name,
      meal: mealSittings.meal,
      cutoffDaysBefore: mealSittings.cutoffDaysBefore,
      cutoffTime: mealSittings.cutoffTime,
      mode: mealBookings.mode,
      diets: mealBookings.diets,
      status: mealBookings.status,
      queuedAt: mealBookings.queuedAt,
      priceCents: mealBookings.priceCents,
      subsidyCents: mealBookings.subsidyCents,
      category: mealBookings.category,
      position: sql<number | null>`case when ${mealBookings.status} = 'waiting' then (select count(*)::int from meal_bookings w where w.tenant_id = ${mealBookings.tenantId} and w.sitting_id = ${mealBookings.sittingId} and w.day = ${mealBookings.day} and w.status = 'waiting' and (w.queued_at, w.id) <= (${mealBookings.queuedAt}, ${mealBookings.id})) end`,
    })
    .from(mealBookings)
    .innerJoin(mealSittings, and(eq(mealSittings.tenantId, mealBookings.tenantId), eq(mealSittings.id, mealBookings.sittingId)))
    .innerJoin(residents, and(eq(residents.tenantId, mealBookings.tenantId), eq(residents.id, mealBookings.residentId)))
    .where(and(eq(mealBookings.tenantId, tenantId), inArray(mealBookings.residentId, residentIds), gte(mealBookings.day, today), inArray(mealBookings.status, ['booked', 'waiting', 'served', 'missed'])))
    .orderBy(asc(mealBookings.day), asc(mealSittings.meal))
    .limit(20);
  return rows.map(({ cutoffDaysBefore, cutoffTime, ...r }) => {
    const cutoffAt = mealCutoff(r.day, cutoffDaysBefore, cutoffTime);
    return {
      ...r,
      meal: r.meal as MealKind,
      mode: r.mode as MealMode,
      status: r.status as MealBookingStatus,
      payCents: r.priceCents - r.subsidyCents,
      cutoffAt: cutoffAt.toISOString(),
      cancellable: (r.status === 'booked' || r.status === 'waiting') && now < cutoffAt,
    };
  });
}

/**
 * The "我的" section of meal help (MY_PAGE_SECTIONS key `myMeals`): the upcoming meals of the resident and of the
 * family they may book for, or `ready: false` while their sign-up waits for staff. Plain JSON.
 * Output: `{ ready, bookings: [{ id, nameHint, day, sitting, meal, mode, status, position, payCents, … }] }`.
 */
export async function listMyMeals(tx: Tx, self: ResidentSelf, now = new Date()) {
  if (!self.residentId) return { ready: false, bookings: [] };
  const people = await mealPeopleOf(tx, self.tenantId, self.residentId);
  const bookings = await upcomingBookings(
    tx,
    self.tenantId,
    people.map((p) => p.id),
    chinaDate(now),
    now,
  );
  return { ready: true, bookings: bookings.map((b) => ({ ...b, queuedAt: b.queuedAt.toISOString(), self: b.residentId === self.residentId })) };
}

/**
 * What the resident's meal page shows for one person (the resident, or a parent they may book for, `forResidentId`):
 * who they may book for; the next `days` days (default 3, at most 7) that have a published menu still open for
 * booking (strictly before the sitting's cut-off, China time), each with its dishes and the price quoted for that
 * person before booking (full price, subsidy of the rule that applies to them, what they pay, in fen; places left);
 * that person's upcoming bookings (cancellable before the cut-off); their meal card code for the counter; and the
 * diets they may ask for when booking (mealDiets, as staff are offered: 软食, 低盐, 低糖, 清真 …).
 * Input: `{ forResidentId?, cipher, days?, now? }` (an id of someone else falls back to the resident themselves).
 * Output: `{ people, person: { id, nameHint, self }, card, diets, offers: [...], bookings: [...] }`.
 * Refuses: meal.notResident (sign-up not confirmed yet).
 * Policy: priority groups for meal help, 民发〔2023〕58号 (POLICY.md); amounts from the community's rule table.
 */
export async function getMyMeals(tx: Tx, caller: ResidentCaller, input: { forResidentId?: string | null; cipher: PersonalDataCipher; days?: number; now?: Date }) {
  const mc = mealResidentOf(caller);
  const { tenantId, residentId: selfId } = mc.resident;
  const now = input.now ?? new Date();
  const today = chinaDate(now);
  const people = await mealPeopleOf(tx, tenantId, selfId);
  const person = people.find((p) => p.id === input.forResidentId) ?? people.find((p) => p.self)!;
  if (!person) throw new UseCaseError('meal.notResident');
  const week = await getMealWeek(tx, mc, { from: today, days: 7 });
  const wanted = Math.min(7, Math.max(1, input.days ?? 3));
  const mine = await upcomingBookings(tx, tenantId, [person.id], today, now);
  const offers = [];
  for (const day of week.days) {
    const open = day.sittings.filter((s) => s.menu && now < s.cutoffAt);
    if (!open.length) continue;
    for (const s of open) {
      const quote = await quoteMeal(tx, mc, { residentId: person.id, sittingId: s.sittingId, day: day.day, now });
      const booking = mine.find((b) => b.sittingId === s.sittingId && b.day === day.day) ?? null;
      // A booked meal shows its booking's price, the one it is charged (the quote would count the booking itself
      // toward the monthly cap): one price for one meal (issue 19's trial saw two after a rule change).
      const price = booking ? { priceCents: booking.priceCents, subsidyCents: booking.subsidyCents, payCents: booking.payCents, category: booking.category } : quote;
      offers.push({
        day: day.day,
        sittingId: s.sittingId,
        name: s.name,
        meal: s.meal as MealKind,
        cutoffAt: s.cutoffAt.toISOString(),
        dishes: s.menu!.dishes.map((d) => d.name),
        priceCents: price.priceCents,
        subsidyCents: price.subsidyCents,
        payCents: price.payCents,
        category: price.category,
        placesLeft: quote.placesLeft,
        booking: booking ? { id: booking.id, status: booking.status, position: booking.position } : null,
      });
    }
    if (new Set(offers.map((o) => o.day)).size >= wanted) break;
  }
  return {
    people,
    person,
    card: mealCardCode(input.cipher, tenantId, person.id),
    diets: await mealDiets(tx, tenantId),
    offers,
    bookings: mine.map((b) => ({ ...b, queuedAt: b.queuedAt.toISOString() })),
  };
}
