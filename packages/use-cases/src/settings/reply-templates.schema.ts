import { z } from '../zod.ts';

const length = (s: string) => Array.from(s.trim()).length;
const text = (max: number, message: string) =>
  z
    .string({ required_error: message })
    .refine((v) => v.trim().length > 0, message)
    .refine((v) => length(v) <= max, message);

/** A reply template (addReplyTemplate): a title up to 40 characters and its text up to 2000. */
export const addReplyTemplateSchema = z.object({ title: text(40, 'refusals.settings.templateTitle.invalid'), body: text(2000, 'refusals.settings.templateBody.invalid') });

/** The community's settings (updateCommunitySettings): days after which an unrated closed case counts as rated, 1–60. */
export const saveCommunitySettingsSchema = z.object({
  intent: z.literal('saveSettings'),
  unratedCloseDays: z
    .number({ required_error: 'refusals.settings.unratedCloseDays.invalid', invalid_type_error: 'refusals.settings.unratedCloseDays.invalid' })
    .int('refusals.settings.unratedCloseDays.invalid')
    .min(1, 'refusals.settings.unratedCloseDays.invalid')
    .max(60, 'refusals.settings.unratedCloseDays.invalid'),
});

/** The settings page's forms, by intent: a template added or removed (an unknown id is a 404), the unrated-close days. */
export const communitySettingsFormSchema = z.discriminatedUnion('intent', [
  addReplyTemplateSchema.extend({ intent: z.literal('addTemplate') }),
  z.object({ intent: z.literal('removeTemplate'), templateId: z.string().default('') }),
  saveCommunitySettingsSchema,
]);
