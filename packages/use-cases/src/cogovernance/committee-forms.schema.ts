import { withRules, z } from '../zod.ts';
import {
  actionItemProblems,
  addActionItemSchema,
  castSecretBallotSchema,
  checkInCode,
  createMatterSchema,
  decideAgendaItemSchema,
  matterProblems,
  meetingProblems,
  meetingTimeProblems,
  voteProblems,
  draftMinutesSchema,
  openSecretBallotSchema,
  recordAttendanceSchema,
  reportActionProgressSchema,
  rescheduleMeetingSchema,
  scheduleMeetingSchema,
} from './consultation.schema.ts';
import { checkInOccurrenceSchema, claimServicePostSchema, partnerUnitDatesProblems, partnerUnitSchema, postLeaderProblems, rateOccurrenceSchema, recordOccurrenceSchema, servicePostLeaderSchema, servicePostSchema, setPartyMemberUnitSchema } from './partners.schema.ts';

// The committee's pages' forms (issue 18, decision 037), one discriminated schema on `intent` per page, built from
// the use cases' own schemas (the page's URL supplies the meeting's or decision's id, so forms do not carry it).

/** /community/committee: gather a matter (议题) or prepare a meeting. */
// Each form's rules across fields are said with its fields' own problems, all at once (withRules; issue 18's outside
// tester: 地点, 议程 and an end before the start came one round after another, and after an empty field was filled).
export const committeeDeskFormSchema = withRules(
  z.discriminatedUnion('intent', [createMatterSchema.extend({ intent: z.literal('matter') }), scheduleMeetingSchema.extend({ intent: z.literal('meeting') })]),
  (v, ctx, sent) => (v.intent === 'meeting' ? meetingProblems(v, ctx, sent) : v.intent === 'matter' ? matterProblems(v, ctx, sent) : undefined),
);

const participant = z.object({ participantId: z.string().uuid() });

/** /community/committee/meetings/:meetingId: seats, attendance, votes, decisions, minutes; moving or cancelling it. */
export const meetingPageFormSchema = withRules(
  z.discriminatedUnion('intent', [
  participant.extend({ intent: z.literal('register') }),
  participant.extend({ intent: z.literal('cancel') }),
  participant.extend({ intent: z.literal('issueCode') }),
  recordAttendanceSchema.omit({ meetingId: true }).extend({ intent: z.literal('attendance') }),
  z.object({ intent: z.literal('checkIn'), code: checkInCode }),
  openSecretBallotSchema.extend({ intent: z.literal('openBallot') }),
  // 实到 as the page showed it (a hidden field): the counts cannot exceed it; decideAgendaItem counts again.
  decideAgendaItemSchema.extend({ intent: z.literal('decide'), attending: z.preprocess((v) => (v === '' || v == null ? undefined : v), z.coerce.number().int().min(0).optional()) }),
  draftMinutesSchema.omit({ meetingId: true }).extend({ intent: z.literal('minutes') }),
  z.object({ intent: z.literal('approveMinutes') }),
  rescheduleMeetingSchema.omit({ meetingId: true }).extend({ intent: z.literal('reschedule') }),
  z.object({ intent: z.literal('cancelMeeting') }),
  // The scan of the minutes (PDF or a photo); an empty file reaches attachMinutesFile, which says what to choose.
  z.object({ intent: z.literal('minutesFile'), minutesFile: z.preprocess((v) => (v instanceof File && v.size > 0 ? v : undefined), z.instanceof(File).optional()) }),
  z.object({ intent: z.literal('removeMinutesFile') }),
  ]),
  (v, ctx) => {
    if (v.intent === 'reschedule') meetingTimeProblems(v, ctx);
    if (v.intent === 'decide') voteProblems(v, ctx);
  },
);

/** /community/committee/decisions/:decisionId: action items and their progress. */
export const decisionPageFormSchema = withRules(
  z.discriminatedUnion('intent', [
    addActionItemSchema.omit({ decisionId: true }).extend({ intent: z.literal('addAction') }),
    reportActionProgressSchema.extend({ intent: z.literal('progress'), photo: z.preprocess((v) => (v instanceof File && v.size > 0 ? v : undefined), z.instanceof(File).optional()) }),
  ]),
  (v, ctx, sent) => {
    if (v.intent === 'addAction') actionItemProblems(v, ctx, sent);
  },
);

const partnerFile = z.instanceof(File, { message: 'refusals.partner.import.empty' }).refine((f) => f.size > 0, 'refusals.partner.import.empty');

/** /community/committee/partners: register a unit; import units from Excel/CSV (check = dry run, commit). */
export const partnersPageFormSchema = withRules(
  z.discriminatedUnion('intent', [
    partnerUnitSchema.extend({ intent: z.literal('register') }),
    z.object({ intent: z.literal('check'), file: partnerFile }),
    z.object({ intent: z.literal('commit'), file: partnerFile }),
    setPartyMemberUnitSchema.extend({ intent: z.literal('unitMember') }),
  ]),
  (v, ctx) => {
    if (v.intent === 'register') partnerUnitDatesProblems(v, ctx);
  },
);

/** /community/committee/posts: publish a post, its leader, a unit's claim, an occurrence's record, the coming occurrences generated, an occurrence's check-in code issued, an occurrence checked in by its code. */
export const postsPageFormSchema = withRules(
  z.discriminatedUnion('intent', [
    servicePostSchema.extend({ intent: z.literal('post') }),
    servicePostLeaderSchema.extend({ intent: z.literal('leader') }),
    claimServicePostSchema.extend({ intent: z.literal('claim') }),
    recordOccurrenceSchema.extend({ intent: z.literal('record') }),
    z.object({ intent: z.literal('generate') }),
    z.object({ intent: z.literal('issueCode'), occurrenceId: z.string().uuid() }),
    checkInOccurrenceSchema.extend({ intent: z.literal('checkIn') }),
  ]),
  (v, ctx, sent) => {
    if (v.intent === 'post' || v.intent === 'leader') postLeaderProblems(v, ctx, sent);
  },
);

/** /c/:slug/ballot: a secret ballot's code and choice (the resident's page; nothing else is asked). */
export const ballotPageFormSchema = castSecretBallotSchema;

/** /c/:slug/rate/:occurrenceId: a resident's stars for a service post's occurrence. */
export const ratePageFormSchema = rateOccurrenceSchema;

/** /c/:slug/post-check-in: a partner unit's own check-in at its post (the occurrence's code, the people served). */
export const unitCheckInPageFormSchema = checkInOccurrenceSchema;
