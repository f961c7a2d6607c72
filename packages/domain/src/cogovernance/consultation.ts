/**
 * The co-governance committee's consultation rules (共治委员会, 协商会议; issue 18, decision 037). Pure: counts in,
 * verdicts out.
 *
 * Sources (see /work/shared/POLICY.md, "Consultation (协商)"):
 * - 中办发〔2015〕41号《关于加强城乡社区协商的意见》: outcomes of community consultation are adopted, implemented and fed
 *   back (采纳、落实、反馈); units in the area (驻区单位) count as parties (民政部, 2016).
 * - 四议两公开: proposal → deliberation → review → resolution (党组织提议 → 两委商议 → 党员大会审议 → 居民（代表）会议决议),
 *   then 决议公开 and 实施结果公开. Each stage records 应到 / 实到. Quorum commonly: at least two thirds attending;
 *   adopted by more than half of those present. Thresholds that vary by place are configuration (per community),
 *   never constants: the defaults below are only what a community starts with.
 */

/** Where a matter (议题) comes from: a resident's wish, the office's staff, or a partner unit. */
export const MATTER_SOURCES = ['wish', 'staff', 'unit'] as const;
export type MatterSource = (typeof MATTER_SOURCES)[number];

export const MEETING_STATUSES = ['planned', 'held', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Who is invited: a partner unit's representative, a residents' representative (register), or staff. */
export const PARTICIPANT_KINDS = ['unit', 'resident', 'staff'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** A seat: invited (not answered), registered (has a seat), waitlisted (候补), cancelled. */
export const REGISTRATION_STATES = ['invited', 'registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export const VOTE_MODES = ['hands', 'secret'] as const;
export type VoteMode = (typeof VOTE_MODES)[number];
export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export const ITEM_OUTCOMES = ['pending', 'adopted', 'rejected', 'deferred'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

export const MINUTES_STATES = ['none', 'draft', 'approved'] as const;
export type MinutesState = (typeof MINUTES_STATES)[number];

/** A ratio a/b, kept as integers so the edges (exactly two thirds) are exact. */
export type Ratio = { num: number; den: number };

/**
 * The community's consultation rules. `quorum`: the share of 应到 that must be 实到 (at least: ≥). `threshold`: the
 * share of those present (实到) that must vote for (more than: >). `noticeDays`: calendar days a decision stays
 * published for objections (决议公开) before it becomes a project.
 */
export type ConsultationRules = { quorum: Ratio; threshold: Ratio; noticeDays: number };

/** Defaults (POLICY.md, 四议两公开): ≥ 2/3 attending, > 1/2 of those present, 7 days' notice. */
export const DEFAULT_CONSULTATION_RULES: ConsultationRules = { quorum: { num: 2, den: 3 }, threshold: { num: 1, den: 2 }, noticeDays: 7 };

/** A ratio is usable when 0 < num ≤ den (a quorum of 0 or above 100% makes no sense). */
export function checkRatio(r: Ratio): boolean {
  return Number.isInteger(r.num) && Number.isInteger(r.den) && r.den > 0 && r.num > 0 && r.num <= r.den;
}

/** 实到 ≥ quorum × 应到 (exact integer comparison). With nobody expected there is no quorum. */
export function quorumMet(rules: ConsultationRules, expected: number, attending: number): boolean {
  if (expected <= 0) return false;
  return attending * rules.quorum.den >= rules.quorum.num * expected;
}

/** 赞成 > threshold × 实到 (exact integer comparison): abstentions count as present and not for. */
export function thresholdMet(rules: ConsultationRules, attending: number, votesFor: number): boolean {
  if (attending <= 0) return false;
  return votesFor * rules.threshold.den > rules.threshold.num * attending;
}

/** The smallest 实到 that meets the quorum of `expected`, and the fewest votes for that carry with `attending` present. */
export function quorumNeeded(rules: ConsultationRules, expected: number): number {
  return Math.ceil((rules.quorum.num * expected) / rules.quorum.den);
}
export function votesNeeded(rules: ConsultationRules, attending: number): number {
  return Math.floor((rules.threshold.num * attending) / rules.threshold.den) + 1;
}

export type VoteCounts = { for: number; against: number; abstain: number };

/** Why an item cannot be recorded as adopted, or null when it can. */
export type AdoptionProblem = 'quorum' | 'threshold' | 'tooManyVotes';

/**
 * Whether a vote lets an item be recorded as adopted: attendance at the quorum, votes for above the threshold of
 * those present, and no more votes cast than people present. Rejected or deferred may always be recorded.
 */
export function adoptionProblem(rules: ConsultationRules, expected: number, attending: number, votes: VoteCounts): AdoptionProblem | null {
  if (votes.for + votes.against + votes.abstain > attending) return 'tooManyVotes';
  if (!quorumMet(rules, expected, attending)) return 'quorum';
  if (!thresholdMet(rules, attending, votes.for)) return 'threshold';
  return null;
}

/**
 * Whether a registration takes a seat or joins the waiting list: seats are taken while fewer than `capacity` are
 * registered (no capacity: always a seat).
 */
export function seatFor(capacity: number | null, registered: number): 'registered' | 'waitlisted' {
  return capacity == null || registered < capacity ? 'registered' : 'waitlisted';
}

/** Alphabet of one-time codes: no 0/O, 1/I/L, so a printed slip is read without doubt. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

/** A typed code as stored: upper case, spaces and dashes dropped. Null when it cannot be a code. */
export function normalizeCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/**
 * The earliest start a meeting may be given at `now`, when it is scheduled or moved (decision 074): the next whole
 * minute (the forms give minutes). Issue 18's fault: a meeting scheduled or moved into the past was at once open to
 * attendance and votes (meetingActTooEarly), so a decision could be recorded the minute it was "scheduled". As a
 * volunteer shift (decision 058, shiftTimesProblem), a meeting is planned ahead; one already held is not entered
 * afterwards.
 */
export function earliestMeetingStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000);
}

/** Whether `startsAt` is too early for a meeting scheduled or moved at `now` (before earliestMeetingStart). */
export function meetingStartTooEarly(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() < earliestMeetingStart(now).getTime();
}

/**
 * When a meeting's record may be written (decision 062): attendance (the list, a QR check-in) from
 * MEETING_CHECK_IN_LEAD_MINUTES before the start — people arrive early and sign the list at the door — and votes,
 * ballots and decisions only from the start, when the meeting is under way. A record made the day before (an
 * outside trial recorded attendance and adopted a decision for a meeting still to come) is no record of the meeting.
 */
export const MEETING_CHECK_IN_LEAD_MINUTES = 60;

/** What is recorded at a meeting: who is present ('attendance'), or a ballot, vote or decision ('vote'). */
export type MeetingAct = 'attendance' | 'vote';

/** The first instant at which `act` may be recorded for a meeting starting at `startsAt`. */
export function meetingActOpensAt(act: MeetingAct, startsAt: Date): Date {
  return act === 'attendance' ? new Date(startsAt.getTime() - MEETING_CHECK_IN_LEAD_MINUTES * 60_000) : startsAt;
}

/** Whether `act` is still too early at `now` for a meeting starting at `startsAt`. */
export function meetingActTooEarly(act: MeetingAct, startsAt: Date, now: Date): boolean {
  return now.getTime() < meetingActOpensAt(act, startsAt).getTime();
}
