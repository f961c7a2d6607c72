import { filledIn, localDateTime, type Sent, withRules, z } from '../zod.ts';
import { isCalendarDay, CARE_PERIOD_KINDS, CARE_TIERS, CONTACT_KINDS, MAJOR_CHANGE_KINDS, VISIT_FAMILY, VISIT_HEALTH, VISIT_LIVING, VISIT_NEEDS, VISIT_PERIODS, VISIT_SAFETY, VISIT_SEEN } from '@shequ/domain';

// Visiting care's input schemas (decision 039), one per input, shared by the pages (Conform, in the browser and on
// the server), the phone app's sync and the use cases. Messages are refusal codes (refusals.care.*).

const blankToNull = (v: unknown) => (v === '' ? null : v);
/** The longest need (its text becomes a case's content): longer is 'care.need.tooLong', never "required". */
export const CARE_NEED_MAX = 500;
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(blankToNull, z.enum(values).nullable().optional());
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values)).max(values.length));
// Its own refusal (not 'validation.date'): the offline app's sync posts JSON straight to the use case.
const day = z.string().trim().refine((v) => isCalendarDay(v), { message: 'care.period.invalid' });
const checked = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
// A coordinate on the globe (decision 078: a latitude of 999 was stored), told by its own message.
const coordinate = (bound: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v) : v), z.number({ invalid_type_error: 'care.location.invalid' }).finite('care.location.invalid').min(-bound, 'care.location.invalid').max(bound, 'care.location.invalid').nullable());
/** A location is both its latitude and its longitude, or neither (the missing one is named). */
export function locationPaired(v: { latitude?: number | null; longitude?: number | null }, ctx: z.RefinementCtx, sent?: Sent) {
  // On a form (`sent`), what was typed counts, valid or not: a latitude of 999 is told it is off the globe, not also missing.
  const lat = sent ? filledIn(sent, 'latitude') : (v.latitude ?? null) !== null;
  const lon = sent ? filledIn(sent, 'longitude') : (v.longitude ?? null) !== null;
  if (lat && !lon) ctx.addIssue({ code: 'custom', path: ['longitude'], message: 'care.location.partial' });
  if (!lat && lon) ctx.addIssue({ code: 'custom', path: ['latitude'], message: 'care.location.partial' });
}

/** One tier rule of the community's rules (tag names as the community's tag list has them). */
const tierRuleSchema = z.object({
  tier: z.enum(CARE_TIERS),
  tagsAll: z.array(z.string().max(12)).max(10).optional(),
  tagsAny: z.array(z.string().max(12)).max(20).optional(),
  minAge: z.number().int().min(0).max(130).optional(),
});

/** A version of the care rules: tier rules, each tier's policy, and the "due soon" span in days. */
export const careRulesSchema = z.object({
  rules: z.array(tierRuleSchema).min(1, 'care.rules.invalid').max(30, 'care.rules.invalid'),
  policies: z.object({
    high: z.object({ period: z.enum(VISIT_PERIODS), contactKinds: z.array(z.enum(CONTACT_KINDS)).min(1, 'care.rules.invalid') }),
    priority: z.object({ period: z.enum(VISIT_PERIODS), contactKinds: z.array(z.enum(CONTACT_KINDS)).min(1, 'care.rules.invalid') }),
    regular: z.object({ period: z.enum(VISIT_PERIODS), contactKinds: z.array(z.enum(CONTACT_KINDS)).min(1, 'care.rules.invalid') }),
  }),
  dueSoonDays: z.number().int().min(0, 'care.rules.invalid').max(30, 'care.rules.invalid'),
});

/**
 * saveCareRules: a new version from a date (today or later). `rows`: the row of the rules page each rule was typed in
 * (0-based; blank rows are dropped), so a refusal of a rule is said beside that row; absent, the rule's own place.
 */
export const saveCareRulesSchema = z.object({ effectiveFrom: day, rules: careRulesSchema, note: z.string().trim().max(200).nullish(), rows: z.array(z.number().int().min(0)).max(30).optional() });
export type SaveCareRulesFields = z.input<typeof saveCareRulesSchema>;

