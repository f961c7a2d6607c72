import { defineRefusals } from '../refusal.ts';

/** Refusals of a community's settings (reply templates, closing unrated cases). */
export const SETTINGS_REFUSALS = defineRefusals({
  invalid: ['settings.templateTitle.invalid', 'settings.templateBody.invalid', 'settings.unratedCloseDays.invalid'],
  notFound: ['settings.notFound'],
  conflict: ['settings.templateTitle.taken'],
});
