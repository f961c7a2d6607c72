import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatTrackingCode } from '@shequ/domain';
import { withTenant } from '@shequ/db';
import { anonymousCaller, getWishConsultation, rateCase, reopenCase, supplyResidentInfo, trackCase } from '@shequ/use-cases';
import { Notice } from '~/components/resident-shell.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Field, FieldError } from '~/components/ui/field.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { db } from '~/lib/db.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { lookupsBlocked, takeFailedLookup } from '~/lib/resident-limits.server.ts';
import { isMessageKey } from '~/lib/i18n.ts';
import { residentCaseActionSchema } from '@shequ/use-cases/schemas';
import { readSubmission } from '~/lib/forms.server.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';

// Named by its tracking code (a case found): two cases followed in two tabs are told apart.
export const meta = pageTitle('resident.trackTitle', dataField('view.trackingCode'));

// The resident's tracking page. A wrong code and someone else's code look the same; failed look-ups are limited.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  if (await lookupsBlocked(context.ip)) return data({ state: 'limited' as const, view: null, consultation: [], slug: community.slug }, { status: 429 });
  try {
    const { view, consultation } = await withTenant(db, community.id, async (tx) => {
      const found = await trackCase(tx, anonymousCaller(), { tenantId: community.id, code: params.code ?? '' });
      // A wish taken to the co-governance committee: the meeting's decision and, later, its result (issue 18).
      return { view: found, consultation: await getWishConsultation(tx, anonymousCaller(), { tenantId: community.id, caseId: found.id }) };
    });
    return { state: 'found' as const, view: { ...view, trackingCode: formatTrackingCode(view.trackingCode) }, consultation, slug: community.slug };
  } catch (error) {
    if (isRefusal(error) && error.code === 'case.notFound') {
      await takeFailedLookup(context.ip);
      return data({ state: 'notFound' as const, view: null, consultation: [], slug: community.slug }, { status: 404 });
    }
    throw error;
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const submission = await readSubmission(request, residentCaseActionSchema);
  // What the resident typed comes back with any refusal, so nothing they wrote is lost.
  const p = submission.payload;
  const typed = { rating: String(p.rating ?? ''), comment: String(p.comment ?? ''), reason: String(p.reason ?? ''), text: String(p.text ?? '') };
  if (await lookupsBlocked(context.ip)) return data({ error: 'resident.errors.trackLimited' as const, field: null as string | null, typed }, { status: 429 });
  if (submission.status !== 'success') {
    // The first message, shown next to its field (the intent itself wrong: a general message).
    const [field, messages] = Object.entries(submission.error ?? {}).find(([, m]) => m?.length) ?? ['', ['errors.badRequest']];
    return data({ error: messages![0]!, field: field === 'intent' ? null : field || null, typed }, { status: 400 });
  }
  const v = submission.value;
  const intent = v.intent;
  try {
    await withTenant(db, community.id, (tx) =>
      v.intent === 'rate'
        ? rateCase(tx, anonymousCaller(), { tenantId: community.id, code: params.code ?? '', rating: v.rating, comment: v.comment ?? '' })
        : v.intent === 'supply'
          ? supplyResidentInfo(tx, anonymousCaller(), { tenantId: community.id, code: params.code ?? '', text: v.text })
          : reopenCase(tx, anonymousCaller(), { tenantId: community.id, code: params.code ?? '', reason: v.reason }),
    );
  } catch (error) {
    if (isRefusal(error)) {
      // A code this community does not know answers 404, as the page itself does (with the form kept).
      const refusal = describeRefusal(error);
      return data({ error: refusal.message, field: refusal.field, typed }, { status: refusal.status });
    }
    throw error;
  }
  // The resident sees what happened: 感谢评价, 已重新提交, 已补充.
  return redirectWithToast(new URL(request.url).pathname, intent === 'rate' ? 'rated' : intent === 'supply' ? 'supplied' : 'reopened');
}

