import { z } from './validation.ts';
import { CONTENT_MAX_LENGTH, MAX_PHOTOS, NAME_MAX_LENGTH, normalizeMobile, PHOTO_MAX_BYTES } from '@shequ/domain';

const length = (s: string) => Array.from(s).length;

/**
 * The resident form, checked in the browser and again on the server (then once more by the use case, which also
 * checks photos by content). Messages are i18n keys.
 */
export const intakeSchema = z
  .object({
    categoryId: z.string({ required_error: 'intake.category.invalid' }).uuid('intake.category.invalid'),
    content: z
      .string({ required_error: 'intake.content.required' })
      .refine((v) => v.trim().length > 0, 'intake.content.required')
      .refine((v) => length(v.trim()) <= CONTENT_MAX_LENGTH, 'intake.content.tooLong'),
    buildingId: z.string().uuid('intake.building.invalid').optional(),
    name: z
      .string()
      .optional()
      .refine((v) => !v || length(v.trim()) <= NAME_MAX_LENGTH, 'intake.name.tooLong'),
    mobile: z
      .string()
      .optional()
      .refine((v) => !v || normalizeMobile(v) !== null, 'intake.mobile.invalid'),
    consent: z.boolean().optional(),
    photos: z
      .array(z.instanceof(File))
      .optional()
      .transform((files) => (files ?? []).filter((f) => f.size > 0))
      .refine((files) => files.length <= MAX_PHOTOS, 'intake.photos.tooMany')
      .refine((files) => files.every((f) => f.size <= PHOTO_MAX_BYTES), 'intake.photos.tooLarge'),
    /** The form's random key: the same form sent twice stores one case (checked by submitCase). */
    submissionKey: z.string().optional(),
    /** Honeypot: hidden from people, filled by bots. */
    website: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.name?.trim() || v.mobile?.trim()) && !v.consent) ctx.addIssue({ code: 'custom', path: ['consent'], message: 'intake.consent.required' });
  });
