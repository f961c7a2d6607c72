import { cleanText, normalizeTrackingCode, REJECT_REASONS } from '@shequ/domain';
import { z } from '../zod.ts';

const typed = z.string().default('');
const only = <T extends string>(intent: T) => z.object({ intent: z.literal(intent) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The refusal codes of a case action's required text (caseText in case-action-parts.ts). */
type TextCode = 'case.note' | 'case.reply' | 'case.resolution' | 'case.escalateReason' | 'case.returnReason' | 'case.question' | 'case.supervision';

/**
 * A case action's required text as its use case takes it (caseText): something left after cleanText, at most `max`
 * characters; refused as `<code>.required` / `<code>.tooLong`, the use case's own codes (the same words either side).
 */
const text = (code: TextCode, max: number) =>
  typed.superRefine((value, ctx) => {
    const cleaned = cleanText(value);
    if (!cleaned) ctx.addIssue({ code: 'custom', message: `${code}.required` });
    else if (Array.from(cleaned).length > max) ctx.addIssue({ code: 'custom', message: `${code}.tooLong` });
  });
const withText = <T extends string>(intent: T, code: TextCode, max: number) => z.object({ intent: z.literal(intent), body: text(code, max) });

/**
 * One posted action on a case page (the form's `intent`), for the community's and the officers' case pages, each
 * with the checks a form alone can tell, worded as its use case's refusals (decision 075): a required text
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
  withText('note', 'case.note', 2000),
  withText('reply', 'case.reply', 2000),
  withText('resolve', 'case.resolution', 2000),
  z.object({ intent: z.literal('reject'), reason: typed.refine((v) => (REJECT_REASONS as readonly string[]).includes(v), 'case.rejectReason.invalid'), body: typed }),
  z.object({ intent: z.literal('merge'), targetCode: typed.refine((v) => normalizeTrackingCode(v) !== null, 'case.mergeTarget.invalid') }),
  z.object({
    intent: z.literal('followUp'),
    rating: typed.refine((v) => {
      const n = Number(v);
      return v.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 5;
    }, 'case.rating.invalid'),
    body: typed,
  }),
  z.object({ intent: z.literal('hidePhoto'), photoId: typed }),
  withText('escalate', 'case.escalateReason', 500),
  z.object({ intent: z.literal('forward'), leadDepartmentId: typed.refine((v) => UUID.test(v), 'case.department.invalid'), coDepartmentIds: z.array(z.string()).default([]), body: typed }),
  withText('return', 'case.returnReason', 500),
  withText('sendBack', 'case.returnReason', 500),
  withText('requestInfo', 'case.question', 500),
  withText('supervise', 'case.supervision', 500),
]);

export type CaseActionForm = z.output<typeof caseActionSchema>;
