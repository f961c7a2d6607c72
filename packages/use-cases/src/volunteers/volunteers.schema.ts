import { normalizeTyped } from '@shequ/domain';
import { calendarDay, localDateTime, wholeNumber, z } from '../zod.ts';

// Input schemas of volunteer service (issue 17, decision 036), one per input, shared by pages (Conform) and use
// cases. They shape what a form sends; the rules (age, consent, capacity, the QR window) are the use cases' own.

const text = (max: number) => z.string().trim().max(max).optional().nullable();
const uuid = z.string().uuid();
const checked = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
const list = (max: number, each: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : String(v).split(/[,，、\s]+/)),
    z.array(z.string().trim().min(1).max(each)).max(max),
  );
const optionalUuid = z.preprocess((v) => (v === '' ? null : v), uuid.nullable().optional());

/**
 * A moment: a Date, an ISO time with its offset, or a form's local time `YYYY-MM-DDTHH:mm` read as China time (UTC+8),
 * calendar-checked (localDateTime: 2026-02-30 is refused, not read as 2026-03-02).
 */
export const chinaMoment = localDateTime;

/** createVolunteerTeam: a team, its leader and deputy (people of the register), the staff account leading it in the console. */
export const createVolunteerTeamSchema = z.object({
  name: z.string().trim().min(1).max(30),
  focus: text(200),
  leaderResidentId: uuid,
  deputyResidentId: optionalUuid,
  leaderUserId: optionalUuid,
  recruiting: checked.default(true),
});
export type CreateVolunteerTeamFields = z.input<typeof createVolunteerTeamSchema>;

/** registerVolunteer: a person of the register, their skills and availability, consent (and a guardian's under 18). */
export const registerVolunteerSchema = z.object({
  residentId: uuid,
  skills: list(20, 20),
  availability: text(200),
  consent: checked,
  guardianResidentId: optionalUuid,
  guardianName: text(20),
  guardianRelation: text(10),
  guardianConsent: checked,
  showOnWall: checked,
});
export type RegisterVolunteerFields = z.input<typeof registerVolunteerSchema>;

/** recordTraining: a training a volunteer completed, and until when it holds. */
export const recordTrainingSchema = z.object({
  residentId: uuid,
  name: z.string().trim().min(1).max(30),
  completedOn: calendarDay,
  expiresOn: z.preprocess((v) => (v === '' ? null : v), calendarDay.nullable().optional()),
});

/** applyToTeam: a volunteer asks to join a team. */
export const applyToTeamSchema = z.object({ teamId: uuid, residentId: uuid });

/** decideTeamApplication: the leader accepts or declines. */
export const decideTeamApplicationSchema = z.object({ teamId: uuid, residentId: uuid, accept: checked });

export const shiftSchema = z.object({
  startsAt: chinaMoment,
  endsAt: chinaMoment,
  capacity: wholeNumber(1, 10_000),
  reserved: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), wholeNumber(0, 10_000)),
});

/** createActivity: an activity of a team with its shifts (published at once if `publish`). */
export const createActivitySchema = z.object({
  teamId: uuid,
  title: z.string().trim().min(1).max(60),
  description: text(2000),
  place: z.string().trim().min(1).max(100),
  audience: text(30),
  minAge: z.preprocess((v) => (v === '' ? null : v), wholeNumber(0, 120).nullable().optional()),
  requiredSkills: list(10, 20),
  requiredTrainings: list(10, 30),
  risky: checked,
  insuranceRecord: text(200),
  wishCaseId: optionalUuid,
  shifts: z.array(shiftSchema).min(1).max(50),
  publish: checked,
});
export type CreateActivityFields = z.input<typeof createActivitySchema>;

/** publishActivity: a draft made public (a risky one needs its insurance record, given here or before). */
export const publishActivitySchema = z.object({ activityId: uuid, insuranceRecord: text(200) });

/** signUpForShift: a place on a shift for a volunteer (themselves, or staff on their behalf). */
export const signUpForShiftSchema = z.object({ shiftId: uuid, residentId: uuid });

/** cancelSignup: a volunteer gives up their place (or leaves the waiting list). */
export const cancelSignupSchema = z.object({ signupId: uuid });

