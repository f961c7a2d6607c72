import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '@shequ/domain';
import { isUuid, withTenant } from '@shequ/db';
import { anonymousCaller, getOccurrenceForRating, rateOccurrence } from '@shequ/use-cases';
import { ratePageFormSchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
import { Field, FieldError } from '~/components/ui/field.tsx';
import { readCookie, serializeCookie } from '~/lib/cookies.server.ts';
import { db } from '~/lib/db.server.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { readSubmission } from '~/lib/forms.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { ratingThrottle } from '~/lib/throttle.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';

// Named by the service rated (the post's title).
export const meta = pageTitle('rating.title', dataField('view.title'));

// A resident rates a partner unit's service (issue 18): the QR at a delivered occurrence opens this page; 1–5 stars
// and a comment, anonymous (no sign-in, nothing about the rater kept), at most RATINGS_PER_IP from one address.
async function load(slug: string | undefined, occurrenceId: string | undefined) {
  const community = await communityBySlug(slug);
  if (!isUuid(occurrenceId)) notFound();
  try {
    return { community, view: await withTenant(db, community.id, (tx) => getOccurrenceForRating(tx, anonymousCaller(), { tenantId: community.id, occurrenceId: occurrenceId! })) };
  } catch (error) {
    if (isRefusal(error)) notFound();
    throw error;
  }
}

/** The occurrences this browser has rated (a cookie on the rating pages only; nothing about the rater is kept). */
const RATED_COOKIE = 'shequ_rated';
const RATED_KEPT = 50;
function ratedHere(request: Request): string[] {
  return (readCookie(request, RATED_COOKIE) ?? '').split('.').filter((id) => isUuid(id));
}
function markRated(request: Request, slug: string, occurrenceId: string) {
  const ids = [occurrenceId, ...ratedHere(request).filter((id) => id !== occurrenceId)].slice(0, RATED_KEPT);
  return serializeCookie(RATED_COOKIE, ids.join('.'), { maxAgeSeconds: 365 * 24 * 3600, path: `/c/${slug}/rate` });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await load(params.slug, params.occurrenceId);
  return { view, rated: ratedHere(request).includes(params.occurrenceId!) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { community } = await load(params.slug, params.occurrenceId);
  const submission = await readSubmission(request, ratePageFormSchema);
  // No star chosen (or a value that is not 1–5): the page's own words, not the validator's.
  if (submission.status !== 'success') return data({ ok: false as const, message: submission.error?.stars ? 'rating.choose' : (submission.error?.comment?.[0] ?? 'rating.choose'), retryMinutes: 0 }, { status: 400 });
  // One rating per occurrence from a browser (the stars of three ratings in a row all counted: found from outside).
  if (ratedHere(request).includes(params.occurrenceId!)) return data({ ok: false as const, message: 'rating.already', retryMinutes: 0 }, { status: 409 });
  const throttle = await ratingThrottle(context.ip, params.occurrenceId!);
  if (throttle.blocked) return data({ ok: false as const, message: 'rating.limited', retryMinutes: Math.max(1, Math.ceil(throttle.retryAfterSeconds / 60)) }, { status: 429 });
  try {
    await withTenant(db, community.id, (tx) => rateOccurrence(tx, anonymousCaller(), { ...submission.value, tenantId: community.id, occurrenceId: params.occurrenceId! }));
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const refusal = describeRefusal(error);
    return data({ ok: false as const, message: refusal.message as string, retryMinutes: 0 }, { status: refusal.status });
  }
  return data({ ok: true as const, message: null, retryMinutes: 0 }, { headers: { 'Set-Cookie': markRated(request, community.slug, params.occurrenceId!) } });
}

export default function RatePage() {
  const { t } = useTranslation();
  const { view, rated } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const tr = useErrorText({ minutes: answer?.retryMinutes ?? 15 });
  // Checked in the browser with the action's schema: a rating it refuses is not sent; no star is said in the page's
  // own words, as the action says it.
  const { err, check, sent } = useReply(answer, ratePageFormSchema);
  const local = sent === 'rate';
  const starsError = local && err('rate', 'stars') ? t('rating.choose') : null;
  const commentError = local ? err('rate', 'comment') : null;
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h1 className="break-words text-xl font-semibold text-slate-900">{t('rating.title')}</h1>
      <p className="break-words text-slate-800">
        {view.title} · {view.unit}
      </p>
      <p className="text-sm text-slate-600">
        {chinaDateTime(new Date(view.startsAt)).slice(0, 16)} {view.place ?? ''}
      </p>
      {answer?.ok ? (
        <p className="rounded-md bg-emerald-50 p-3 text-emerald-800" role="status" data-testid="rating-done">
          {t('rating.done')}
        </p>
      ) : rated ? (
        <p className="rounded-md bg-slate-50 p-3 text-slate-700" role="status" data-testid="rating-already">
          {t('rating.already')}
        </p>
      ) : view.rateable ? (
        <Form {...check('rate')} method="post" noValidate className="space-y-3">
          <fieldset className="space-y-2" aria-describedby={starsError ? 'stars-error' : undefined}>
            <legend className="text-sm font-medium text-slate-700">{t('rating.stars')}</legend>
            <div className="flex flex-wrap gap-2">
              {[5, 4, 3, 2, 1].map((n) => (
                <label key={n} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-200 px-3">
                  <input type="radio" name="stars" value={n} className="h-5 w-5" />
                  <span aria-label={t('rating.starsN', { n })}>{'★'.repeat(n)}</span>
                </label>
              ))}
            </div>
            <FieldError id="stars-error" data-testid="rating-error">{starsError}</FieldError>
          </fieldset>
          <Field id="comment" label={t('rating.comment')} optional={t('rating.optional')} error={commentError}>
            <textarea name="comment" rows={3} maxLength={300} className="block w-full rounded-md border border-slate-300 px-3 py-2" />
          </Field>
          {!local && answer && !answer.ok ? (
            <p className="text-sm text-red-600" role="alert" data-testid="rating-error">
              {tr(answer.message)}
            </p>
          ) : null}
          <Button type="submit" size="lg" className="w-full" disabled={busy}>
            {t('rating.submit')}
          </Button>
        </Form>
      ) : (
        <p className="text-slate-600">{t('rating.notYet')}</p>
      )}
    </section>
  );
}