export default function TrackPage() {
  const { t, i18n } = useTranslation();
  // An event's wording by its key; a key this version has no words for shows as itself rather than failing.
  const eventText = (key: string, values?: Record<string, string>) => (isMessageKey(i18n, key) ? String(t(key, values)) : key);
  const { state, view, consultation, slug } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const tr = useErrorText();
  // Each form is checked in the browser with the action's schema (by its intent): a form it refuses is not sent, its
  // message beside the field; the server's answer shows otherwise.
  const { err, check, sent } = useReply(actionData, residentCaseActionSchema);
  const fieldError = (form: string, field: string) => (sent ? err(form, field) : actionData?.field === field ? tr(actionData.error) : null);
  if (state === 'limited') return <Notice title={t('resident.errors.trackLimited')} />;
  if (!view) return <Notice title={t('resident.trackNotFound')} />;
  const time = (iso: string | Date) => new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="space-y-4">
      {params.has('new') ? (
        <div className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-center" data-testid="submitted">
          <p className="text-lg font-semibold text-emerald-800">{t('resident.doneTitle')}</p>
          <p className="mt-2 text-sm text-emerald-800">{t('resident.doneCode')}</p>
          <p className="mt-1 font-mono text-3xl font-bold tracking-widest text-slate-900" data-testid="tracking-code">
            {view.trackingCode}
          </p>
          <p className="mt-2 text-sm text-emerald-800">{t('resident.doneHint')}</p>
        </div>
      ) : null}
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <p className="text-sm text-slate-500">
          {t('resident.trackCode')} <span className="font-mono">{view.trackingCode}</span> · {view.category}
        </p>
        <p className="mt-2 text-xl font-semibold text-slate-900" data-testid="case-status">
          {t(`resident.status.${view.status}`, { street: view.streetName, department: view.departmentName })}
        </p>
        {view.rejectReason ? <p className="mt-1 text-slate-600">{t(`resident.rejectReasons.${view.rejectReason}`)}</p> : null}
        {view.mergedInto ? (
          <p className="mt-1 text-slate-600" data-testid="merged-note">
            {t('resident.mergedNote')}
          </p>
        ) : null}
        <h2 className="mt-4 text-sm font-medium text-slate-500">{t('resident.yourRequest')}</h2>
        <p className="mt-1 whitespace-pre-wrap break-words text-slate-800">{view.content}</p>
        {view.photoIds.length ? (
          <div className="mt-3 flex gap-2">
            {view.photoIds.map((id) => (
              <img key={id} src={`${view.trackingCode}/photos/${id}`} alt="" className="h-20 w-20 rounded-md object-cover" loading="lazy" />
            ))}
          </div>
        ) : null}
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="font-semibold text-slate-900">{t('resident.timeline')}</h2>
        <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4" data-testid="timeline">
          {view.events.map((e) => (
            <li key={e.id}>
              <p className="text-sm font-medium text-slate-800">{eventText(`resident.events.${e.key}`, e.values)}</p>
              <p className="text-xs text-slate-500">{time(e.at)}</p>
              {e.body ? <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-slate-800">{e.body}</p> : null}
            </li>
          ))}
        </ol>
        {view.rating ? <p className="mt-3 text-slate-700">{t('resident.yourRating', { n: view.rating })}</p> : null}
      </section>
      {consultation.length ? (
        <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="wish-consultation">
          <h2 className="font-semibold text-slate-900">{t('cogovernance.wishTitle')}</h2>
          <ul className="mt-2 space-y-3">
            {consultation.map((c, i) => (
              <li key={i}>
                <p className="break-words text-slate-800">{t('cogovernance.wishLine', { matter: c.matter, topic: c.meeting.topic, outcome: t(`cogovernance.outcome.${c.outcome as 'pending' | 'adopted' | 'rejected' | 'deferred'}`) })}</p>
                {c.decision ? (
                  <p className="mt-1 text-sm text-slate-600">
                    <span data-testid="wish-decision-status">{t(`cogovernance.status.${c.decision.status}`)}</span> · {t('cogovernance.progress', { n: c.decision.progress })}
                    {c.decision.result ? <span className="mt-1 block whitespace-pre-wrap break-words text-emerald-800">{c.decision.result}</span> : null}
                    <Link to={`/c/${slug}/decisions/${c.decision.token}`} className="mt-1 block underline">
                      {t('cogovernance.viewDecision')}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!sent && actionData?.error && !actionData.field ? <Alert tone="error">{tr(actionData.error)}</Alert> : null}
      {view.canSupply ? (
        <Form {...check('supply')} method="post" noValidate className="space-y-3 rounded-xl border border-amber-200 bg-amber-50 p-4 shadow-sm">
          <h2 className="font-semibold text-slate-900">{t('resident.supplyTitle')}</h2>
          <p className="text-sm text-slate-700">
            {t('resident.awaiting')}
            <span className="font-medium" data-testid="question">
              {view.question}
            </span>
          </p>
          <Field id="track-text" label={t('resident.supplyTitle')} error={fieldError('supply', 'text')}>
            <Textarea name="text" rows={3} maxLength={1000} required defaultValue={actionData?.typed.text} />
          </Field>
          <Button name="intent" value="supply" className="w-full" size="lg" disabled={navigation.state !== 'idle'}>
            {t('resident.supplySubmit')}
          </Button>
        </Form>
      ) : null}
      {view.canRate ? (
        <Form {...check('rate')} method="post" noValidate className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <fieldset>
            <legend className="font-semibold text-slate-900">{t('resident.rateTitle')}</legend>
            <div className="mt-3 flex justify-between gap-1">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className="flex flex-1 cursor-pointer flex-col items-center rounded-md border border-slate-200 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" name="rating" value={n} defaultChecked={actionData?.typed.rating === String(n)} className="sr-only" aria-label={t('resident.ratingLabel', { n })} required />
                  <span aria-hidden className="text-2xl text-amber-500">{'★'.repeat(1)}</span>
                  <span className="text-sm text-slate-700">{n}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <FieldError role="alert">{fieldError('rate', 'rating')}</FieldError>
          <Field id="track-comment" label={t('resident.ratingComment')}>
            <Textarea name="comment" rows={2} maxLength={500} defaultValue={actionData?.typed.comment} />
          </Field>
          <Button name="intent" value="rate" className="w-full" size="lg" disabled={navigation.state !== 'idle'}>
            {t('resident.rateSubmit')}
          </Button>
        </Form>
      ) : null}
      {view.canReopen ? (
        <Form {...check('reopen')} method="post" noValidate className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="font-semibold text-slate-900">{t('resident.reopenTitle')}</h2>
          <Field id="track-reason" label={t('resident.reopenReason')} error={fieldError('reopen', 'reason')}>
            <Textarea name="reason" rows={2} maxLength={500} required defaultValue={actionData?.typed.reason} />
          </Field>
          <Button name="intent" value="reopen" variant="secondary" className="w-full">
            {t('resident.reopenSubmit')}
          </Button>
        </Form>
      ) : null}
      <p className="text-center text-sm">
        <Link to=".." relative="path" className="text-brand-700 underline">
          {t('resident.trackTitle')}
        </Link>
      </p>
    </div>
  );
}
