import { ELDER_SERVICE_KINDS } from '@shequ/domain';
import { z, wholeNumber, calendarDay, yuanCents } from '../zod.ts';

// Input schemas of the station's service bookings (decision 044), shared by the pages (Conform) and the use cases.

const day = calendarDay;
const uuid = z.string().uuid();
const optionalInt = (max: number) => z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), wholeNumber(1, max).nullable());

/**
 * saveElderService: a service (kind, name, minutes, price in yuan, days within which an ability assessment is needed,
 * the least age of who may book it: 60 unless given; empty or 0: anyone).
 */
export const saveElderServiceSchema = z.object({
  kind: z.enum(ELDER_SERVICE_KINDS),
  name: z.string().trim().min(1).max(20),
  durationMinutes: wholeNumber(5, 480),
  price: yuanCents,
  assessmentDays: optionalInt(3650),
  minAge: z.preprocess((v) => (v === '' || v === null ? 0 : v), wholeNumber(0, 120)).default(60),
});

/** addServiceSlots: slots of a service on a day at the times typed ("09:00 10:30 14:00"), each with its places. */
export const addServiceSlotsSchema = z.object({
  serviceId: uuid,
  day,
  times: z.string().trim().min(1).max(200),
  capacity: wholeNumber(1, 50),
  place: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(40).nullable().optional()),
});

/** addServiceSubsidyRule: a row (or a new version from a date) of the services' subsidy rule table, amounts in yuan. */
export const addServiceSubsidyRuleSchema = z.object({
  name: z.string().trim().min(1).max(20),
  serviceKind: z.preprocess((v) => (v === '' ? null : v), z.enum(ELDER_SERVICE_KINDS).nullable().optional()),
  tagId: z.preprocess((v) => (v === '' ? null : v), uuid.nullable().optional()),
  minAge: z.preprocess((v) => (v === '' || v === undefined ? null : v), wholeNumber(0, 120).nullable()),
  perUse: yuanCents,
  monthlyCap: z.preprocess((v) => (v === '' || v === undefined ? null : v), yuanCents.nullable()),
  priority: wholeNumber(0, 100).default(0),
  effectiveFrom: day,
});

/** bookService / quoteService: who, which slot. */
export const bookServiceSchema = z.object({ slotId: uuid, residentId: uuid });

/** confirmServiceBooking / cancelServiceBooking / markServiceNoShow: one booking. */
export const serviceBookingSchema = z.object({ bookingId: uuid });

/** completeService: the booking done, and the note after the service. */
export const completeServiceSchema = z.object({ bookingId: uuid, note: z.string().trim().min(1).max(500) });

/** recordAbilityAssessment: an assessment on file (GB/T 42195-2022 level 0–4, as the assessor gave it). */
export const recordAbilityAssessmentSchema = z.object({
  residentId: uuid,
  assessedOn: day,
  level: wholeNumber(0, 4),
  assessor: z.string().trim().min(1).max(40),
});

// The pages' forms, by intent.

/** The services page: a service, slots, a rule, a booking on behalf, an assessment, a booking's steps. */
export const elderServicesFormSchema = z.discriminatedUnion('intent', [
  saveElderServiceSchema.extend({ intent: z.literal('service') }),
  addServiceSlotsSchema.extend({ intent: z.literal('slots') }),
  addServiceSubsidyRuleSchema.extend({ intent: z.literal('rule') }),
  bookServiceSchema.extend({ intent: z.literal('book') }),
  recordAbilityAssessmentSchema.extend({ intent: z.literal('assessment') }),
  serviceBookingSchema.extend({ intent: z.literal('confirm') }),
  serviceBookingSchema.extend({ intent: z.literal('cancel') }),
  serviceBookingSchema.extend({ intent: z.literal('noShow') }),
  completeServiceSchema.extend({ intent: z.literal('done') }),
]);

/** The resident's services page on 我的: request a slot, cancel. */
export const myServicesFormSchema = z.discriminatedUnion('intent', [bookServiceSchema.extend({ intent: z.literal('book') }), serviceBookingSchema.extend({ intent: z.literal('cancel') })]);
