import { Link, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatTrackingCode } from '@shequ/domain';
import { isMessageKey } from '~/lib/i18n.ts';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { Alert } from '../ui/alert.tsx';
import { Card, CardBody, CardSection } from '../ui/card.tsx';
import { Badge, caseStatusTone } from '../ui/status-badge.tsx';
import { ActionForm } from './action-form.tsx';
import { CaseActions, type CaseActionsProps } from './case-actions.tsx';
import { CaseDeadlines, type DeadlineView } from './case-deadlines.tsx';
import { CaseTimeline, type TimelineEvent } from './case-timeline.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';

export type CaseDetailData = {
  case: {
    id: string;
    trackingCode: string;
    status: string;
    content: string;
    category: string;
    building: string | null;
    grid: string | null;
    channel: string;
    createdAt: string | Date;
    resolution: string | null;
    rating: number | null;
    reporterHint: string | null;
    hasContact: boolean;
    assignee: string | null;
    assigneeId: string | null;
    holderName: string | null;
    coDepartmentNames: string[];
    awaitingResident: boolean;
    overdueAt: string | Date | null;
  };
  communityName?: string;
  events: TimelineEvent[];
  photos: { id: string; hiddenAt: string | Date | null }[];
  deadlines: DeadlineView[];
  allowed: string[];
  canReveal: boolean;
};

type ActionData = { ok: string | null; error: RefusalMessage | null; contact?: { name: string | null; mobile: string | null } | null };

/** A case as staff see it, in any console: what the resident asked, where it is, its time limits, its timeline, and what you may do. */
export function CaseDetail({ data, backTo, photoBase, actions }: { data: CaseDetailData; backTo: string; photoBase: string; actions: Omit<CaseActionsProps, 'allowed'> }) {
  const { t, i18n } = useTranslation();
  const label = (key: string, fallback: string) => (isMessageKey(i18n, key) ? String(t(key)) : fallback);
  const actionData = useActionData<ActionData>();
  const { case: c, events, photos, deadlines, allowed, canReveal } = data;
  const can = (a: string) => allowed.includes(a);
  const time = (iso: string | Date) => new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="space-y-4">
      <Link to={backTo} className="text-sm text-brand-700 underline">
        {t('cases.detail.back')}
      </Link>
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="font-mono text-xl font-semibold text-slate-900">{formatTrackingCode(c.trackingCode)}</h1>
          <Badge tone={caseStatusTone(c.status)} className="px-3 py-1 text-sm" data-testid="case-status">
            {label(`cases.status.${c.status}`, c.status)}
          </Badge>
          {c.overdueAt ? (
            <Badge tone="danger" className="px-3 py-1 text-sm">
              {t('cases.detail.overdue')}
            </Badge>
          ) : null}
        </div>
        <p className="text-sm text-slate-500" data-testid="case-meta">
          {data.communityName ? `${data.communityName} · ` : ''}
          {c.category} · {[c.building, c.grid].filter(Boolean).join(' · ') || '—'} · {label(`cases.channels.${c.channel}`, c.channel)} · {time(c.createdAt)}
        </p>
      </div>
      {actionData?.error ? <Alert tone="error">{t(actionData.error)}</Alert> : null}
      {/* Phone first: the wish, then who asked and what to do next, then the history. On a wide screen the
          actions sit beside the wish and the history runs under it. */}
      <div className="grid gap-4 lg:grid-cols-3 lg:items-start">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          <Card>
            <CardBody>
              <p className="whitespace-pre-wrap break-words text-slate-900" data-testid="case-content">
                {c.content}
              </p>
              {photos.length ? (
                <div className="mt-3 flex flex-wrap gap-3">
                  {photos.map((p) => (
                    <figure key={p.id} className="space-y-1">
                      <img src={`${photoBase}/${p.id}`} alt="" className={`h-28 w-28 rounded-md object-cover ${p.hiddenAt ? 'opacity-40' : ''}`} loading="lazy" />
                      <figcaption className="text-xs text-slate-500">
                        {p.hiddenAt ? (
                          t('cases.detail.hidden')
                        ) : can('hidePhoto') ? (
                          <PostForm hiddenFields={{ photoId: p.id }}>
                            <button name="intent" value="hidePhoto" className="underline">
                              {t('cases.detail.hide')}
                            </button>
                          </PostForm>
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
        </div>
        <div className="min-w-0 space-y-4 lg:row-span-2">
          <CardSection title={t('cases.detail.reporter')} bodyClassName="space-y-2 text-sm">
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
            <p className="text-slate-600" data-testid="case-assignee">
              {t('cases.assignee')}：{c.assignee ?? '—'}
            </p>
            {c.holderName ? (
              <p className="text-slate-600" data-testid="case-holder">
                {t('cases.detail.holder')}：{c.holderName}
                {c.coDepartmentNames.length ? `（${t('cases.detail.coDepartments')}：${c.coDepartmentNames.join('、')}）` : ''}
              </p>
            ) : null}
            <CaseDeadlines deadlines={deadlines} awaiting={c.awaitingResident} />
          </CardSection>
          <CaseActions allowed={allowed} assigneeId={c.assigneeId} {...actions} />
        </div>
        <div className="min-w-0 lg:col-span-2">
          <CaseTimeline events={events} />
        </div>
      </div>
    </div>
  );
}
