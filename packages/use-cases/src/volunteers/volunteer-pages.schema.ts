import { wholeNumber, z } from '../zod.ts';
import { recordTrainingSchema } from './volunteers.schema.ts';

// Input schemas of the volunteer pages added after the outside trial of issue 17 (stop 27): a team's own page, a
// volunteer's page, the figures by month. Shared by pages (server-checked, the same schema in the browser) and use
// cases, as volunteers.schema.ts.

const uuid = z.string().uuid();
const checked = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
const optionalUuid = z.preprocess((v) => (v === '' ? null : v), uuid.nullable().optional());

/** getVolunteerTeam: one team with its members. */
export const volunteerTeamIdSchema = z.object({ teamId: uuid });

/** updateVolunteerTeam: a team's focus, deputy (a person of the register, or none) and whether it recruits. */
export const updateVolunteerTeamSchema = z.object({
  teamId: uuid,
  focus: z.string().trim().max(200).optional().nullable(),
  deputyResidentId: optionalUuid,
  recruiting: checked,
});
export type UpdateVolunteerTeamFields = z.input<typeof updateVolunteerTeamSchema>;

/** The team page's form (the team's id comes from the address). */
export const volunteerTeamPageSchema = updateVolunteerTeamSchema.omit({ teamId: true });

/** getVolunteerProfile: one volunteer of the register. */
export const volunteerProfileSchema = z.object({ residentId: uuid });

/** volunteerFigures / exportVolunteerFigures: a calendar year (China time), optionally one month of it (1–12). */
export const volunteerPeriodSchema = z.object({
  year: wholeNumber(2000, 2100),
  month: z.preprocess((v) => (v === '' || v === null ? undefined : v), wholeNumber(1, 12).optional()),
});

/** The volunteer page's form: a training record (the volunteer's id comes from the address). */
export const volunteerProfilePageSchema = recordTrainingSchema.omit({ residentId: true });
