import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTrackingCode, REJECT_REASONS } from '@shequ/domain';
import { isUuid, withTenant } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import {
  acceptCase,
  addCaseNote,
  allowedCaseActions,
  assignCase,
  closeCase,
  getCase,
  hideCasePhoto,
  listReplyTemplates,
  mergeCase,
  recordFollowUp,
  rejectCase,
  replyToResident,
  resolveCase,
  revealReporterContact,
  staffActor,
  UseCaseError,
} from '@shequ/use-cases';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '~/components/ui/card.tsx';
import { caseErrorKey } from '~/lib/case-errors.ts';
import { db } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { requireActor, requireMutation } from '~/lib/session.server.ts';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  if (!isUuid(params.caseId)) notFound();
  try {
    return await withTenant(db, tenantId, async (tx) => {
      const view = await getCase(tx, ability, tenantId, params.caseId!);
      return {
        ...view,
        templates: await listReplyTemplates(tx, tenantId),
        allowed: allowedCaseActions(staffActor(actor), ability, view.case, view.gridWorkerId),
        canReveal: ability.can('reveal', 'PersonalData'),
      };
    });
  } catch (error) {
    if (error instanceof UseCaseError) notFound();
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ability, formData } = await requireMutation(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  if (!isUuid(params.caseId)) notFound();
  const call = { tenantId, caseId: params.caseId!, actor: staffActor(actor), ability };
  const field = (name: string) => String(formData.get(name) ?? '');
  const intent = field('intent');
  try {
    return await withTenant(db, tenantId, async (tx) => {
      switch (intent) {
        case 'accept':
          await acceptCase(tx, call);
          break;
        case 'assign':
          await assignCase(tx, { ...call, assigneeId: field('assigneeId') || null });
          break;
        case 'note':
          await addCaseNote(tx, { ...call, body: field('body') });
          break;
        case 'reply':
          await replyToResident(tx, { ...call, body: field('body') });
          break;
        case 'resolve':
          await resolveCase(tx, { ...call, resolution: field('body') });
          break;
        case 'close':
          await closeCase(tx, call);
          break;
        case 'reject':
          await rejectCase(tx, { ...call, reason: field('reason'), note: field('body') });
          break;
        case 'merge':
          await mergeCase(tx, { ...call, targetCode: field('targetCode') });
          break;
        case 'followUp':
          await recordFollowUp(tx, { ...call, rating: Number(field('rating')), comment: field('body') });
          break;
        case 'hidePhoto':
          await hideCasePhoto(tx, { ...call, photoId: field('photoId') });
          break;
        case 'reveal':
          return { ok: intent, error: null, contact: await revealReporterContact(tx, actor, ability, caseDeps.cipher, tenantId, params.caseId!) };
        default:
          throw data({ code: 'badRequest' }, { status: 400 });
      }
      return { ok: intent, error: null, contact: null };
    });
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (error instanceof UseCaseError) {
      if (error.code === 'case.notFound') notFound();
      return data({ ok: null, error: caseErrorKey(error.code), contact: null }, { status: error.code === 'case.conflict' ? 409 : 400 });
    }
    throw error;
  }
}

function ActionForm({ intent, label, children, variant = 'secondary' }: { intent: string; label: string; children?: ReactNode; variant?: 'primary' | 'secondary' }) {
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const ref = useRef<HTMLFormElement>(null);
  // A form that worked starts empty again; one that failed keeps what was typed.
  useEffect(() => {
    if (actionData?.ok === intent) ref.current?.reset();
  }, [actionData, intent]);
  return (
    <Form method="post" ref={ref} className="space-y-2">
      <CsrfInput />
      {children}
      <Button name="intent" value={intent} variant={variant} size="sm" disabled={navigation.state !== 'idle'}>
        {label}
      </Button>
    </Form>
  );
}

const textarea = 'block w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

