import { cleanText, normalizeTrackingCode } from '@shequ/domain';
import { messageWith, z } from '../zod.ts';

/** The longest comment of a resident's rating, in characters (rateCase refuses more: case.ratingComment.tooLong). */
export const RATING_COMMENT_MAX = 500;

const length = (s: string) => Array.from(s.trim()).length;
const text = (max: number, required: string, tooLong: string) =>
  z
    .string({ required_error: required })
    .refine((v) => v.trim().length > 0, required)
    .refine((v) => length(v) <= max, tooLong);

/** The tracking-code lookup: what a resident typed, as long as it reads as a code. */
export const trackLookupSchema = z.object({
  code: z
    .string({ required_error: 'resident.trackNotFound' })
    .max(40, 'resident.trackNotFound')
    .refine((v) => normalizeTrackingCode(v) !== null, 'resident.trackNotFound'),
});

/** What a resident does on their case's page (rateCase, supplyResidentInfo, reopenCase), by the form's intent. */
export const residentCaseActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('rate'),
    rating: z.number({ required_error: 'refusals.case.residentRating.invalid', invalid_type_error: 'refusals.case.residentRating.invalid' }).int('refusals.case.residentRating.invalid').min(1, 'refusals.case.residentRating.invalid').max(5, 'refusals.case.residentRating.invalid'),
    comment: z.string().optional().refine((v) => Array.from(cleanText(v ?? '')).length <= RATING_COMMENT_MAX, messageWith('refusals.case.ratingComment.tooLong', { max: RATING_COMMENT_MAX })),
  }),
  z.object({ intent: z.literal('supply'), text: text(1000, 'refusals.case.supply.required', 'refusals.case.supply.tooLong') }),
  z.object({ intent: z.literal('reopen'), reason: text(500, 'refusals.case.reopenReason.required', 'refusals.case.reopenReason.tooLong') }),
]);
