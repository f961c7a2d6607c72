import { z } from '../zod.ts';

const name40 = (message: string) =>
  z
    .string({ required_error: message })
    .refine((v) => v.trim().length > 0, message)
    .refine((v) => Array.from(v.trim()).length <= 40, message);

/** A grid (createGrid, updateGrid): its name, a 15-digit code if it has one, its grid worker and party-group leader. */
export const gridSchema = z.object({
  name: name40('refusals.grid.name.invalid'),
  code: z
    .string()
    .nullish()
    .refine((v) => !v || /^\d{15}$/.test(v.trim()), 'refusals.grid.code.invalid'),
  gridWorkerId: z.string().nullish(),
  partyLeaderId: z.string().nullish(),
});

/** Buildings added to a grid (createBuildings): one name, a list (13栋、15栋) or a range (1-12栋), expanded by the use case. */
export const addBuildingsSchema = z.object({
  name: z.string({ required_error: 'refusals.grid.buildingNames.empty' }).refine((v) => v.trim().length > 0, 'refusals.grid.buildingNames.empty'),
  gridId: z.string({ required_error: 'refusals.grid.notFound' }),
});

/** The grids page's forms, by intent. Ids that are not this community's are refused by the use case (404). */
export const gridsFormSchema = z.discriminatedUnion('intent', [
  gridSchema.extend({ intent: z.literal('createGrid') }),
  gridSchema.extend({ intent: z.literal('updateGrid'), gridId: z.string().default('') }),
  addBuildingsSchema.extend({ intent: z.literal('createBuilding') }),
  z.object({ intent: z.literal('moveBuilding'), buildingId: z.string().default(''), gridId: z.string().default('') }),
]);