/** confirmAttendance: a volunteer confirms they will come (the day-before step). */
export const confirmAttendanceSchema = z.object({ signupId: uuid });

/** checkInByScan: the code read from the leader's QR (the volunteer's own phone). */
export const checkInByScanSchema = z.object({ shiftId: uuid, code: z.string().trim().min(1).max(20), checkOut: checked.optional() });

/** getMyShiftAttendance: where the signed-in volunteer stands on one shift. */
export const myShiftAttendanceSchema = z.object({ shiftId: uuid });

/** checkInFromList / checkOutFromList: the leader marks a signed-up volunteer in or out. */
export const markAttendanceSchema = z.object({ signupId: uuid });

/** registerWalkUp: someone who came to help without signing up: a person of the register, or registered now. */
export const registerWalkUpSchema = z.object({
  shiftId: uuid,
  residentId: optionalUuid,
  // Room for a long slip: the register's own checks (personProblems) name the bound with every other problem at once.
  name: text(200),
  mobile: text(200),
  birth: text(200),
  consent: checked,
  guardianName: text(200),
  guardianRelation: text(10),
  guardianConsent: checked,
  /** The mobile is knowingly shared with someone of the register (an elder using a child's phone). */
  sharedMobile: checked,
});
export type RegisterWalkUpFields = z.input<typeof registerWalkUpSchema>;

/** approveShiftHours: the leader approves a shift's pending hours, all of them or the entries listed (partial). */
export const approveShiftHoursSchema = z.object({ shiftId: uuid, entryIds: z.preprocess((v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]), z.array(uuid).max(500).optional()) });

/** approveHourEntries: approval of listed entries, as the leader ('leader') or as the second approver ('second'). */
export const approveHourEntriesSchema = z.object({ entryIds: z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(uuid).min(1).max(500)), step: z.enum(['leader', 'second']) });

/** enterHoursAfterwards: service recorded after the fact (no check-in), with what was done. */
export const enterHoursAfterwardsSchema = z.object({
  residentId: uuid,
  teamId: uuid,
  activityId: optionalUuid,
  servedFrom: chinaMoment,
  servedTo: chinaMoment,
  content: z.string().trim().min(1).max(200),
  /** Service on a claimed wish of the wish wall: the volunteer's own claim (active or fulfilled). */
  wishClaimId: optionalUuid,
});

/** reverseHours: a correction as a reversal entry with its reason, optionally with the corrected minutes. */
export const reverseHoursSchema = z.object({
  entryId: uuid,
  reason: z.string({ required_error: 'refusals.volunteer.hours.reason' }).trim().min(1, 'refusals.volunteer.hours.reason').max(200),
  replacementMinutes: z.preprocess((v) => (v === '' ? undefined : v), wholeNumber(0, 24 * 60).optional()),
});

/** getVolunteerHours: one volunteer's ledger, totals and stars. */
export const getVolunteerHoursSchema = z.object({ residentId: uuid });

/** closeActivity: an activity held, closed with its report (what was done, for whom). */
export const closeActivitySchema = z.object({ activityId: uuid, report: z.string({ required_error: 'refusals.volunteer.activity.report' }).trim().min(1, 'refusals.volunteer.activity.report').max(2000) });

/**
 * The leader's shift page: check a volunteer in or out from the list, approve the shift's pending hours (all, or the
 * entries ticked: `approveSome`), record a walk-up on the spot, correct an entry by a reversal with its reason.
 */
export const shiftSheetActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('checkIn'), signupId: uuid }),
  z.object({ intent: z.literal('checkOut'), signupId: uuid }),
  z.object({ intent: z.literal('approve') }),
  z.object({
    intent: z.literal('approveSome'),
    entryIds: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(uuid).min(1, 'volunteers.shiftHours.chooseEntries').max(500)),
  }),
  registerWalkUpSchema.omit({ shiftId: true }).extend({ intent: z.literal('walkUp') }),
  reverseHoursSchema.extend({ intent: z.literal('reverse') }),
  closeActivitySchema.extend({ intent: z.literal('close') }),
]);

/** becomeVolunteer: a resident records themselves as a volunteer (consent; a guardian's for 14–17). */
export const becomeVolunteerSchema = z.object({ consent: checked, guardianName: text(20), guardianRelation: text(10), guardianConsent: checked });

