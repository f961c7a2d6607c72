import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDate } from '@shequ/domain';
import { withTenant } from '@shequ/db';
import { anonymousCaller, fileObjection, getPublicDecision } from '@shequ/use-cases';
import { fileObjectionSchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { db } from '~/lib/db.server.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { readSubmission } from '~/lib/forms.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { qrSvg } from '~/lib/qr.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { objectionThrottle } from '~/lib/throttle.server.ts';
import { useReply } from '~/lib/form-reply.tsx';

export const meta = pageTitle('cogovernance.decisionTitle', dataField('view.title'));

// 决议公开 and 实施结果公开 (issue 18, decision 037): a decision of the community's consultation meeting, readable by
// anyone without signing in, with its action items' progress and result (no personal data), a QR code of its own
// address to share, an objection form while the notice period runs, and the units and residents' representatives who
// attended the meeting and agreed to be shown (only those).
async function load(slug: string | undefined, token: string | undefined) {
  const community = await communityBySlug(slug);
  if (!token || !/^[A-Za-z0-9_-]{8,40}$/.test(token)) notFound();
  try {
    return { community, view: await withTenant(db, community.id, (tx) => getPublicDecision(tx, anonymousCaller(), { tenantId: community.id, token })) };
  } catch (error) {
    if (isRefusal(error)) notFound();
    throw error;
  }
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { community, view } = await load(params.slug, params.token);
  const base = process.env.PUBLIC_URL?.replace(/\/$/, '') || new URL(request.url).origin;
  const url = `${base}/c/${community.slug}/decisions/${params.token}`;
  const qr = `data:image/svg+xml;base64,${Buffer.from(await qrSvg(url)).toString('base64')}`;
  return { community: { name: community.name, slug: community.slug }, view, url, qr };
}

/**
 * An objection during the notice period (anonymous: nothing about the sender is kept). Limited per IP like ratings
 * and ballots (OBJECTIONS_PER_IP in the throttle's window): a limited sender is told in Chinese how long to wait, and
 * what they typed stays in the box.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { community } = await load(params.slug, params.token);
  const submission = await readSubmission(request, fileObjectionSchema);
  const typed = String(submission.payload.body ?? '').slice(0, 600);
  const answer = (status: number, error: string, retryMinutes = 0) => data({ ok: false as const, error, typed, retryMinutes }, { status });
  if (submission.status !== 'success') return answer(400, submission.error?.body?.[0] ?? 'refusals.consultation.objection.invalid');
  const throttle = await objectionThrottle(context.ip);
  if (throttle.blocked) return answer(429, 'cogovernance.objectLimited', Math.max(1, Math.ceil(throttle.retryAfterSeconds / 60)));
  try {
    await withTenant(db, community.id, (tx) => fileObjection(tx, anonymousCaller(), { tenantId: community.id, token: params.token!, body: submission.value.body }));
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const refusal = describeRefusal(error);
    return answer(refusal.status, refusal.message);
  }
  return { ok: true as const, error: null, typed: '', retryMinutes: 0 };
}

export default function PublicDecisionPage() {
  const { t } = useTranslation();
  const { community, view, url, qr } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const tr = useErrorText({ minutes: actionData?.retryMinutes || 15 });
  // Checked in the browser with the action's schema: an objection it refuses is not sent, its message beside the box.
  const { err, check, sent } = useReply(actionData, fileObjectionSchema);
  const day = (at: Date | string | null) => (at ? chinaDate(new Date(at)) : '');
  const tone = view.status === 'done' ? 'bg-emerald-100 text-emerald-800' : view.status === 'notice' ? 'bg-amber-100 text-amber-800' : 'bg-sky-100 text-sky-800';
  return (
    <div className="space-y-4" data-testid="public-decision">
      <p className="text-sm text-slate-500">
        <Link to={`/c/${community.slug}/decisions`} className="underline">
          {t('cogovernance.decisionsTitle')}
        </Link>
      </p>
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${tone}`} data-testid="decision-status">
          {t(`cogovernance.status.${view.status}`)}
        </span>
        <h1 className="mt-2 break-words text-xl font-semibold text-slate-900">{view.title}</h1>
        <p className="mt-2 whitespace-pre-wrap break-words text-slate-800">{view.body}</p>
        {view.meeting ? <p className="mt-3 text-sm text-slate-600">{t('cogovernance.meeting', { topic: view.meeting.topic, date: day(view.meeting.startsAt) })}</p> : null}
        {view.vote ? (
          <p className="mt-1 text-sm text-slate-600" data-testid="decision-vote">
            {t('cogovernance.vote', { expected: view.vote.expected ?? 0, attending: view.vote.attending ?? 0, for: view.vote.for ?? 0, against: view.vote.against ?? 0, abstain: view.vote.abstain ?? 0 })}
            {view.vote.mode === 'secret' ? ` · ${t('cogovernance.voteSecret')}` : ''}
          </p>
        ) : null}
        {view.attendees.units.length || view.attendees.representatives.length ? (
          <div className="mt-1 space-y-1 break-words text-sm text-slate-600" data-testid="decision-attendees">
            {view.attendees.units.length ? <p>{t('cogovernance.attendeeUnits', { names: view.attendees.units.join('、') })}</p> : null}
            {view.attendees.representatives.length ? <p>{t('cogovernance.attendeeRepresentatives', { names: view.attendees.representatives.join('、') })}</p> : null}
          </div>
        ) : null}
        <p className="mt-1 text-sm text-slate-600">{view.inNotice ? t('cogovernance.noticeUntil', { date: day(view.noticeEndsAt) }) : t('cogovernance.noticeOver')}</p>
      </section>

      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="font-semibold text-slate-900">{t('cogovernance.actions')}</h2>
        <p className="mt-1 text-sm text-slate-600" data-testid="decision-progress">
          {t('cogovernance.progress', { n: view.progress })}
        </p>
        <div className="mt-2 h-2 w-full rounded-full bg-slate-100" role="progressbar" aria-valuenow={view.progress} aria-valuemin={0} aria-valuemax={100}>
          <div className="h-2 rounded-full bg-emerald-500" style={{ width: `${view.progress}%` }} />
        </div>
        {view.items.length ? (
          <ul className="mt-3 space-y-3">
            {view.items.map((i) => (
              <li key={i.id} className={`rounded-md border border-slate-100 p-3 ${i.parentId ? 'ml-4' : ''}`}>
                <p className="break-words font-medium text-slate-800">{i.title}</p>
                <p className="text-sm text-slate-600">
                  {t(`cogovernance.owner.${i.owner.kind as 'staff' | 'team' | 'partner_unit' | 'department'}`, { name: i.owner.name ?? '' })} · {i.progress}%
                  {i.completedAt ? ` · ${t('cogovernance.completed', { date: day(i.completedAt) })}` : i.dueAt ? ` · ${t('cogovernance.due', { date: day(i.dueAt) })}` : ''}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-sm text-slate-500">{t('cogovernance.actionsEmpty')}</p>
        )}
        {view.result ? (
          <div className="mt-4 rounded-md bg-emerald-50 p-3" data-testid="decision-result">
            <h3 className="text-sm font-medium text-emerald-900">{t('cogovernance.result')}</h3>
            <p className="mt-1 whitespace-pre-wrap break-words text-emerald-900">{view.result}</p>
          </div>
        ) : null}
        {view.satisfaction ? (
          <p className="mt-3 text-sm text-slate-700" data-testid="decision-satisfaction">
            {t('cogovernance.satisfaction', { rated: view.satisfaction.rated, average: view.satisfaction.average })}
          </p>
        ) : null}
      </section>

      {view.inNotice ? (
        <Form {...check('objection')} method="post" noValidate className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="objection-form">
          <h2 className="font-semibold text-slate-900">{t('cogovernance.objectTitle')}</h2>
          <p className="text-sm text-slate-600">{t('cogovernance.objectHint')}</p>
          {actionData?.ok ? (
            <p className="rounded-md bg-emerald-50 p-3 text-emerald-800" role="status" data-testid="objection-done">
              {t('cogovernance.objected')}
            </p>
          ) : (
            <>
              <Field id="body" label={t('cogovernance.objectLabel')} error={sent === 'objection' ? err('objection', 'body') : tr(actionData?.error)}>
                <textarea id="body" name="body" rows={3} maxLength={500} defaultValue={actionData?.typed} className="block w-full rounded-md border border-slate-300 px-3 py-2" />
              </Field>
              <Button type="submit" className="w-full">
                {t('cogovernance.objectSubmit')}
              </Button>
            </>
          )}
          {view.objections ? <p className="text-xs text-slate-500">{t('cogovernance.objectionsCount', { n: view.objections })}</p> : null}
        </Form>
      ) : null}

      <section className="rounded-xl border border-slate-200 bg-white p-4 text-center shadow-sm">
        <h2 className="font-semibold text-slate-900">{t('cogovernance.share')}</h2>
        <img src={qr} alt={t('cogovernance.qrAlt')} className="mx-auto mt-2 h-40 w-40" />
        <p className="mt-2 break-all text-xs text-slate-500">{url}</p>
      </section>
    </div>
  );
}
