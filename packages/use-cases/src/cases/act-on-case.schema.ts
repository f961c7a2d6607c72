import { cleanText, normalizeTrackingCode, REJECT_REASONS } from '@shequ/domain';
import { messageWith, z } from '../zod.ts';

const typed = z.string().default('');
/** The longest 说明 of a 不予受理 the resident reads, in characters (rejectCase refuses more: case.rejectNote.tooLong). */
export const REJECT_NOTE_MAX = 500;
const only = <T extends string>(intent: T) => z.object({ intent: z.literal(intent) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A case action's required text as its use case takes it (caseText): something left after cleanText, at most `max`
 * characters; refused with the use case's own messages (`refusals.<code>.required` / `.tooLong`: the same words
 * either side).
 */
const text = (required: string, tooLong: string, max: number) =>
  typed.superRefine((value, ctx) => {
    const cleaned = cleanText(value);
    if (!cleaned) ctx.addIssue({ code: 'custom', message: required });
    else if (Array.from(cleaned).length > max) ctx.addIssue({ code: 'custom', message: tooLong });
  });
const withText = <T extends string>(intent: T, required: string, tooLong: string, max: number) => z.object({ intent: z.literal(intent), body: text(required, tooLong, max) });

/**
 * One posted action on a case page (the form's `intent`), for the community's and the officers' case pages, each
 * with the checks a form alone can tell, worded as its use case's refusals (`refusals.<code>`, decision 075): a required text
 * (`body`, as caseText), a reject reason of REJECT_REASONS, a follow-up rating 1–5, a merge target that reads as a
 * tracking code, a lead department that is an id. The browser checks a case's form with it before
 * sending; the server answers a form that fails it as the use case would have refused it (caseActionInvalid). Each
 * intent's use case (acceptCase, replyToResident, escalateCase, forwardCase, …) still checks it all, and what needs
 * the database (who may, in the case's state; the department, the assignee, the target case exist); an intent that
 * is not one of these is a 400 page.
 */
export const caseActionSchema = z.discriminatedUnion('intent', [
  only('accept'),
  only('reveal'),
  only('close'),
  only('approve'),
  // Nobody (an empty choice) takes the case back from whoever holds it; the choice is among the page's staff, and
  // assignCase says another community's case is not found before it looks at the assignee.
  z.object({ intent: z.literal('assign'), assigneeId: typed }),
  withText('note', 'refusals.case.note.required', 'refusals.case.note.tooLong', 2000),
  withText('reply', 'refusals.case.reply.required', 'refusals.case.reply.tooLong', 2000),
  withText('resolve', 'refusals.case.resolution.required', 'refusals.case.resolution.tooLong', 2000),
  z.object({ intent: z.literal('reject'), reason: typed.refine((v) => (REJECT_REASONS as readonly string[]).includes(v), 'refusals.case.rejectReason.invalid'), body: typed.refine((v) => Array.from(cleanText(v)).length <= REJECT_NOTE_MAX, messageWith('refusals.case.rejectNote.tooLong', { max: REJECT_NOTE_MAX })) }),
  z.object({ intent: z.literal('merge'), targetCode: typed.refine((v) => normalizeTrackingCode(v) !== null, 'refusals.case.mergeTarget.invalid') }),
  z.object({
    intent: z.literal('followUp'),
    rating: typed.refine((v) => {
      const n = Number(v);
      return v.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 5;
    }, 'refusals.case.rating.invalid'),
    body: typed,
  }),
  z.object({ intent: z.literal('hidePhoto'), photoId: typed }),
  withText('escalate', 'refusals.case.escalateReason.required', 'refusals.case.escalateReason.tooLong', 500),
  z.object({ intent: z.literal('forward'), leadDepartmentId: typed.refine((v) => UUID.test(v), 'refusals.case.department.invalid'), coDepartmentIds: z.array(z.string()).default([]), body: typed }),
  withText('return', 'refusals.case.returnReason.required', 'refusals.case.returnReason.tooLong', 500),
  withText('sendBack', 'refusals.case.returnReason.required', 'refusals.case.returnReason.tooLong', 500),
  withText('requestInfo', 'refusals.case.question.required', 'refusals.case.question.tooLong', 500),
  withText('supervise', 'refusals.case.supervision.required', 'refusals.case.supervision.tooLong', 500),
]);

export type CaseActionForm = z.output<typeof caseActionSchema>;