/** overrideCareTier: a tier chosen by staff (or none, back to the computed one) and why. */
export const overrideCareTierSchema = z.object({
  residentId: z.string().uuid('care.notFound'),
  tier: choice(CARE_TIERS),
  // Any change of tier, back to the rules too, says why (decision 078); a long reason is told its length.
  reason: z.preprocess((v) => (v === null || v === undefined ? '' : v), z.string().trim().min(1, 'care.reason.required').max(200, 'care.reason.tooLong?max=200')),
});
export type OverrideCareTierFields = z.input<typeof overrideCareTierSchema>;

/** pairCareVolunteer: a volunteer or party member of the register paired with a recipient (or none). */
export const pairCareVolunteerSchema = z.object({ residentId: z.string().uuid('care.notFound'), volunteerId: z.preprocess(blankToNull, z.string().uuid('care.volunteer.invalid').nullish()) });
export type PairCareVolunteerFields = z.input<typeof pairCareVolunteerSchema>;

/** recordMajorChange: what happened to a person (hospital stay, bereavement …), with a note. */
export const recordMajorChangeSchema = z.object({
  residentId: z.string().uuid('care.notFound'),
  kind: z.enum(MAJOR_CHANGE_KINDS, { errorMap: () => ({ message: 'care.kind.invalid' }) }),
  note: z.string().trim().max(300, 'care.note.tooLong?max=300').nullish(),
  // Drawn by the page (as the visit form's id, decision 078): the same form posted again records the change once.
  clientId: z.preprocess(blankToNull, z.string().uuid('care.invalid').nullish()),
});
export type RecordMajorChangeFields = z.input<typeof recordMajorChangeSchema>;

/** A period's name: its own message (a 5,000-character name was told "请填写正确的起止日期", decision 078). */
const periodName = z.string().trim().min(1, 'care.period.name?max=40').max(40, 'care.period.name?max=40');

/** declareCarePeriod: extreme weather or a festival, its first and last day (China time). */
const periodFields = {
  kind: z.enum(CARE_PERIOD_KINDS, { errorMap: () => ({ message: 'care.kind.invalid' }) }),
  name: periodName,
  firstDay: day,
  lastDay: day,
  clientId: z.preprocess(blankToNull, z.string().uuid('care.invalid').nullish()),
};
/** A period's rule across fields: its last day is not before its first (beside 最后一天), said with the fields' own problems. */
const periodInOrder = (v: { firstDay?: string; lastDay?: string }, ctx: z.RefinementCtx) => {
  if (v.firstDay && v.lastDay && v.lastDay < v.firstDay) ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'care.period.invalid' });
};
export const declareCarePeriodSchema = withRules(z.object(periodFields), periodInOrder);
export type DeclareCarePeriodFields = z.input<typeof declareCarePeriodSchema>;

/** withdrawCarePeriod: the period (one of the community's). */
export const withdrawCarePeriodSchema = z.object({ periodId: z.string().uuid('care.period.notFound') });
export type WithdrawCarePeriodFields = z.input<typeof withdrawCarePeriodSchema>;

/** handOverGrid: a grid's new grid worker (their people and last visits go with the grid). */
export const handOverGridSchema = z.object({ gridId: z.string().uuid('care.grid.notFound'), toUserId: z.string().uuid('care.worker.invalid') });
export type HandOverGridFields = z.input<typeof handOverGridSchema>;

/**
 * How many days back a visit recorded offline may be dated (decision 076): a week without signal is covered; a phone
 * kept longer is corrected by hand (the app's 改正时间), never used to date a visit back into an overdue window.
 */
export const OFFLINE_VISIT_BACK_DAYS = 7;
/** A visit whose date and receipt differ by more than this many minutes shows when it was received (decision 076). */
export const VISIT_RECEIPT_GAP_MINUTES = 10;

