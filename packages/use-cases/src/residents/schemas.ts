import { z } from '../zod.ts';
import { CONSENT_CHANNELS, GENDERS } from '@shequ/domain';

// The register's input schemas (decision 034), one per input, shared by the page (Conform, in the browser and on
// the server) and the use case. They shape what a form sends; the rules (mobile, ID number, birth, building,
// duplicates) are the use cases' own, refused with codes of RESIDENT_REFUSALS beside the field.

const text = (max: number) => z.string().trim().max(max).optional().nullable();
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? null : v), z.enum(values).nullable().optional());
const idList = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(50));
const checked = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

/** A person's fields, as the new and edit forms send them. */
export const personSchema = z.object({
  name: z.string().trim().min(1).max(40),
  mobile: text(30),
  idNumber: text(30),
  gender: choice(GENDERS),
  birth: text(20),
  buildingId: text(40),
  unit: text(20),
  room: text(20),
  note: text(500),
  tagIds: idList,
});

/** registerResident: a person, their consent (how it was given), and whether a mobile shared with someone else is meant. */
export const registerResidentSchema = personSchema.extend({
  consent: checked,
  consentChannel: z.enum(CONSENT_CHANNELS).default('in_person'),
  sharedMobile: checked,
});
export type RegisterResidentFields = z.input<typeof registerResidentSchema>;

/** editResident: the person's id and their fields; name, mobile and ID number left empty stay as they are (they are sealed, so the form cannot show them). */
export const editResidentSchema = personSchema.extend({ residentId: z.string().uuid(), name: text(40), sharedMobile: checked });
export type EditResidentFields = z.input<typeof editResidentSchema>;

/** findResidents: the list's filters (from the URL). */
export const findResidentsSchema = z.object({
  q: z.string().trim().max(40).optional().default(''),
  tagId: z.string().uuid().optional().or(z.literal('').transform(() => undefined)),
  buildingId: z.string().uuid().optional().or(z.literal('').transform(() => undefined)),
  gridId: z.string().uuid().optional().or(z.literal('').transform(() => undefined)),
  status: z.enum(['active', 'moved_out']).optional().default('active'),
  /** Only people at least this old (e.g. 60). */
  minAge: z.coerce.number().int().min(0).max(120).optional().or(z.literal('').transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().default(50),
});
export type FindResidentsFields = z.input<typeof findResidentsSchema>;

/** moveOutResident: who, and optionally why (kept in the audit log). */
export const moveOutResidentSchema = z.object({ residentId: z.string().uuid(), reason: text(200) });

/** mergeResidents: the record kept and its duplicate (whose history moves to the kept one). */
export const mergeResidentsSchema = z.object({ keepId: z.string().uuid(), duplicateId: z.string().uuid() });

/** revealResident: whose full name, mobile and ID number to show. */
export const revealResidentSchema = z.object({ residentId: z.string().uuid() });

/** addResidentTag: a tag the community adds to its list. */
export const addResidentTagSchema = z.object({ name: z.string().trim().min(1).max(12) });

/** linkResidents: a household link (lives with) or a family contact, with the relation in words (配偶, 女儿 …). */
export const linkResidentsSchema = z.object({
  residentId: z.string().uuid(),
  otherId: z.string().uuid(),
  kind: z.enum(['household', 'family_contact']),
  relation: text(10),
});

/** importResidents: the roster's bytes and name, dry run or commit, and the office's word that the people consented. */
export const importResidentsSchema = z.object({
  commit: checked,
  consent: checked,
});

/**
 * The person page's forms, by intent: reveal the sealed fields (revealResident), move out (moveOutResident, with an
 * optional reason) and add a link to someone found by mobile or ID number (`other`, looked up with findResidents;
 * linkResidents then checks both people).
 */
export const residentPageFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('reveal') }),
  // Decision 035: every sign-in of the person ends.
  z.object({ intent: z.literal('revokeSessions') }),
  z.object({ intent: z.literal('moveOut'), reason: text(200) }),
  z.object({ intent: z.literal('link'), other: z.string().trim().min(1).max(40), kind: z.enum(['household', 'family_contact']).default('household'), relation: text(10) }),
]);
export type ResidentPageForm = z.output<typeof residentPageFormSchema>;

/** The merge page's form: the duplicate to merge into the page's person (mergeResidents; the kept id is the URL's). */
export const mergeDuplicateSchema = mergeResidentsSchema.pick({ duplicateId: true });

/** A roster file (importResidents reads .xlsx or .csv); none chosen is refused beside the file field. */
const rosterFile = z.instanceof(File, { message: 'refusals.resident.import.empty' }).refine((f) => f.size > 0, 'refusals.resident.import.empty');

/**
 * The import page's form, by intent: 预检查 (`check`, a dry run) and 导入 (`commit`) post the same file and the
 * office's word that the people consented (importResidentsSchema's flags; the use case refuses a commit without it).
 */
export const importResidentsFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('check'), file: rosterFile, consent: checked }),
  z.object({ intent: z.literal('commit'), file: rosterFile, consent: checked }),
]);
