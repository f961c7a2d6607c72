import { calendarDay, filledIn, type Sent, wholeNumber, withRules, z } from '../zod.ts';
import { isCalendarDay, normalizeMobile, PARTNER_UNIT_KINDS } from '@shequ/domain';

// Partner units and service posts (issue 18, decision 037): input schemas shared by pages and use cases.

/** An optional text of at most `max` characters; `message`: what a longer one is told (naming its field). */
const optionalText = (max: number, message?: string) => z.preprocess((v) => (v === '' ? null : v), z.string({ message }).trim().max(max, message).nullable().optional());
/** An optional calendar day (YYYY-MM-DD); `message`: what another text is told (naming its field). */
const day = (message: string) => z.preprocess((v) => (v === '' ? null : v), z.string({ message }).trim().refine((v) => isCalendarDay(v), { message }).nullable().optional());

/**
 * registerPartnerUnit: the unit, its contact person (sealed), what it offers, membership dates. Each field's problem
 * is said in words that name the field (单位名称, 地址 …: an empty name was told 请填写标题), on the form and in the
 * import's report alike (partnerUnitProblems).
 */
export const partnerUnitSchema = z.object({
  // Absent does not stop the other checks (the dates' rule is said with it: partnerUnitDatesProblems).
  name: z
    .string({ message: 'refusals.partner.name.required' })
    .trim()
    .max(100, 'refusals.partner.name.tooLong')
    .optional()
    .superRefine((v, ctx) => {
      if (!v) ctx.addIssue({ code: 'custom', message: 'refusals.partner.name.required' });
    }) as unknown as z.ZodType<string, z.ZodTypeDef, string>,
  kind: z.enum(PARTNER_UNIT_KINDS, { message: 'refusals.partner.kind.invalid' }),
  address: optionalText(200, 'refusals.partner.address.tooLong'),
  contactName: optionalText(40, 'refusals.partner.contactName.tooLong'),
  // A mainland mobile number, checked here too so the browser says it with the rest (partnerUnitProblems checks it again).
  contactMobile: optionalText(30, 'refusals.partner.mobile.invalid').refine((v) => !v || normalizeMobile(v) !== null, 'refusals.partner.mobile.invalid'),
  offers: optionalText(500, 'refusals.partner.offers.tooLong'),
  memberSince: day('refusals.partner.memberSince.invalid'),
  memberUntil: day('refusals.partner.memberUntil.invalid'),
  partyMembersReported: z.preprocess(
    (v) => (v === '' || v == null ? 0 : v),
    z.coerce.number({ message: 'refusals.partner.partyMembers.invalid' }).int('refusals.partner.partyMembers.invalid').min(0, 'refusals.partner.partyMembers.invalid').max(10_000, 'refusals.partner.partyMembers.invalid'),
  ),
});
export type PartnerUnitFields = z.input<typeof partnerUnitSchema>;

/**
 * The register form's rule across fields (partnerUnitProblems's, same code): 退出日期 not before 加入日期
 * (partner.membership.invalid, beside 退出日期). A function, so partnerUnitSchema stays an object that pages extend.
 */
export function partnerUnitDatesProblems(v: { memberSince?: unknown; memberUntil?: unknown }, ctx: z.RefinementCtx) {
  if (typeof v.memberSince === 'string' && typeof v.memberUntil === 'string' && isCalendarDay(v.memberSince) && isCalendarDay(v.memberUntil) && v.memberUntil < v.memberSince)
    ctx.addIssue({ code: 'custom', path: ['memberUntil'], message: 'refusals.partner.membership.invalid' });
}

const checked = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
/** A post's leader (a person of the register, optional) and whether the post requires a party member as leader. */
const postLeaderFields = {
  leaderResidentId: z.preprocess((v) => (v === '' ? null : v), z.string().uuid('refusals.partner.leader.notEligible').nullable().optional()),
  requiresPartyLeader: checked.optional(),
};

