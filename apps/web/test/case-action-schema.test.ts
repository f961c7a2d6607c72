import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '@shequ/use-cases';
import { caseActionSchema } from '@shequ/use-cases/schemas';
import { parseSubmission } from '~/lib/forms.server.ts';
import { caseActionInvalid } from '~/routes/community+/cases.$caseId.server.ts';

/*
 * Issue 12: the case page's actions are checked in the browser with caseActionSchema, the schema their action parses
 * with; its messages are the use cases' own refusal codes, so the browser says what the server would, and the server
 * answers a form the schema refuses exactly as the use case refused it before (caseActionInvalid).
 */
const post = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return parseSubmission(form, caseActionSchema);
};
/** The refused submission of a post (the test fails if it passed). */
const refused = (fields: Record<string, string>) => {
  const s = post(fields);
  if (s.status === 'success') throw new Error(`passed: ${JSON.stringify(fields)}`);
  return s;
};
const problems = (fields: Record<string, string>) => {
  const s = post(fields);
  return s.status === 'success' ? null : s.error;
};

describe('each case action’s form has its own checks, worded as its use case', () => {
  it.each([
    [{ intent: 'reply', body: ' \n ' }, { body: ['refusals.case.reply.required'] }],
    [{ intent: 'reply', body: '字'.repeat(2001) }, { body: ['refusals.case.reply.tooLong'] }],
    [{ intent: 'note' }, { body: ['refusals.case.note.required'] }],
    [{ intent: 'resolve', body: '' }, { body: ['refusals.case.resolution.required'] }],
    [{ intent: 'escalate', body: '字'.repeat(501) }, { body: ['refusals.case.escalateReason.tooLong'] }],
    [{ intent: 'return', body: '' }, { body: ['refusals.case.returnReason.required'] }],
    [{ intent: 'sendBack', body: '' }, { body: ['refusals.case.returnReason.required'] }],
    [{ intent: 'requestInfo', body: '' }, { body: ['refusals.case.question.required'] }],
    [{ intent: 'supervise', body: '' }, { body: ['refusals.case.supervision.required'] }],
    [{ intent: 'reject', reason: 'bogus' }, { reason: ['refusals.case.rejectReason.invalid'] }],
    [{ intent: 'merge', targetCode: '?' }, { targetCode: ['refusals.case.mergeTarget.invalid'] }],
    [{ intent: 'followUp', rating: '6' }, { rating: ['refusals.case.rating.invalid'] }],
    [{ intent: 'followUp', rating: '' }, { rating: ['refusals.case.rating.invalid'] }],
    [{ intent: 'forward', leadDepartmentId: '' }, { leadDepartmentId: ['refusals.case.department.invalid'] }],
  ])('$intent: %#', (fields, expected) => {
    expect(problems(fields)).toEqual(expected);
    for (const messages of Object.values(expected)) for (const message of messages) expect(REFUSAL_CODES).toContain(message.replace(/^refusals\./, ''));
  });

  it('what the use cases take passes: a reply, an optional note, an unassignment, a rating, a reason', () => {
    expect(problems({ intent: 'reply', body: '已联系物业' })).toBeNull();
    expect(problems({ intent: 'reject', reason: 'duplicate' })).toBeNull();
    expect(problems({ intent: 'followUp', rating: '5' })).toBeNull();
    expect(problems({ intent: 'assign' })).toBeNull();
    expect(problems({ intent: 'accept' })).toBeNull();
  });

  it('the server answers a refused form as the use case did (its status, its message above the actions); an unknown intent is the 400 page', async () => {
    const answer = caseActionInvalid(refused({ intent: 'reply', body: '' })) as unknown as { data: unknown; init: { status: number } };
    // A refusal of kind invalid, as replyToResident's caseText throws it.
    expect(answer.init.status).toBe(422);
    expect(answer.data).toEqual({ ok: null, error: 'refusals.case.reply.required', contact: null });
    expect(() => caseActionInvalid(refused({ intent: 'dance' }))).toThrow();
  });
});
