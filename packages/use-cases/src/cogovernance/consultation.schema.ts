import { filledIn, localDateTime, type Sent, wholeNumber, withRules, z } from '../zod.ts';
import { ACTION_OWNER_KINDS, earliestMeetingStart, MATTER_SOURCES, meetingStartTooEarly, PARTICIPANT_KINDS, VOTE_CHOICES, VOTE_MODES } from '@shequ/domain';

// The co-governance committee's input schemas (issue 18, decision 037), one per input, shared by pages (Conform)
// and use cases. Messages are refusal codes (refusals.<code>) or the validator's generic keys.

const optionalText = (max: number) => z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(max).nullable().optional());
const idList = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid()).max(200));
/** A vote count: a whole number 0–100000, named with its bounds when it is not one ("abc" said 此项填写有误). */
const count = z.preprocess((v) => (v === '' || v == null ? undefined : v), wholeNumber(0, 100_000).optional());
const checked = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
/**
 * A time as a datetime-local field sends it (China time, no zone), an ISO instant or a Date: calendar-checked
 * (localDateTime). Its refusal does not stop the form's other checks (a missing start hid 地点 and 议程 until the
 * next round: issue 18's outside tester), so every problem of a form is said at once.
 */
const instant = z.preprocess(
  (v) => {
    const r = localDateTime.safeParse(v);
    return r.success ? r.data : v;
  },
  z.unknown().superRefine((v, ctx) => {
    if (v instanceof Date) return;
    const r = localDateTime.safeParse(v);
    ctx.addIssue({ code: 'custom', message: r.success ? 'validation.dateTime' : r.error.issues[0]!.message });
  }),
) as unknown as z.ZodType<Date, z.ZodTypeDef, unknown>;
/** A required text whose absence does not stop the form's other checks (see instant). */
const requiredText = (max: number, message: string) =>
  z
    .string({ message })
    .trim()
    .max(max)
    .optional()
    .superRefine((v, ctx) => {
      if (!v) ctx.addIssue({ code: 'custom', message });
    }) as unknown as z.ZodType<string, z.ZodTypeDef, string>;

/** The longest a meeting may last (from its start to its end): longer is a typing slip (an end left days later). */
export const MEETING_MAX_HOURS = 12;
const chinaMinute = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * A meeting's times across fields, as scheduleMeeting and rescheduleMeeting refuse them (with the same codes and
 * values), said beside their fields: a start before the next minute (consultation.time.past, `earliest`), an end not
 * after the start (consultation.time.invalid, `start`), an end more than MEETING_MAX_HOURS after the start
 * (consultation.time.tooLong, `hours`). Each is said independently of the others.
 */
export function meetingTimeProblems(v: { startsAt?: unknown; endsAt?: unknown }, ctx: z.RefinementCtx, now = new Date()) {
  const start = v.startsAt instanceof Date && !Number.isNaN(v.startsAt.getTime()) ? v.startsAt : null;
  const end = v.endsAt instanceof Date && !Number.isNaN(v.endsAt.getTime()) ? v.endsAt : null;
  if (start && meetingStartTooEarly(start, now)) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: `refusals.consultation.time.past?earliest=${encodeURIComponent(chinaMinute(earliestMeetingStart(now)))}` });
  if (start && end && end.getTime() <= start.getTime()) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `refusals.consultation.time.invalid?start=${encodeURIComponent(chinaMinute(start))}` });
  else if (start && end && end.getTime() - start.getTime() > MEETING_MAX_HOURS * 3600_000) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `refusals.consultation.time.tooLong?hours=${MEETING_MAX_HOURS}` });
}

/** createMatter: a title, what it is about, where it comes from (a wish: the wishes' ids; a unit: its id). */
export const createMatterSchema = z.object({
  title: requiredText(100, 'refusals.consultation.title.required'),
  description: optionalText(2000),
  source: z.enum(MATTER_SOURCES),
  caseIds: idList,
  partnerUnitId: optionalText(40),
});
export type CreateMatterFields = z.input<typeof createMatterSchema>;

/**
 * The matter form's rules across fields (createMatter's, same codes): a matter from a wish names at least one wish
 * (consultation.wishes.invalid); one from a unit names the unit (consultation.unit.required).
 */
export function matterProblems(v: { source?: unknown }, ctx: z.RefinementCtx, sent: Sent) {
  if (v.source === 'wish' && !filledIn(sent, 'caseIds')) ctx.addIssue({ code: 'custom', path: ['caseIds'], message: 'refusals.consultation.wishes.invalid' });
  if (v.source === 'unit' && !filledIn(sent, 'partnerUnitId')) ctx.addIssue({ code: 'custom', path: ['partnerUnitId'], message: 'refusals.consultation.unit.required' });
}

/** createMatter's input with its rules across fields (matterProblems), every problem in one refusal. */
export const createMatterInputSchema = withRules(createMatterSchema, matterProblems);

/** rescheduleMeeting: the meeting and its new start (and end), datetime-local text in China time or a Date. */
export const rescheduleMeetingSchema = z.object({ meetingId: z.string().uuid(), startsAt: instant, endsAt: z.preprocess((v) => (v === '' ? undefined : v), instant.optional().nullable()) });
export type RescheduleMeetingFields = z.input<typeof rescheduleMeetingSchema>;

