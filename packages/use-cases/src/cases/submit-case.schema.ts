import { CONTENT_MAX_LENGTH, MAX_PHOTOS, NAME_MAX_LENGTH, normalizeMobile, PHOTO_MAX_BYTES } from '@shequ/domain';
import { withRules, z } from '../zod.ts';

const length = (s: string) => Array.from(s).length;

/**
 * The fields of a new case (submitCase), for the resident's form and the staff's. Messages are i18n keys, the same
 * codes submitCase refuses with (it parses its input with these fields too).
 */
export const caseFields = {
  categoryId: z.string({ required_error: 'intake.category.invalid' }).uuid('intake.category.invalid'),
  // One refinement, not two: each Zod refinement layer costs about 4 µs of CPU per parse, and every resident
  // submission parses this twice (issue 13's intake benchmark).
  content: z.string({ required_error: 'intake.content.required' }).superRefine((v, ctx) => {
    const trimmed = v.trim();
    if (!trimmed) ctx.addIssue({ code: 'custom', message: 'intake.content.required' });
    else if (length(trimmed) > CONTENT_MAX_LENGTH) ctx.addIssue({ code: 'custom', message: 'intake.content.tooLong' });
  }),
  buildingId: z.string().uuid('intake.building.invalid').nullish(),
  name: z
    .string()
    .nullish()
    .refine((v) => !v || length(v.trim()) <= NAME_MAX_LENGTH, 'intake.name.tooLong'),
  mobile: z
    .string()
    .nullish()
    .refine((v) => !v || !v.trim() || normalizeMobile(v) !== null, 'intake.mobile.invalid'),
  /** The form's random key: the same form sent twice stores one case (checked by submitCase). */
  submissionKey: z.string().nullish(),
};

/** What submitCase checks again whoever calls it (the photos it checks by content itself). */
export const caseInputSchema = z.object(caseFields);

/** A resident who leaves a name or a number agrees to its use (the 'qr' channel; staff record on the person's word). */
export function needsConsent(v: { name?: string | null; mobile?: string | null; consent?: boolean }): boolean {
  return Boolean((v.name?.trim() || v.mobile?.trim()) && !v.consent);
}

/**
 * The residents' wish form, checked in the browser, by the route and by the fast lane (the same schema), and by
 * submitCase (which also checks photos by content).
 */
export const submitWishSchema = withRules(
  z.object({
    ...caseFields,
    consent: z.boolean().optional(),
    photos: z
      .array(z.instanceof(File))
      .optional()
      .transform((files, ctx) => {
        const chosen = (files ?? []).filter((f) => f.size > 0);
        if (chosen.length > MAX_PHOTOS) ctx.addIssue({ code: 'custom', message: 'intake.photos.tooMany' });
        if (chosen.some((f) => f.size > PHOTO_MAX_BYTES)) ctx.addIssue({ code: 'custom', message: 'intake.photos.tooLarge' });
        return chosen;
      }),
    /** Honeypot: hidden from people, filled by bots. */
    website: z.string().optional(),
  }),
  // Said with the fields' own problems (an empty wish and a number left without consent, in one answer); a name or a
  // number typed asks for consent whether or not it is valid.
  (v, ctx, sent) => {
    if (needsConsent({ name: typeof sent.name === 'string' ? sent.name : null, mobile: typeof sent.mobile === 'string' ? sent.mobile : null, consent: v.consent })) ctx.addIssue({ code: 'custom', path: ['consent'], message: 'intake.consent.required' });
  },
);

/** A case recorded by staff for a resident who called or came in (submitCase with channel phone or walk_in). */
export const recordCaseSchema = z.object({ ...caseFields, channel: z.enum(['phone', 'walk_in']).catch('walk_in') });
