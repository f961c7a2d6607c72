import { z } from '../zod.ts';

const length = (s: string) => Array.from(s.trim()).length;
const text = (max: number, message: string) =>
  z
    .string({ required_error: message })
    .refine((v) => v.trim().length > 0, message)
    .refine((v) => length(v) <= max, message);

/** A reply template (addReplyTemplate): a title up to 40 characters and its text up to 2000. */
export const addReplyTemplateSchema = z.object({ title: text(40, 'settings.errors.templateTitle.invalid'), body: text(2000, 'settings.errors.templateBody.invalid') });

/** The settings page's forms, by intent: a template added or removed (an unknown id is a 404), the unrated-close days. */
export const communitySettingsFormSchema = z.discriminatedUnion('intent', [
  addReplyTemplateSchema.extend({ intent: z.literal('addTemplate') }),
  z.object({ intent: z.literal('removeTemplate'), templateId: z.string().default('') }),
  z.object({
    intent: z.literal('saveSettings'),
    unratedCloseDays: z
      .number({ required_error: 'settings.errors.unratedCloseDays.invalid', invalid_type_error: 'settings.errors.unratedCloseDays.invalid' })
      .int('settings.errors.unratedCloseDays.invalid')
      .min(1, 'settings.errors.unratedCloseDays.invalid')
      .max(60, 'settings.errors.unratedCloseDays.invalid'),
  }),
]);