export default function CasePage() {
  const { t, i18n } = useTranslation();
  const { case: c, events, photos, assignees, allowed, canReveal, templates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const can = (a: string) => (allowed as string[]).includes(a);
  const time = (iso: string | Date) => new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="space-y-4">
      <Link to="/community/cases" className="text-sm text-brand-700 underline">
        {t('cases.detail.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-xl font-semibold text-slate-900">{formatTrackingCode(c.trackingCode)}</h1>
        <span className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-700" data-testid="case-status">
          {t(`cases.status.${c.status}`)}
        </span>
        <span className="text-sm text-slate-500">
          {c.category} · {[c.building, c.grid].filter(Boolean).join(' · ') || '—'} · {t(`cases.channels.${c.channel}`)} · {time(c.createdAt)}
        </span>
      </div>
      {actionData?.error ? <Alert tone="error">{t(actionData.error as never)}</Alert> : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card>
            <CardBody>
              <p className="whitespace-pre-wrap break-words text-slate-900" data-testid="case-content">
                {c.content}
              </p>
              {photos.length ? (
                <div className="mt-3 flex flex-wrap gap-3">
                  {photos.map((p) => (
                    <figure key={p.id} className="space-y-1">
                      <img src={`/community/cases/${c.id}/photos/${p.id}`} alt="" className={`h-28 w-28 rounded-md object-cover ${p.hiddenAt ? 'opacity-40' : ''}`} loading="lazy" />
                      <figcaption className="text-xs text-slate-500">
                        {p.hiddenAt ? (
                          t('cases.detail.hidden')
                        ) : can('hidePhoto') ? (
                          <Form method="post">
                            <CsrfInput />
                            <input type="hidden" name="photoId" value={p.id} />
                            <button name="intent" value="hidePhoto" className="underline">
                              {t('cases.detail.hide')}
                            </button>
                          </Form>
                        ) : null}
                      </figcaption>
                    </figure>
                  ))}
                </div>
              ) : null}
              {c.resolution ? (
                <div className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
                  <strong>{t('cases.detail.resolutionShown')}：</strong>
                  {c.resolution}
                </div>
              ) : null}
              {c.rating ? <p className="mt-2 text-sm text-slate-700">{t('cases.detail.rating')}：{'★'.repeat(c.rating)}</p> : null}
            </CardBody>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('cases.detail.timeline')}</CardTitle>
            </CardHeader>
            <CardBody>
              <ol className="space-y-3" data-testid="staff-timeline">
                {events.map((e) => (
                  <li key={e.id} className="border-l-2 border-slate-200 pl-3">
                    <p className="text-sm text-slate-800">
                      <span className="font-medium">{t(`resident.events.${e.type}` as never)}</span>
                      <span className="ml-2 text-xs text-slate-500">
                        {e.actor ?? (e.actorKind === 'resident' ? t('cases.detail.resident') : t('cases.detail.system'))} · {time(e.at)} ·{' '}
                        {e.public ? t('cases.detail.public') : t('cases.detail.internal')}
                      </span>
                    </p>
                    {e.body ? <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{e.body}</p> : null}
                  </li>
                ))}
              </ol>
            </CardBody>
          </Card>
        </div>
        <div className="space-y-4">
          <Card>
            <CardHeader>
              <CardTitle>{t('cases.detail.reporter')}</CardTitle>
            </CardHeader>
            <CardBody className="space-y-2 text-sm">
              <p data-testid="reporter-hint">{c.reporterHint ?? t('cases.detail.noContact')}</p>
              {actionData?.contact ? (
                <p className="font-medium text-slate-900" data-testid="reporter-full">
                  {[actionData.contact.name, actionData.contact.mobile].filter(Boolean).join(' ')}
                </p>
              ) : c.hasContact && canReveal ? (
                <ActionForm intent="reveal" label={t('cases.detail.reveal')}>
                  <p className="text-xs text-slate-500">{t('cases.detail.revealNote')}</p>
                </ActionForm>
              ) : null}
              <p className="text-slate-600">
                {t('cases.assignee')}：{c.assignee ?? '—'}
              </p>
            </CardBody>
          </Card>
          <Card>
            <CardBody className="space-y-4">
              {can('accept') ? <ActionForm intent="accept" label={t('cases.detail.accept')} variant="primary" /> : null}
              {can('assign') ? (
                <ActionForm intent="assign" label={t('cases.detail.assign')}>
                  <label className="block text-sm text-slate-600">
                    {t('cases.detail.assignTo')}
                    <select name="assigneeId" defaultValue={c.assigneeId ?? ''} className="mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm">
                      <option value="">{t('cases.detail.unassigned')}</option>
                      {assignees.map((a) => (
                        <option key={a.id + a.role} value={a.id}>
                          {a.name}（{t(`roles.${a.role}`)}）
                        </option>
                      ))}
                    </select>
                  </label>
                </ActionForm>
              ) : null}
              {can('reply') ? (
                <ActionForm intent="reply" label={t('cases.detail.reply')}>
                  {templates.length ? (
                    <select
                      aria-label={t('settings.useTemplate')}
                      defaultValue=""
                      onChange={(e) => {
                        const area = e.currentTarget.form?.elements.namedItem('body') as HTMLTextAreaElement | null;
                        const tpl = templates.find((x) => x.id === e.currentTarget.value);
                        if (area && tpl) area.value = tpl.body;
                      }}
                      className="block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
                    >
                      <option value="">{t('settings.useTemplate')}</option>
                      {templates.map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.title}
                        </option>
                      ))}
                    </select>
                  ) : null}
                  <textarea name="body" rows={3} required maxLength={2000} placeholder={t('cases.detail.replyPlaceholder')} aria-label={t('cases.detail.reply')} className={textarea} />
                </ActionForm>
              ) : null}
              {can('resolve') ? (
                <ActionForm intent="resolve" label={t('cases.detail.resolve')} variant="primary">
                  <textarea name="body" rows={3} required maxLength={2000} placeholder={t('cases.detail.resolution')} aria-label={t('cases.detail.resolution')} className={textarea} />
                </ActionForm>
              ) : null}
              {can('followUp') ? (
                <ActionForm intent="followUp" label={t('cases.detail.followUp')}>
                  <label className="block text-sm text-slate-600">
                    {t('cases.detail.followUpRating')}
                    <select name="rating" required className="mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm">
                      {[5, 4, 3, 2, 1].map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </select>
                  </label>
                  <textarea name="body" rows={2} maxLength={500} placeholder={t('cases.detail.followUpComment')} aria-label={t('cases.detail.followUpComment')} className={textarea} />
                </ActionForm>
              ) : null}
              {can('close') ? <ActionForm intent="close" label={t('cases.detail.close')} /> : null}
              {can('note') ? (
                <ActionForm intent="note" label={t('cases.detail.note')}>
                  <textarea name="body" rows={2} required maxLength={2000} placeholder={t('cases.detail.notePlaceholder')} aria-label={t('cases.detail.note')} className={textarea} />
                </ActionForm>
              ) : null}
              {can('merge') ? (
                <ActionForm intent="merge" label={t('cases.detail.merge')}>
                  <input name="targetCode" required maxLength={20} placeholder={t('cases.detail.mergeTarget')} aria-label={t('cases.detail.mergeTarget')} className={`${textarea} font-mono`} />
                </ActionForm>
              ) : null}
              {can('reject') ? (
                <ActionForm intent="reject" label={t('cases.detail.reject')}>
                  <label className="block text-sm text-slate-600">
                    {t('cases.detail.rejectReason')}
                    <select name="reason" required className="mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm">
                      {REJECT_REASONS.map((r) => (
                        <option key={r} value={r}>
                          {t(`resident.rejectReasons.${r}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <textarea name="body" rows={2} maxLength={500} placeholder={t('cases.detail.rejectNote')} aria-label={t('cases.detail.rejectNote')} className={textarea} />
                </ActionForm>
              ) : null}
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}
