import { z } from '../zod.ts';

const typed = z.string().default('');
const only = <T extends string>(intent: T) => z.object({ intent: z.literal(intent) });
const withBody = <T extends string>(intent: T) => z.object({ intent: z.literal(intent), body: typed });

/**
 * One posted action on a case page (the form's `intent`), for the community's and the officers' case pages. Each
 * intent has its use case (acceptCase, replyToResident, escalateCase, forwardCase, …), which checks who may do it
 * in the case's state, the text (required, length) and the ids, and names the field its message belongs to; an
 * intent that is not one of these is a 400 page.
 */
export const caseActionSchema = z.discriminatedUnion('intent', [
  only('accept'),
  only('reveal'),
  only('close'),
  only('approve'),
  z.object({ intent: z.literal('assign'), assigneeId: typed }),
  withBody('note'),
  withBody('reply'),
  withBody('resolve'),
  z.object({ intent: z.literal('reject'), reason: typed, body: typed }),
  z.object({ intent: z.literal('merge'), targetCode: typed }),
  z.object({ intent: z.literal('followUp'), rating: typed, body: typed }),
  z.object({ intent: z.literal('hidePhoto'), photoId: typed }),
  withBody('escalate'),
  z.object({ intent: z.literal('forward'), leadDepartmentId: typed, coDepartmentIds: z.array(z.string()).default([]), body: typed }),
  withBody('return'),
  withBody('sendBack'),
  withBody('requestInfo'),
  withBody('supervise'),
]);

export type CaseActionForm = z.output<typeof caseActionSchema>;