/**
 * recordVisit: the quick visit form (choices first, free text second). `id` is generated where the visit was
 * filled in (the phone, offline), so sending it again stores nothing new. A need found becomes a wish/case in the
 * same step (`needCase`: its category and what is needed).
 */
export const recordVisitSchema = z.object({
  id: z.string().uuid('care.invalid'),
  residentId: z.string().uuid('care.notFound'),
  kind: z.enum(CONTACT_KINDS, { errorMap: () => ({ message: 'care.kind.invalid' }) }),
  visitedAt: z.preprocess((v) => (typeof v === 'string' || typeof v === 'number' ? new Date(v) : v), z.date({ errorMap: () => ({ message: 'care.visitedAt.invalid' }) })),
  // Every contact says who was seen (decision 067; 076: the phone's sync and any direct caller too, not the web form only).
  seen: z.preprocess(blankToNull, z.enum(VISIT_SEEN, { errorMap: () => ({ message: 'care.seen.required' }) })),
  living: choice(VISIT_LIVING),
  health: choice(VISIT_HEALTH),
  safety: list(VISIT_SAFETY),
  familyCare: choice(VISIT_FAMILY),
  needs: list(VISIT_NEEDS),
  note: z.string().trim().max(500).nullish(),
  latitude: coordinate(90).optional(),
  longitude: coordinate(180).optional(),
  offline: checked.optional(),
  needCase: z
    .object({ categoryId: z.string().uuid('care.need.category'), content: z.string().trim().min(1, 'care.need.content').max(CARE_NEED_MAX, 'care.need.tooLong') })
    .nullish(),
});
export type RecordVisitFields = z.input<typeof recordVisitSchema>;

/** listCareRoster: the roster's filters. */
export const careRosterFilterSchema = z.object({
  gridId: z.preprocess(blankToNull, z.string().uuid().nullish()),
  tier: choice(CARE_TIERS),
  state: choice(['due', 'due_soon', 'overdue', 'upcoming', 'visited'] as const),
});
export type CareRosterFilter = z.input<typeof careRosterFilterSchema>;

/** The person's care page (issue 20): set or clear the tier by hand (with a reason), record a major change. */
export const carePersonFormSchema = z.discriminatedUnion('intent', [
  overrideCareTierSchema.omit({ residentId: true }).extend({ intent: z.literal('tier') }),
  recordMajorChangeSchema.omit({ residentId: true }).extend({ intent: z.literal('majorChange') }),
  // The volunteer or party member to pair, found by their mobile or ID number (exact, as the register finds people); empty ends the pairing.
  z.object({ intent: z.literal('pair'), other: z.string().trim().max(30, 'care.volunteer.invalid').optional() }),
]);
export type CarePersonFormFields = z.input<typeof carePersonFormSchema>;

const optionalUuid = (message: string) => z.preprocess(blankToNull, z.string().uuid(message).nullish());

/**
 * The quick visit form at 360 px and the phone app's queued visit (both posted as a form): recordVisit's fields with
 * the need found flat (`needCategoryId`, `needContent`: both or neither), an optional photo (a File, checked by
 * content and stripped of metadata by recordVisit), and `visitedAt` optional (the server's time when the form was
 * filled online; the phone's time for a visit recorded offline). `residentId` comes from the page's address or, for
 * the phone's queue, the record itself.
 */
