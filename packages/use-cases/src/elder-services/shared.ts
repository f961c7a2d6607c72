import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { abilityAssessments, elderServiceBookings, elderServices, elderServiceSlots, elderServiceSubsidyRules, isUuid, type Tx } from '@shequ/db';
import { chinaDate, mealSubsidy, monthRange, SERVICE_HOLDS_PLACE, type SubsidyRule, winningRule } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { isFamilyOf, isResidentCaller, type MealResidentCaller, mealPerson } from '../meals/station.ts';
import { actingFor } from '../residents/acting-for.ts';
import { assertBooksFor } from '../residents/books-for.ts';

// The building blocks of the station's service bookings (decision 044). Not use cases themselves.

/** Staff, or a resident acting for themselves or a parent on 我的 (the station's resident caller, decision 038). */
export type ServiceCaller = StaffCaller | MealResidentCaller;

export function serviceCommunity(caller: ServiceCaller): string {
  const tenantId = isResidentCaller(caller) ? caller.resident.tenantId : caller.actor.workspace.tenantId;
  if (!tenantId) throw new UseCaseError('service.notFound');
  return tenantId;
}

export const elderService = (tenantId: string) => subject('ElderService', { tenantId });

/** Checks a staff caller may `action` the station's services (a resident caller is refused: not found). */
export function assertServiceStaff(caller: ServiceCaller, action: 'read' | 'create' | 'update' | 'manage'): StaffCaller {
  if (isResidentCaller(caller)) throw new UseCaseError('service.notFound');
  assertCan(caller.ability, action, elderService(serviceCommunity(caller)));
  return caller;
}

export type ServiceRow = typeof elderServices.$inferSelect;
export type SlotRow = typeof elderServiceSlots.$inferSelect;
export type ServiceBookingRow = typeof elderServiceBookings.$inferSelect;

export async function loadService(tx: Tx, tenantId: string, serviceId: string): Promise<ServiceRow> {
  if (!isUuid(serviceId)) throw new UseCaseError('service.notFound');
  const [row] = await tx.select().from(elderServices).where(and(eq(elderServices.tenantId, tenantId), eq(elderServices.id, serviceId)));
  if (!row) throw new UseCaseError('service.notFound');
  return row;
}

/** A slot and its service; with `lock`, the slot's advisory lock first (bookings of one slot are serialised by it). */
export async function loadSlot(tx: Tx, tenantId: string, slotId: string, lock = false): Promise<{ slot: SlotRow; service: ServiceRow }> {
  if (!isUuid(slotId)) throw new UseCaseError('service.slot.notFound');
  if (lock) await lockSlot(tx, tenantId, slotId);
  const [slot] = await tx.select().from(elderServiceSlots).where(and(eq(elderServiceSlots.tenantId, tenantId), eq(elderServiceSlots.id, slotId)));
  if (!slot) throw new UseCaseError('service.slot.notFound');
  return { slot, service: await loadService(tx, tenantId, slot.serviceId) };
}

/** Places taken on a slot (requested, confirmed, done). */
export async function slotTaken(tx: Tx, tenantId: string, slotId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(elderServiceBookings)
    .where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.slotId, slotId), inArray(elderServiceBookings.status, [...SERVICE_HOLDS_PLACE])));
  return row?.n ?? 0;
}

/** Who books whom (self, family for a parent, staff): see actingFor. Refuses: service.notFamily; resident.notFound; forbidden. */
export async function serviceParty(tx: Tx, caller: ServiceCaller, residentId: string) {
  const tenantId = serviceCommunity(caller);
  return { tenantId, ...(await actingFor(tx, caller, tenantId, residentId, { notFamily: 'service.notFamily', assertStaff: (staff) => assertServiceStaff(staff, 'create') })) };
}

/** The date of a person's latest ability assessment on file, or null. */
export async function latestAssessment(tx: Tx, tenantId: string, residentId: string): Promise<{ assessedOn: string; level: number } | null> {
  const [row] = await tx
    .select({ assessedOn: abilityAssessments.assessedOn, level: abilityAssessments.level })
    .from(abilityAssessments)
    .where(and(eq(abilityAssessments.tenantId, tenantId), eq(abilityAssessments.residentId, residentId)))
    .orderBy(sql`${abilityAssessments.assessedOn} desc`)
    .limit(1);
  return row ?? null;
}