/**
 * A resident's own volunteering on "我的": sign up for a shift, give up or confirm a place, or apply to a team (themselves
 * only); a resident who is not a volunteer yet signs up or applies with their consent (becomeVolunteerSchema's fields).
 */
export const myVolunteeringActionSchema = z.discriminatedUnion('intent', [
  becomeVolunteerSchema.extend({ intent: z.literal('signUp'), shiftId: uuid }),
  z.object({ intent: z.literal('cancel'), signupId: uuid }),
  z.object({ intent: z.literal('confirm'), signupId: uuid }),
  becomeVolunteerSchema.extend({ intent: z.literal('apply'), teamId: uuid }),
  z.object({ intent: z.literal('certificate') }),
]);

/** issueVolunteerCertificate: a volunteer's certificate for a period (China dates; default: all their service to today). */
export const issueVolunteerCertificateSchema = z.object({
  residentId: uuid,
  from: z.preprocess((v) => (v === '' ? undefined : v), calendarDay.optional()),
  to: z.preprocess((v) => (v === '' ? undefined : v), calendarDay.optional()),
});

/** getVolunteerCertificate: one certificate by id. */
export const certificateIdSchema = z.object({ certificateId: uuid });

/** verifyVolunteerCertificate: the code of a certificate's QR (base64url). */
export const certificateCodeSchema = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{8,24}$/) });


/**
 * The hours of the five star levels as typed (100, 300, 600, 1000, 1500; commas, 、 or spaces between, full-width
 * digits too): five whole numbers 1–100,000, each above the one before. Anything else — abc, 😀, -1, 1e9, NaN, three
 * values — is one message on the field itself (issue 17: a list's values were checked one by one and their messages
 * named no field of the form, so the page said only 请检查标红的内容 with nothing marked).
 */
const STARS = 'refusals.volunteer.settings.stars';
const starHours = z.preprocess(
  (v) => (Array.isArray(v) ? v : normalizeTyped(String(v ?? '')).split(/[,，、\s]+/).filter(Boolean)).map((h) => (typeof h === 'number' ? h : /^\d{1,6}$/.test(String(h).trim()) ? Number(String(h).trim()) : Number.NaN)),
  z
    .array(z.unknown(), { message: STARS })
    .refine((a) => a.length === 5 && a.every((h, i) => typeof h === 'number' && Number.isInteger(h) && h >= 1 && h <= 100_000 && (i === 0 || h > (a[i - 1] as number))), { message: STARS })
    .transform((a) => a as number[]),
);

/** updateVolunteerSettings: a community's rules for hours, sign-ups, the day-before step, stars and certificates. */
export const volunteerSettingsSchema = z.object({
  roundingMinutes: wholeNumber(1, 120),
  roundingMode: z.enum(['down', 'nearest', 'up']),
  graceMinutes: wholeNumber(0, 720),
  earlyMinutes: wholeNumber(0, 240),
  secondApprovalMinutes: wholeNumber(0, 1440),
  cancelCutoffHours: wholeNumber(0, 72),
  confirmAskHours: wholeNumber(0, 168),
  confirmCloseHours: wholeNumber(0, 72),
  reminderMinutes: wholeNumber(0, 1440),
  starHours,
  certificatePersonInCharge: text(20),
  certificateContact: text(40),
});
export type VolunteerSettingsFields = z.input<typeof volunteerSettingsSchema>;

/** The volunteer settings page: the settings, or the certificates' seal image (upload a file, or remove it). */
export const volunteerSettingsPageSchema = z.discriminatedUnion('intent', [
  volunteerSettingsSchema.extend({ intent: z.literal('settings') }),
  z.object({ intent: z.literal('seal'), seal: z.preprocess((v) => (v instanceof File && v.size > 0 ? v : undefined), z.instanceof(File).optional()), remove: checked.optional() }),
]);

/** nominateVolunteer: a recognition (金元之星 …) for a volunteer, with its year and citation. */
export const nominateVolunteerSchema = z.object({
  residentId: uuid,
  title: z.string().trim().min(1).max(30),
  year: wholeNumber(2000, 2100),
  citation: z.string().trim().min(1).max(300),
});