/** cancelMeeting: the meeting. */
export const cancelMeetingSchema = z.object({ meetingId: z.string().uuid() });
export type CancelMeetingFields = z.input<typeof cancelMeetingSchema>;

/**
 * Where an online meeting is joined (issue 18: "place or online"): an http(s) link, or a meeting number (腾讯会议 and
 * the like: at least 6 digits, spaces and dashes allowed, with the app's name before it if wanted). Anything else —
 * another scheme (javascript:, data:), a link with spaces — is refused, so what invitees receive is safe to open.
 */
export function isOnlineMeetingAddress(text: string): boolean {
  if (/^https?:\/\/[^\s<>"']+$/i.test(text)) return true;
  if (/[a-z][a-z0-9+.-]*:/i.test(text) || /[<>"']/.test(text)) return false;
  return /\d{6,}/.test(text.replace(/[\s-]/g, ''));
}

/** scheduleMeeting: topic, time, place or online link, capacity (empty: no limit), chair, invitees, agenda (matters in order). */
export const scheduleMeetingSchema = z.object({
  topic: requiredText(100, 'refusals.consultation.topic.required'),
  startsAt: instant,
  endsAt: z.preprocess((v) => (v === '' ? undefined : v), instant.optional().nullable()),
  place: optionalText(200),
  onlineUrl: optionalText(300).refine((v) => v == null || isOnlineMeetingAddress(v), 'refusals.consultation.online.invalid'),
  capacity: z.preprocess((v) => (v === '' || v == null ? null : v), wholeNumber(1, 10_000).nullable()),
  chairUserId: optionalText(40),
  partnerUnitIds: idList,
  residentIds: idList,
  staffUserIds: idList,
  matterIds: idList,
});
export type ScheduleMeetingFields = z.input<typeof scheduleMeetingSchema>;

/**
 * The meeting form's rules across fields (scheduleMeeting's, same codes): the times (meetingTimeProblems), a place
 * or an online link (consultation.place.required: neither typed), at least one matter (consultation.agenda.empty).
 * All said at once, with the fields' own problems (withRules).
 */
export function meetingProblems(v: { startsAt?: unknown; endsAt?: unknown }, ctx: z.RefinementCtx, sent: Sent, now = new Date()) {
  meetingTimeProblems(v, ctx, now);
  if (!filledIn(sent, 'place') && !filledIn(sent, 'onlineUrl')) ctx.addIssue({ code: 'custom', path: ['place'], message: 'refusals.consultation.place.required' });
  if (!filledIn(sent, 'matterIds')) ctx.addIssue({ code: 'custom', path: ['matterIds'], message: 'refusals.consultation.agenda.empty' });
}

/** scheduleMeeting's input with the meeting form's rules across fields as of `now` (meetingProblems), every problem in one refusal. */
export const scheduleMeetingInputSchema = (now: Date) => withRules(scheduleMeetingSchema, (v, ctx, sent) => meetingProblems(v, ctx, sent, now));

/** registerParticipant / cancelRegistration: one invitee of a meeting. */
export const participantSchema = z.object({ meetingId: z.string().uuid(), participantId: z.string().uuid() });
export type ParticipantFields = z.input<typeof participantSchema>;

/** recordAttendance: who is present by the list (replaces earlier list marks; QR check-ins stay). */
export const recordAttendanceSchema = z.object({ meetingId: z.string().uuid(), presentIds: idList, consentIds: idList });
export type RecordAttendanceFields = z.input<typeof recordAttendanceSchema>;

/** checkInParticipant: the code a participant's QR carries. */
/** A participant's check-in code as typed (empty: 请填写签到码, not 码不正确). */
export const checkInCode = z.string({ message: 'refusals.consultation.code.required' }).trim().min(1, 'refusals.consultation.code.required').max(20, 'refusals.consultation.code.invalid');
export const checkInSchema = z.object({ meetingId: z.string().uuid(), code: checkInCode });
export type CheckInFields = z.input<typeof checkInSchema>;

/** openSecretBallot: how many one-time codes to print (default: one per person present). */
export const openSecretBallotSchema = z.object({
  itemId: z.string().uuid(),
  count: z.preprocess((v) => (v === '' || v == null ? null : v), wholeNumber(1, 2000).nullable()).optional(),
});
export type OpenSecretBallotFields = z.input<typeof openSecretBallotSchema>;

/** castSecretBallot: a code and a choice; nothing else (no name, no number). */
export const castSecretBallotSchema = z.object({ code: z.string({ message: 'refusals.consultation.ballotCode.required' }).trim().min(1, 'refusals.consultation.ballotCode.required').max(20, 'refusals.consultation.code.invalid'), choice: z.enum(VOTE_CHOICES) });
export type CastSecretBallotFields = z.input<typeof castSecretBallotSchema>;

/** decideAgendaItem: the outcome with the notes; a show of hands brings its counts (a secret ballot is tallied). */
export const decideAgendaItemSchema = z.object({
  itemId: z.string().uuid(),
  outcome: z.enum(['adopted', 'rejected', 'deferred']),
  notes: optionalText(5000),
  votesFor: count.optional(),
  votesAgainst: count.optional(),
  votesAbstain: count.optional(),
  decision: optionalText(2000),
});
export type DecideAgendaItemFields = z.input<typeof decideAgendaItemSchema>;

/**
 * The vote form's rule across fields: with 实到 on the form (`attending`), 赞成+反对+弃权 cannot exceed it
 * (consultation.votes.tooMany, decideAgendaItem's refusal; without it the server names the number).
 */
export function voteProblems(v: { votesFor?: unknown; votesAgainst?: unknown; votesAbstain?: unknown; attending?: unknown }, ctx: z.RefinementCtx) {
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  if (typeof v.attending === 'number' && n(v.votesFor) + n(v.votesAgainst) + n(v.votesAbstain) > v.attending) ctx.addIssue({ code: 'custom', path: ['votesFor'], message: `refusals.consultation.votes.tooMany?attending=${v.attending}` });
}

export const voteModeSchema = z.object({ itemId: z.string().uuid(), voteMode: z.enum(VOTE_MODES) });

/** draftMinutes: the minutes' text (the chair approves them). */
export const draftMinutesSchema = z.object({ meetingId: z.string().uuid(), minutes: z.string({ message: 'refusals.consultation.minutes.empty' }).trim().min(1, 'refusals.consultation.minutes.empty').max(20_000) });
export type DraftMinutesFields = z.input<typeof draftMinutesSchema>;
export const approveMinutesSchema = z.object({ meetingId: z.string().uuid() });

/** fileObjection: anyone's words against a published decision during its notice period. */
export const fileObjectionSchema = z.object({ body: z.string({ message: 'refusals.consultation.objection.invalid' }).trim().min(1, 'refusals.consultation.objection.invalid').max(500, 'refusals.consultation.objection.invalid') });
export type FileObjectionFields = z.input<typeof fileObjectionSchema>;

/** addActionItem: a decision's action item (or a sub-item), its owner and its due time in working days. */
export const addActionItemSchema = z.object({
  decisionId: z.string().uuid(),
  parentId: optionalText(40),
  title: z.string({ message: 'refusals.consultation.title.required' }).trim().min(1, 'refusals.consultation.title.required').max(200),
  ownerKind: z.enum(ACTION_OWNER_KINDS),
  ownerUserId: optionalText(40),
  ownerPartnerUnitId: optionalText(40),
  ownerOrgUnitId: optionalText(40),
  ownerTeam: optionalText(60),
  weight: z.preprocess((v) => (v === '' || v == null ? 1 : v), wholeNumber(1, 100)),
  dueWorkingDays: z.preprocess((v) => (v === '' || v == null ? null : v), wholeNumber(1, 250).nullable()),
});
export type AddActionItemFields = z.input<typeof addActionItemSchema>;

/** The field naming an action item's owner, by the owner's kind. */
const OWNER_FIELDS = { staff: 'ownerUserId', partner_unit: 'ownerPartnerUnitId', department: 'ownerOrgUnitId', team: 'ownerTeam' } as const;

/**
 * The action item form's rule across fields (addActionItem's, same code): the owner of the kind chosen is named —
 * a staff member, a unit, a department or a team's name (consultation.owner.invalid, beside that field).
 */
export function actionItemProblems(v: { ownerKind?: unknown }, ctx: z.RefinementCtx, sent: Sent) {
  const field = typeof v.ownerKind === 'string' ? OWNER_FIELDS[v.ownerKind as keyof typeof OWNER_FIELDS] : undefined;
  if (field && !filledIn(sent, field)) ctx.addIssue({ code: 'custom', path: [field], message: 'refusals.consultation.owner.invalid' });
}

/** addActionItem's input with its rule across fields (actionItemProblems), every problem in one refusal. */
export const addActionItemInputSchema = withRules(addActionItemSchema, actionItemProblems);

/** reportActionProgress: percent (0–100) and a note. */
export const reportActionProgressSchema = z.object({
  actionItemId: z.string().uuid(),
  progress: z.coerce.number({ message: 'refusals.consultation.progress.invalid' }).int('refusals.consultation.progress.invalid').min(0, 'refusals.consultation.progress.invalid').max(100, 'refusals.consultation.progress.invalid'),
  note: optionalText(2000),
  result: optionalText(2000),
});
export type ReportActionProgressFields = z.input<typeof reportActionProgressSchema>;

/** setConsultationRules: quorum and threshold as fractions, notice days. */
export const consultationRulesSchema = z.object({
  quorumNum: wholeNumber(1, 100),
  quorumDen: wholeNumber(1, 100),
  thresholdNum: wholeNumber(1, 100),
  thresholdDen: wholeNumber(1, 100),
  noticeDays: wholeNumber(1, 60),
});
export type ConsultationRulesFields = z.input<typeof consultationRulesSchema>;

export const participantKindSchema = z.enum(PARTICIPANT_KINDS);
export const showAttendanceSchema = checked;