/**
 * The price of a service for a person on its day, as for meals (decision 038): the full price, the subsidy of the
 * one rule that applies (domain winningRule over the services' rule table: rules of this kind or of every kind),
 * within what is left of its monthly cap (the month's subsidies under that rule's name, every version of it), and what
 * the person pays. `counting`: 'done' counts the month's services done only (the subsidy fixed when done); 'planned'
 * counts requested and confirmed ones too. Fen.
 */
export async function priceService(tx: Tx, tenantId: string, service: ServiceRow, slot: SlotRow, residentId: string, counting: 'done' | 'planned', exceptBookingId?: string) {
  const day = chinaDate(slot.startsAt);
  const person = await mealPerson(tx, tenantId, residentId);
  const rows = await tx
    .select()
    .from(elderServiceSubsidyRules)
    .where(
      and(
        eq(elderServiceSubsidyRules.tenantId, tenantId),
        or(isNull(elderServiceSubsidyRules.serviceKind), eq(elderServiceSubsidyRules.serviceKind, service.kind)),
        lte(elderServiceSubsidyRules.effectiveFrom, day),
        or(isNull(elderServiceSubsidyRules.effectiveTo), sql`${elderServiceSubsidyRules.effectiveTo} > ${day}`),
      ),
    );
  const rules: SubsidyRule[] = rows.map((r) => ({ id: r.id, name: r.name, tagId: r.tagId, minAge: r.minAge, perMealCents: r.perUseCents, monthlyCapCents: r.monthlyCapCents, priority: r.priority, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo }));
  const rule = winningRule(rules, person, day);
  let used = 0;
  if (rule?.monthlyCapCents != null) {
    const { from, to } = monthRange(day);
    const [sum] = await tx
      .select({ cents: sql<number>`coalesce(sum(${elderServiceBookings.subsidyCents}), 0)::int` })
      .from(elderServiceBookings)
      .innerJoin(elderServiceSlots, and(eq(elderServiceSlots.tenantId, elderServiceBookings.tenantId), eq(elderServiceSlots.id, elderServiceBookings.slotId)))
      .where(
        and(
          eq(elderServiceBookings.tenantId, tenantId),
          eq(elderServiceBookings.residentId, residentId),
          // The rule by its name, not its row: a change of amount mid-month is a new row of the same rule, and the
          // cap is the month's, across its versions (services.int: a rule changed mid-month).
          eq(elderServiceBookings.category, rule.name),
          gte(elderServiceSlots.startsAt, new Date(`${from}T00:00:00+08:00`)),
          lt(elderServiceSlots.startsAt, new Date(`${to}T00:00:00+08:00`)),
          inArray(elderServiceBookings.status, counting === 'done' ? ['done'] : ['requested', 'confirmed', 'done']),
          exceptBookingId ? ne(elderServiceBookings.id, exceptBookingId) : undefined,
        ),
      );
    used = sum?.cents ?? 0;
  }
  const subsidyCents = mealSubsidy(rule, service.priceCents, used);
  return { priceCents: service.priceCents, subsidyCents, payCents: service.priceCents - subsidyCents, ruleId: rule?.id ?? null, category: rule?.name ?? null };
}

/**
 * Loads a booking the caller may act on: staff (update), or the person it is for, who booked it, or their family.
 * `onBehalf` (cancelling): also whoever may book for the person (a grid worker for their own grids: assertBooksFor).
 */
export async function loadServiceBooking(tx: Tx, caller: ServiceCaller, bookingId: string, onBehalf = false): Promise<ServiceBookingRow> {
  const tenantId = serviceCommunity(caller);
  if (!isUuid(bookingId)) throw new UseCaseError('service.booking.notFound');
  const [row] = await tx.select().from(elderServiceBookings).where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.id, bookingId)));
  if (!row) throw new UseCaseError('service.booking.notFound');
  if (isResidentCaller(caller)) {
    const self = caller.resident.residentId;
    if (row.residentId !== self && row.bookedByResidentId !== self && !(await isFamilyOf(tx, tenantId, self, row.residentId))) throw new UseCaseError('service.booking.notFound');
  } else if (onBehalf) {
    await assertBooksFor(tx, caller.ability, tenantId, row.residentId, elderService(tenantId), 'service.booking.notFound');
  } else {
    assertCan(caller.ability, 'update', elderService(tenantId));
  }
  return row;
}