/** decideRecognition: the committee's decision on a nomination, recorded with where it was taken. */
export const decideRecognitionSchema = z.object({ recognitionId: uuid, approve: checked, note: text(200) });

/** The recognitions page: nominate, or record a decision. */
export const recognitionsPageSchema = z.discriminatedUnion('intent', [
  nominateVolunteerSchema.extend({ intent: z.literal('nominate') }),
  z.object({ intent: z.literal('decide'), recognitionId: uuid, approve: checked, note: text(200) }),
]);

/** volunteerFigures / exportVolunteerFigures: a calendar year (China time). */
export const volunteerYearSchema = z.object({ year: wholeNumber(2000, 2100) });

/** publishWishOnWall: a small wish on the wall, in words the public may see (no personal data). */
// What the public must not read on the wall (t35: a phone number, an ID number and a room were published): each
// refused with a message saying what to remove. A mobile (1[3-9] and 9 digits) or a landline (0xx-xxxxxxx); an
// 18-character ID number; a room address (3栋2单元501, 5号楼301室, 12-3-402).
const PUBLIC_DATA: [RegExp, string][] = [
  [/\d{17}[\dXx]/, 'refusals.volunteer.wish.publicIdNumber'],
  [/(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)|(?<!\d)0\d{2,3}[ -]?\d{7,8}(?!\d)/, 'refusals.volunteer.wish.publicPhone'],
  [/\d+\s*(?:栋|幢|号楼|楼|单元)\s*\d*\s*(?:单元)?\s*\d{3,4}\s*(?:室|号|房)?|(?<!\d)\d{1,3}-\d{1,2}-\d{3,4}(?!\d)|\d{3,4}\s*(?:室|房间)/, 'refusals.volunteer.wish.publicAddress'],
];
const publicWords = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      for (const [pattern, message] of PUBLIC_DATA) if (pattern.test(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    });
export const publishWishOnWallSchema = z.object({
  caseId: optionalUuid,
  title: publicWords(60),
  publicText: publicWords(300),
});

/** claimWish: a volunteer or party member claims a wish, promising a date (China). */
export const claimWishSchema = z.object({ itemId: uuid, promisedOn: calendarDay });

/** claimWishForPartnerUnit: staff record a partner unit's claim, with the date the unit promises (China). */
export const claimWishForUnitSchema = z.object({ itemId: uuid, partnerUnitId: z.string({ message: 'refusals.volunteer.wish.unitNotFound' }).uuid('refusals.volunteer.wish.unitNotFound'), promisedOn: calendarDay });

/** confirmWishLit: staff confirm the wish fulfilled, with the resident's thanks. */
export const confirmWishLitSchema = z.object({ itemId: uuid, thanks: text(300) });

/** The staff wish-wall page: put a wish on the wall, record a partner unit's claim, confirm one lit (with a photo), record hours spent on a claim. */
export const wishWallPageSchema = z.discriminatedUnion('intent', [
  publishWishOnWallSchema.extend({ intent: z.literal('publish') }),
  claimWishForUnitSchema.extend({ intent: z.literal('unitClaim') }),
  confirmWishLitSchema.extend({ intent: z.literal('lit'), photo: z.preprocess((v) => (v instanceof File && v.size > 0 ? v : undefined), z.instanceof(File).optional()) }),
  enterHoursAfterwardsSchema.extend({ intent: z.literal('hours') }),
  z.object({ intent: z.literal('reveal'), itemId: uuid }),
]);

/** The volunteers page: decide an application to a team, or approve one pending entry outside any shift (listPendingHours) at its step. */
export const volunteersPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('decide'), teamId: uuid, residentId: uuid, accept: checked }),
  z.object({ intent: z.literal('approveHours'), entryId: uuid, step: z.enum(['leader', 'second']) }),
]);

/** The volunteers' people page: register a person of the register as a volunteer, or create a team. */
export const volunteerPeoplePageSchema = z.discriminatedUnion('intent', [
  registerVolunteerSchema.extend({ intent: z.literal('register') }),
  createVolunteerTeamSchema.extend({ intent: z.literal('team') }),
]);
