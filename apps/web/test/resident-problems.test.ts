import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { UseCaseError } from '@shequ/use-cases';
import { myVolunteeringActionSchema } from '@shequ/use-cases/schemas';
import { ResidentRefusal } from '~/components/my-page/my-page-header.tsx';
import { parseSubmission } from '~/lib/forms.server.ts';
import { createI18n } from '~/lib/i18n.ts';
import { invalidResidentForm, refusalProblems, residentError } from '~/lib/resident-scope.server.ts';

/*
 * Issue 12 (audit): a refusal lists every problem at once. 我的's answers said only the first: a minor signing up for
 * a shift without their consent and without a guardian was told of the consent, then, once ticked, of the guardian;
 * a form refused by its schema named its first worded field. Every resident answer now carries `problems`, all of
 * them, and the page shows each.
 */
const render = (node: ReactNode) => renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n('zh-CN') }, node));
const body = async (response: unknown) => (response as { data: unknown }).data as { error: string; params: Record<string, string | number>; problems: { error: string; params: Record<string, string | number> }[] };
/** The refused submission of a form (the test fails if it passed). */
const refused = (form: FormData) => {
  const s = parseSubmission(form, myVolunteeringActionSchema);
  if (s.status === 'success') throw new Error('the form passed');
  return s;
};

describe('a resident’s refused form says every problem at once', () => {
  it('a use case’s refusal of several problems comes back with all of them, the first as error', () => {
    const refused = UseCaseError.of([
      { code: 'volunteer.consent.required', params: { field: 'consent' } },
      { code: 'volunteer.guardian.required', params: { field: 'guardianConsent' } },
    ])!;
    expect(refusalProblems(refused)).toEqual([
      { error: 'refusals.volunteer.consent.required', params: {} },
      { error: 'refusals.volunteer.guardian.required', params: {} },
    ]);
  });

  it('a form its schema refuses in two fields names both (each once), not the first alone', async () => {
    const form = new FormData();
    form.set('intent', 'signUp');
    form.set('shiftId', '00000000-0000-4000-8000-000000000001');
    form.set('guardianName', '张'.repeat(30));
    form.set('guardianRelation', '父'.repeat(30));
    const answer = await body(invalidResidentForm(refused(form), 'errors.badRequest'));
    expect(answer.problems.map((p) => [p.error, p.params])).toEqual([
      ['validation.tooLongMax', { max: '20' }],
      ['validation.tooLongMax', { max: '10' }],
    ]);
    expect(answer.error).toBe('validation.tooLongMax');
    // A form with nothing worded (a forged id) keeps the page's own line.
    const forged = new FormData();
    forged.set('intent', 'cancel');
    forged.set('signupId', 'x');
    expect((await body(invalidResidentForm(refused(forged), 'errors.badRequest'))).problems).toEqual([{ error: 'errors.badRequest', params: {} }]);
  });

  it('the page shows every problem, one line each; one problem as one line', async () => {
    const two = render(createElement(ResidentRefusal, { refused: { problems: refusalProblems(UseCaseError.of([{ code: 'volunteer.consent.required', params: {} }, { code: 'volunteer.guardian.required', params: {} }])!) }, testId: 'form-error' }));
    expect(two.match(/<li>/g)).toHaveLength(2);
    const one = render(createElement(ResidentRefusal, { refused: await body(residentError('errors.badRequest', 400)), testId: 'form-error' }));
    expect(one).not.toContain('<li>');
    expect(one).toContain('data-testid="form-error"');
  });
});