const careVisitFields = recordVisitSchema.omit({ needCase: true, visitedAt: true, residentId: true }).extend({
  residentId: optionalUuid('care.notFound'),
  // Optional here so that "who was seen" and 方式 are said together with the other fields' problems (the checks of
  // careVisitFormSchema and careSyncFormSchema): a refinement does not run while a field of the object fails.
  seen: choice(VISIT_SEEN),
  kind: choice(CONTACT_KINDS),
  visitedAt: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' && /^\d+$/.test(v) ? new Date(Number(v)) : typeof v === 'string' ? new Date(v) : v),
    z.date({ errorMap: () => ({ message: 'care.visitedAt.invalid' }) }).optional(),
  ),
  needCategoryId: optionalUuid('care.need.category'),
  needContent: z.preprocess(blankToNull, z.string().trim().max(CARE_NEED_MAX, 'care.need.tooLong').nullish()),
  photo: z.preprocess((v) => (v instanceof File && v.size > 0 ? v : undefined), z.instanceof(File).optional()),
});
const needBoth = (_v: unknown, ctx: z.RefinementCtx, sent: Sent) => {
  // Each problem by its name (decision 076): only spaces is "write what is needed", not "choose the category"; what
  // was typed counts, valid or not (a need too long is told so, not also to choose its category).
  const category = filledIn(sent, 'needCategoryId');
  const content = filledIn(sent, 'needContent');
  if (category && !content) ctx.addIssue({ code: 'custom', path: ['needContent'], message: 'care.need.content' });
  if (!category && content) ctx.addIssue({ code: 'custom', path: ['needCategoryId'], message: 'care.need.category' });
};
/** Who was seen is asked of every visit (decision 067): a tap on 保存 with nothing chosen is not a visit. */
const seenChosen = (_v: unknown, ctx: z.RefinementCtx, sent: Sent) => {
  // 方式 too (optional among the fields so that both are said together, decision 078); a value of no kind is its field's own problem.
  if (!filledIn(sent, 'kind')) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'care.kind.invalid' });
  if (!filledIn(sent, 'seen')) ctx.addIssue({ code: 'custom', path: ['seen'], message: 'care.seen.required' });
};
// 无人在家 is recorded as an attempt that meets no window (recordVisit); the phone's sync checks the same (decision 076).
export const careVisitFormSchema = withRules(careVisitFields, (v, ctx, sent) => {
  needBoth(v, ctx, sent);
  seenChosen(v, ctx, sent);
  locationPaired(v, ctx, sent);
});
export type CareVisitFormFields = z.input<typeof careVisitFormSchema>;

/** The management page: declare a weather or festival period (or withdraw one), hand a grid over to another grid worker. */
export const careManageFormSchema = withRules(
  z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('period'), ...periodFields }),
    handOverGridSchema.extend({ intent: z.literal('handOver') }),
    withdrawCarePeriodSchema.extend({ intent: z.literal('withdrawPeriod') }),
  ]),
  // The period's days in order (declareCarePeriod's rule): the page said it only after the server's round.
  (v, ctx) => {
    if (v.intent === 'period') periodInOrder(v, ctx);
  },
);
export type CareManageFormFields = z.input<typeof careManageFormSchema>;

/** fileCareNeed: a need recorded on its own in the phone app (its id generated there), filed as a case. */
export const careNeedSchema = z.object({
  id: z.string().uuid('care.invalid'),
  residentId: z.string().uuid('care.notFound'),
  categoryId: z.string({ errorMap: () => ({ message: 'care.need.category' }) }).uuid('care.need.category'),
  content: z.string({ errorMap: () => ({ message: 'care.need.content' }) }).trim().min(1, 'care.need.content').max(CARE_NEED_MAX, 'care.need.tooLong'),
  // When the phone kept it (ms or ISO; decision 078): a need kept before the person was handed over is still taken.
  madeAt: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' && /^\d+$/.test(v) ? new Date(Number(v)) : typeof v === 'string' || typeof v === 'number' ? new Date(v) : v),
    z.date({ errorMap: () => ({ message: 'care.invalid' }) }).optional(),
  ),
});
export type CareNeedFields = z.input<typeof careNeedSchema>;

/** The person details the phone app may edit offline (plain register columns). */
export const OFFLINE_EDIT_FIELDS = ['unit', 'room', 'note'] as const;
/** The longest note an offline edit may set. */
export const OFFLINE_NOTE_MAX = 500;
// Values as the phone sent them: a field the app does not edit (or anything but text) is refused as care.invalid; the
// edited values' own rules (unit and room as doors are written, the note's length) are applyOfflineEdit's, with
// their messages (a 2,000-character room answered 500: `TypeError … validation.tooLong`, found from outside).
const editValue = (max?: number) => z.union([max ? z.string().max(max, 'care.invalid') : z.string(), z.null()], { errorMap: () => ({ message: 'care.invalid' }) }).optional();
const baseValues = z.object({ unit: editValue(1000), room: editValue(1000), note: editValue(1000) }, { errorMap: () => ({ message: 'care.invalid' }) }).strict('care.invalid');
const editValues = z.object({ unit: editValue(), room: editValue(), note: editValue() }, { errorMap: () => ({ message: 'care.invalid' }) }).strict('care.invalid');

