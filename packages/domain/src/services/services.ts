import { addDays } from '../meals/meals.ts';
import { ageOn } from '../residents/register.ts';

// Bookings for services at the elderly service station (助浴, 助洁, 理疗, 康复; issue 19, decision 044). Pure rules; no
// amounts, durations or places here: they are the community's configuration.

export const ELDER_SERVICE_KINDS = ['bathing', 'cleaning', 'physio', 'rehab'] as const;
export type ElderServiceKind = (typeof ELDER_SERVICE_KINDS)[number];

/** requested (by a resident or family, to confirm) → confirmed → done | no_show; cancelled before the slot starts. */
export const SERVICE_BOOKING_STATUSES = ['requested', 'confirmed', 'cancelled', 'done', 'no_show'] as const;
export type ServiceBookingStatus = (typeof SERVICE_BOOKING_STATUSES)[number];
/** Statuses that hold a place of a slot. */
export const SERVICE_HOLDS_PLACE = ['requested', 'confirmed', 'done'] as const satisfies readonly ServiceBookingStatus[];

/**
 * The five levels of GB/T 42195-2022《老年人能力评估规范》, 0 (能力完好) to 4 (能力完全丧失), as recorded by the assessor.
 * The standard's score cut-offs are the assessor's; the product stores the level they give (POLICY.md).
 */
export const ABILITY_LEVELS = [0, 1, 2, 3, 4] as const;
export type AbilityLevel = (typeof ABILITY_LEVELS)[number];

/**
 * Whether a prerequisite "an ability assessment on file within `days` days" holds on `day` (the service's day, China
 * date): the latest assessment's date is no more than `days` days before it. `days` null: no prerequisite.
 */
export function assessmentCurrent(days: number | null, latestAssessedOn: string | null, day: string): boolean {
  if (days === null) return true;
  if (!latestAssessedOn) return false;
  return latestAssessedOn <= day && latestAssessedOn >= addDays(day, -days);
}

/**
 * Whether a person is old enough for a service on `day` (China date): the service's `minAge` (configured, e.g. 60;
 * null: anyone) against their age from the register's birth (YYYY-MM or YYYY-MM-DD). 'noBirth': the register has no
 * birth, so the age cannot be told (the station records it first).
 */
export function serviceAgeCheck(minAge: number | null, birth: string | null, day: string): 'ok' | 'tooYoung' | 'noBirth' {
  if (minAge === null || minAge <= 0) return 'ok';
  if (!birth) return 'noBirth';
  return ageOn(birth, day) >= minAge ? 'ok' : 'tooYoung';
}

/** What staff may do with a service booking at an instant. */
export type ServiceBookingActions = { confirm: boolean; cancel: boolean; done: boolean; noShow: boolean };

/**
 * The steps a service booking allows at `now`, the same conditions the use cases check (confirmServiceBooking,
 * cancelServiceBooking, completeService, markServiceNoShow), so the desk offers only what the server will do:
 * confirm a requested one; cancel a requested or confirmed one before its slot starts; from the start on, a confirmed
 * one is done (with the note) or a no-show.
 */
export function serviceBookingActions(status: string, startsAt: Date, now: Date): ServiceBookingActions {
  const started = now >= startsAt;
  return {
    confirm: status === 'requested',
    cancel: (status === 'requested' || status === 'confirmed') && !started,
    done: status === 'confirmed' && started,
    noShow: status === 'confirmed' && started,
  };
}
