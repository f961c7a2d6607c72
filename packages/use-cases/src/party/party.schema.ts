import { calendarDay, z } from '../zod.ts';

const optionalId = z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional());
const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());

/** A new 党总支 / 党支部 / 网格党小组: a branch sits under the general branch, a grid group under a branch and on a grid. */
export const createPartyOrgSchema = z.object({
  kind: z.enum(['general_branch', 'branch', 'grid_group']),
  name: z.string({ required_error: 'refusals.party.org.name' }).trim().min(1, 'refusals.party.org.name').max(40, 'refusals.party.org.name'),
  parentId: optionalId,
  gridId: optionalId,
});
export type CreatePartyOrgInput = z.input<typeof createPartyOrgSchema>;

/** A person of the register joins an organisation; 在职党员报到 (`reporting`) names the unit they work at. */
export const addPartyMemberSchema = z.object({
  residentId: z.string().uuid(),
  orgId: z.string().uuid(),
  kind: z.enum(['local', 'reporting']).default('local'),
  workUnit: optionalText(60),
  reportedOn: z.preprocess((v) => (v === '' ? undefined : v), calendarDay.optional()),
  duty: optionalText(12),
});
export type AddPartyMemberInput = z.input<typeof addPartyMemberSchema>;

export const removePartyMemberSchema = z.object({ memberId: z.string().uuid() });

/** The party page's forms, by intent. */
export const partyPageFormSchema = z.discriminatedUnion('intent', [
  createPartyOrgSchema.extend({ intent: z.literal('createOrg') }),
  z.object({ intent: z.literal('addMember'), orgId: z.string().uuid(), person: z.string({ required_error: 'refusals.party.member.person' }).trim().min(1, 'refusals.party.member.person').max(40, 'refusals.party.member.person'), kind: z.enum(['local', 'reporting']).default('local'), workUnit: optionalText(60), reportedOn: z.preprocess((v) => (v === '' ? undefined : v), calendarDay.optional()) }),
  removePartyMemberSchema.extend({ intent: z.literal('removeMember') }),
]);
