import { z } from '../zod.ts';

/**
 * The hierarchy page's forms, by intent: add a district, street or department (addOrgUnit), rename or retire one
 * (renameOrgUnit, retireOrgUnit), move a community to another street (moveCommunity). The use cases check names,
 * codes and ids and answer with their own messages.
 */
export const hierarchyFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('add'), kind: z.string().default(''), parentId: z.string().default(''), name: z.string().default(''), adminCode: z.string().default('') }),
  z.object({ intent: z.literal('rename'), id: z.string().default(''), name: z.string().default('') }),
  z.object({ intent: z.literal('retire'), id: z.string().default('') }),
  z.object({ intent: z.literal('move'), id: z.string().default(''), streetId: z.string().default(''), adminCode: z.string().default('') }),
]);