/** createServicePost: what, for whom, where, recurrence (weekly:<1-7> | monthly:<n>:<1-7>), time, capacity, keywords, leader. */
export const servicePostSchema = z.object({
  title: z.string({ message: 'refusals.consultation.title.required' }).trim().min(1, 'refusals.consultation.title.required').max(100),
  description: optionalText(1000),
  audience: optionalText(100),
  place: optionalText(200),
  recurrence: z.string({ message: 'refusals.partner.recurrence.invalid' }).regex(/^(weekly:[1-7]|monthly:[1-5]:[1-7])$/, 'refusals.partner.recurrence.invalid'),
  startTime: z.string({ message: 'refusals.partner.startTime.invalid' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'refusals.partner.startTime.invalid'),
  durationMinutes: z.preprocess((v) => (v === '' || v == null ? 120 : v), wholeNumber(15, 720)),
  capacity: z.preprocess((v) => (v === '' || v == null ? null : v), wholeNumber(1, 10_000).nullable()),
  keywords: z.preprocess((v) => (typeof v === 'string' ? v.split(/[,，、\s]+/).filter(Boolean) : (v ?? [])), z.array(z.string().max(20)).max(20)),
  ...postLeaderFields,
});
export type ServicePostFields = z.input<typeof servicePostSchema>;

/** setServicePostLeader: a post's leader and its party-member requirement, changed. */
export const servicePostLeaderSchema = z.object({ postId: z.string().uuid(), ...postLeaderFields });
export type ServicePostLeaderFields = z.input<typeof servicePostLeaderSchema>;

/**
 * The post forms' rule across fields (checkPostLeader's first, same code): a post that requires a party member as
 * its leader names a leader (partner.leader.required, beside 负责人). Whether that person is a party member needs
 * the register: the use cases say it.
 */
export function postLeaderProblems(v: { requiresPartyLeader?: unknown }, ctx: z.RefinementCtx, sent: Sent) {
  if (v.requiresPartyLeader === true && !filledIn(sent, 'leaderResidentId')) ctx.addIssue({ code: 'custom', path: ['leaderResidentId'], message: 'refusals.partner.leader.required' });
}

/** createServicePost's and setServicePostLeader's inputs with that rule (postLeaderProblems), every problem in one refusal. */
export const servicePostInputSchema = withRules(servicePostSchema, postLeaderProblems);
export const servicePostLeaderInputSchema = withRules(servicePostLeaderSchema, postLeaderProblems);


/** claimServicePost: a unit claims a post from a day. */
export const claimServicePostSchema = z.object({ postId: z.string().uuid(), partnerUnitId: z.string().uuid(), claimedOn: calendarDay });
export type ClaimServicePostFields = z.input<typeof claimServicePostSchema>;

/** recordOccurrence: an occurrence delivered (checked in) with the people served, missed, or cancelled. */
export const recordOccurrenceSchema = z.object({
  occurrenceId: z.string().uuid(),
  status: z.enum(['delivered', 'missed', 'cancelled']),
  peopleServed: z.preprocess((v) => (v === '' || v == null ? null : v), wholeNumber(0, 100_000).nullable()),
});
export type RecordOccurrenceFields = z.input<typeof recordOccurrenceSchema>;

/** checkInOccurrence: the occurrence's check-in code (read from its QR, or typed), and the people served when known. */
export const checkInOccurrenceSchema = z.object({
  code: z.string({ message: 'refusals.partner.code.required' }).trim().min(1, 'refusals.partner.code.required').max(20, 'refusals.partner.code.invalid'),
  peopleServed: z.preprocess((v) => (v === '' || v == null ? null : v), wholeNumber(0, 100_000).nullable().optional()),
});
export type CheckInOccurrenceFields = z.input<typeof checkInOccurrenceSchema>;

/** rateOccurrence: a resident's stars (1–5) and a comment. */
export const rateOccurrenceSchema = z.object({ stars: wholeNumber(1, 5), comment: optionalText(300) });
export type RateOccurrenceFields = z.input<typeof rateOccurrenceSchema>;

/** setPartyMemberUnit: a current reporting party member and the partner unit they work at (empty: none). */
export const setPartyMemberUnitSchema = z.object({
  memberId: z.string({ message: 'refusals.party.member.notFound' }).uuid('refusals.party.member.notFound'),
  partnerUnitId: z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid('refusals.partner.notFound').nullable()),
});
export type SetPartyMemberUnitFields = z.input<typeof setPartyMemberUnitSchema>;