/** applyOfflineEdit: an offline edit of a person, with the version and values it started from. */
export const offlineEditSchema = z.object({
  id: z.string().uuid('care.invalid'),
  residentId: z.string().uuid('care.notFound'),
  baseVersion: z.string().datetime({ offset: true, message: 'care.invalid' }),
  base: baseValues,
  mine: editValues,
  editedAt: z.preprocess((v) => (typeof v === 'string' || typeof v === 'number' ? new Date(v) : v), z.date({ errorMap: () => ({ message: 'care.invalid' }) })),
});
export type OfflineEditInput = z.input<typeof offlineEditSchema>;

const side = z.preprocess(blankToNull, z.enum(['mine', 'theirs']).nullish());
/** resolveCareConflict (and the conflict page's form): for each field, keep the server's value or take the phone's. */
export const resolveCareConflictSchema = z.object({ id: z.string().uuid('care.notFound'), unit: side, room: side, note: side });
export type ResolveCareConflictFields = z.input<typeof resolveCareConflictSchema>;

/** The edit as the phone app posts it: one JSON field (so a value cleared on purpose is told from one not edited). */
const editJson = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}, z.object({ baseVersion: z.string(), base: z.record(z.unknown()), mine: z.record(z.unknown()), editedAt: z.union([z.string(), z.number()]) }, { errorMap: () => ({ message: 'care.invalid' }) }));

/**
 * The phone app's sync (issue 20): one queued record per post, a form like the online ones — a visit (the quick
 * visit form's fields, `residentId` and `visitedAt` from the phone), a need on its own, or an offline edit of a
 * person (its JSON). Each carries the id the phone generated, so a record sent again is stored once.
 */
/** The account a phone's record belongs to (the membership id that made it; decision 053): checked against the session. */
const recordOwner = { owner: z.string().max(64).optional() };
export const careSyncFormSchema = withRules(
  z.discriminatedUnion('intent', [
    careVisitFields.extend({ intent: z.literal('visit'), residentId: z.string().uuid('care.notFound'), ...recordOwner }),
    careNeedSchema.extend({ intent: z.literal('need'), ...recordOwner }),
    z.object({ intent: z.literal('edit'), id: z.string().uuid('care.invalid'), residentId: z.string().uuid('care.notFound'), edit: editJson, ...recordOwner }),
  ]),
  (v, ctx, sent) => {
    if (v.intent !== 'visit') return;
    needBoth(v, ctx, sent);
    seenChosen(v, ctx, sent);
    locationPaired(v, ctx, sent);
  },
);
export type CareSyncFormFields = z.input<typeof careSyncFormSchema>;

