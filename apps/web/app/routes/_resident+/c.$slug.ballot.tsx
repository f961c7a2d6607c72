import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { VOTE_CHOICES } from '@shequ/domain';
import { withTenant } from '@shequ/db';
import { anonymousCaller, castSecretBallot } from '@shequ/use-cases';
import { ballotPageFormSchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
import { OneTimeCodeField } from '~/components/committee/one-time-code.tsx';
import { FieldError } from '~/components/ui/field.tsx';
import { db } from '~/lib/db.server.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { readSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { ballotCodeKey, ballotThrottle, recordBallotFailure } from '~/lib/throttle.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';

export const meta = pageTitle('ballot.title');

export async function loader({ params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  return { community: { name: community.name } };
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * A secret ballot (无记名投票, issue 18, decision 037): the one-time code drawn at the meeting and a choice, nothing
 * else (no sign-in, no name, no number). Wrong or spent codes are limited per IP and per code (BALLOT_THROTTLE:
 * codes are about 39 bits); a limited voter is told in Chinese how long to wait and to ask the staff.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const submission = await readSubmission(request, ballotPageFormSchema);
  const typed = String(submission.payload.code ?? '').slice(0, 20);
  const answer = (status: number, field: 'code' | 'choice' | null, message: string | null, retryMinutes = 0, params: Record<string, string | number> = {}) => data({ ok: false as const, field, message, typed, retryMinutes, params }, { status });
  if (submission.status !== 'success') {
    const field = submission.error?.code ? 'code' : 'choice';
    return answer(400, field, submission.error?.[field]?.[0] ?? 'ballot.choose');
  }
  const key = ballotCodeKey(community.id, submission.value.code);
  const throttle = await ballotThrottle(context.ip, key);
  if (throttle.blocked) return answer(429, null, 'ballot.limited', minutes(throttle.retryAfterSeconds));
  try {
    await withTenant(db, community.id, (tx) => castSecretBallot(tx, anonymousCaller(), { ...submission.value, tenantId: community.id }));
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // A right code before the meeting's start (decision 062) is not a guess: it is told when, and not counted.
    if (error.code !== 'consultation.vote.tooEarly') await recordBallotFailure(context.ip, key);
    const refusal = describeRefusal(error);
    const { field: _field, ...params } = refusal.params;
    return answer(refusal.status, 'code', refusal.message, 0, params);
  }
  return { ok: true as const, field: null, message: null, typed: '', retryMinutes: 0 };
}

export default function BallotPage() {
  const { t } = useTranslation();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const tr = useErrorText({ ...(answer && !answer.ok ? answer.params : {}), minutes: answer?.retryMinutes ?? 15 });
  // Checked in the browser with the action's schema: a form it refuses is not sent, every field's message beside it.
  const { err, check, sent } = useReply(answer, ballotPageFormSchema);
  const local = sent === 'ballot';
  const fieldError = (field: 'code' | 'choice') => (local ? err('ballot', field) : answer?.field === field ? tr(answer.message) : null);
  if (answer?.ok) {
    return (
      <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="ballot-done">
        <h1 className="text-xl font-semibold text-slate-900">{t('ballot.doneTitle')}</h1>
        <p className="text-slate-700">{t('ballot.done')}</p>
      </section>
    );
  }
  return (
    <Form {...check('ballot')} method="post" noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="ballot-form">
      <h1 className="text-xl font-semibold text-slate-900">{t('ballot.title')}</h1>
      <p className="text-sm text-slate-600">{t('ballot.intro')}</p>
      <OneTimeCodeField label={t('ballot.code')} hint={t('ballot.codeHint')} error={fieldError('code')} limited={!local && answer && !answer.field && answer.message ? tr(answer.message) : null} limitedTestId="ballot-limited" defaultValue={answer?.typed ?? ''} />
      <fieldset className="space-y-2" aria-describedby={fieldError('choice') ? 'choice-error' : undefined}>
        <legend className="text-sm font-medium text-slate-700">{t('ballot.choice')}</legend>
        {VOTE_CHOICES.map((c) => (
          <label key={c} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-slate-200 px-3 text-base">
            <input type="radio" name="choice" value={c} className="h-5 w-5" />
            {t(`ballot.choices.${c}`)}
          </label>
        ))}
        <FieldError id="choice-error">{fieldError('choice')}</FieldError>
      </fieldset>
      <Button type="submit" size="lg" className="w-full" disabled={busy}>
        {t('ballot.submit')}
      </Button>
    </Form>
  );
}