/** A booking locked for a change: its slot's lock, then read afresh, with its slot and service. */
export async function lockServiceBooking(tx: Tx, caller: ServiceCaller, bookingId: string, onBehalf = false) {
  const tenantId = serviceCommunity(caller);
  const first = await loadServiceBooking(tx, caller, bookingId, onBehalf);
  const { slot, service } = await loadSlot(tx, tenantId, first.slotId, true);
  return { tenantId, slot, service, booking: await loadServiceBooking(tx, caller, bookingId, onBehalf) };
}

/** A slot's advisory lock (community, slot): bookings of one slot are serialised by it (loadSlot with `lock`). */
export async function lockSlot(tx: Tx, tenantId: string, slotId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:service_slot:${slotId}`}, 0))`);
}

/**
 * Prices again the live service bookings (requested or confirmed: not yet done) of slots starting from `from` on,
 * after the community changed what a service costs (a subsidy rule from a date, addServiceSubsidyRule; a service's
 * price, saveElderService), optionally of one service: each quoted as bookService would now (priceService 'planned',
 * itself left out of the cap), in slot and booking order, each slot under its lock as bookings take it (meal help's
 * repriceLiveBookings). Bookings kept their old price before (issue 19's trial). Done services are never touched.
 * Output: how many bookings changed price.
 */
export async function repriceLiveServiceBookings(tx: Tx, tenantId: string, from: Date, options: { serviceId?: string } = {}, now = new Date()): Promise<number> {
  const live = await tx
    .select({ b: elderServiceBookings, startsAt: elderServiceSlots.startsAt })
    .from(elderServiceBookings)
    .innerJoin(elderServiceSlots, and(eq(elderServiceSlots.tenantId, elderServiceBookings.tenantId), eq(elderServiceSlots.id, elderServiceBookings.slotId)))
    .where(
      and(
        eq(elderServiceBookings.tenantId, tenantId),
        gte(elderServiceSlots.startsAt, from),
        inArray(elderServiceBookings.status, ['requested', 'confirmed']),
        options.serviceId ? eq(elderServiceSlots.serviceId, options.serviceId) : undefined,
      ),
    )
    .orderBy(asc(elderServiceSlots.startsAt), asc(elderServiceBookings.createdAt), asc(elderServiceBookings.id));
  const locked = new Set<string>();
  let changed = 0;
  for (const { b } of live) {
    if (!locked.has(b.slotId)) {
      await lockSlot(tx, tenantId, b.slotId);
      locked.add(b.slotId);
    }
    const [now_] = await tx.select().from(elderServiceBookings).where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.id, b.id)));
    if (!now_ || (now_.status !== 'requested' && now_.status !== 'confirmed')) continue;
    const { slot, service } = await loadSlot(tx, tenantId, b.slotId);
    // Only a refusal (moved out, no longer in the register) skips it; a database fault is not hidden as a skip.
    const price = await priceService(tx, tenantId, service, slot, b.residentId, 'planned', b.id).catch((error: unknown) => {
      if (error instanceof UseCaseError) return null;
      throw error;
    });
    if (!price) continue;
    if (price.priceCents === now_.priceCents && price.subsidyCents === now_.subsidyCents && price.ruleId === now_.ruleId) continue;
    await tx
      .update(elderServiceBookings)
      .set({ priceCents: price.priceCents, subsidyCents: price.subsidyCents, ruleId: price.ruleId, category: price.category, updatedAt: now })
      .where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.id, b.id)));
    changed += 1;
  }
  return changed;
}

/** No-shows per person (all time): how often they booked and did not come. */
export async function noShowCounts(tx: Tx, tenantId: string, residentIds: string[]): Promise<Map<string, number>> {
  if (!residentIds.length) return new Map();
  const rows = await tx
    .select({ residentId: elderServiceBookings.residentId, n: sql<number>`count(*)::int` })
    .from(elderServiceBookings)
    .where(and(eq(elderServiceBookings.tenantId, tenantId), inArray(elderServiceBookings.residentId, residentIds), eq(elderServiceBookings.status, 'no_show')))
    .groupBy(elderServiceBookings.residentId);
  return new Map(rows.map((r) => [r.residentId, r.n]));
}