/** The rules page's form (issue 20): rows of tier rules (`rule{i}Tier`, `rule{i}Any`, `rule{i}All`, `rule{i}MinAge`). */
export const CARE_RULE_ROWS_MAX = 30;
const tagList = z.preprocess((v) => (typeof v === 'string' ? v.split(/[\s,，、;；]+/).filter(Boolean) : []), z.array(z.string().max(12, 'care.rules.tag')).max(20, 'care.rules.tag'));
const ruleAge = z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v), z.number({ invalid_type_error: 'care.rules.age' }).int('care.rules.age').min(0, 'care.rules.age').max(130, 'care.rules.age').optional());
const ruleFormShape: Record<string, z.ZodTypeAny> = {
  effectiveFrom: day,
  note: z.string().trim().max(200, 'care.note.tooLong').nullish(),
  dueSoonDays: z.preprocess((v) => (v === '' || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v), z.number({ required_error: 'care.rules.dueSoon', invalid_type_error: 'care.rules.dueSoon' }).int('care.rules.dueSoon').min(0, 'care.rules.dueSoon').max(30, 'care.rules.dueSoon')),
};
for (const tier of CARE_TIERS) {
  ruleFormShape[`${tier}Period`] = z.enum(VISIT_PERIODS, { errorMap: () => ({ message: 'care.rules.period' }) });
  ruleFormShape[`${tier}Kinds`] = list(CONTACT_KINDS);
}
for (let i = 0; i < CARE_RULE_ROWS_MAX; i++) Object.assign(ruleFormShape, { [`rule${i}Tier`]: choice(CARE_TIERS), [`rule${i}Any`]: tagList, [`rule${i}All`]: tagList, [`rule${i}MinAge`]: ruleAge });
type RuleFormValue = Record<string, unknown>;
/**
 * The rules page's form: a new version from a date, every tier's frequency and the kinds of contact that count, the
 * "due soon" span, and the tier rules (blank rows dropped). Output: saveCareRules' input.
 */
// The checks across fields run on what was sent (a preprocess), so that they are said together with the fields' own.
const filled = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);
export const careRulesFormSchema = z
  .preprocess((raw, ctx) => {
    const v = (raw ?? {}) as RuleFormValue;
    for (const tier of CARE_TIERS) if (!filled(v[`${tier}Kinds`])) ctx.addIssue({ code: 'custom', path: [`${tier}Kinds`], message: 'care.rules.kinds' });
    let rows = 0;
    for (let i = 0; i < CARE_RULE_ROWS_MAX; i++) {
      const named = filled(v[`rule${i}Any`]) || filled(v[`rule${i}All`]) || filled(v[`rule${i}MinAge`]);
      const tier = filled(v[`rule${i}Tier`]);
      if (tier && !named) ctx.addIssue({ code: 'custom', path: [`rule${i}Any`], message: 'care.rules.rowEmpty' });
      else if (!tier && named) ctx.addIssue({ code: 'custom', path: [`rule${i}Tier`], message: 'care.tier.invalid' });
      if (tier) rows++;
    }
    if (!rows) ctx.addIssue({ code: 'custom', path: ['rule0Tier'], message: 'care.rules.none' });
    return raw;
  }, z.object(ruleFormShape))
  .transform((v: RuleFormValue) => {
    const rules: { tier: (typeof CARE_TIERS)[number]; tagsAny?: string[]; tagsAll?: string[]; minAge?: number }[] = [];
    const rows: number[] = [];
    for (let i = 0; i < CARE_RULE_ROWS_MAX; i++) {
      const tier = v[`rule${i}Tier`] as (typeof CARE_TIERS)[number] | null | undefined;
      if (!tier) continue;
      rows.push(i);
      const any = v[`rule${i}Any`] as string[];
      const all = v[`rule${i}All`] as string[];
      const minAge = v[`rule${i}MinAge`] as number | undefined;
      rules.push({ tier, ...(any.length ? { tagsAny: any } : {}), ...(all.length ? { tagsAll: all } : {}), ...(minAge !== undefined ? { minAge } : {}) });
    }
    const policy = (tier: (typeof CARE_TIERS)[number]) => ({ period: v[`${tier}Period`] as (typeof VISIT_PERIODS)[number], contactKinds: v[`${tier}Kinds`] as (typeof CONTACT_KINDS)[number][] });
    return {
      effectiveFrom: v.effectiveFrom as string,
      note: (v.note as string | null | undefined) ?? null,
      rules: { rules, policies: { high: policy('high'), priority: policy('priority'), regular: policy('regular') }, dueSoonDays: v.dueSoonDays as number },
      rows,
    };
  });

/**
 * The phone app's correction of a kept visit's time (its clock was wrong when the visit was kept, issue 20): the time
 * the worker types, China time, checked on the calendar like every typed date-time (localDateTime). The server checks
 * the visit's time again when it arrives.
 */
export const careVisitTimeFixSchema = z.object({ visitedAt: localDateTime });
