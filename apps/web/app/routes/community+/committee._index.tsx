import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime, MATTER_SOURCES } from '@shequ/domain';
import { createMatter, getCommitteeDesk, scheduleMeeting } from '@shequ/use-cases';
import { committeeDeskFormSchema } from '@shequ/use-cases/schemas';
import { CommitteeCard, CommitteeForm } from '~/components/committee/committee-form.tsx';
import { CommitteeTabs, useReply } from '~/components/committee/committee-tabs.tsx';
import { ResidentPicker } from '~/components/committee/resident-picker.tsx';
import { CheckboxGroup } from '~/components/ui/checkbox-group.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { redirectWithToast, withToast } from '~/lib/toast.server.ts';
import { actOnCommittee, committeeCaller, loadCommittee } from './committee.server.ts';

export const meta = pageTitle('committee.title');

// The co-governance committee's desk (issue 18, decision 037): matters gathered (from wishes, staff or units),
// meetings prepared with their agenda and invitees, and the decisions with their progress.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await committeeCaller(request);
  return loadCommittee(caller, (tx) => getCommitteeDesk(tx, caller));
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, committeeDeskFormSchema, 'community');
  if (submission.status !== 'success') return replyInvalidSubmission(submission, { keepTyped: true });
  const v = submission.value;
  const caller = { actor, ability };
  if (v.intent === 'matter') {
    const done = await actOnCommittee(caller, (tx) => createMatter(tx, caller, v));
    if (!done.ok) return replyRefused('matter', done.error, submission.payload);
    return withToast(replySaved('matter'), 'committee.matterCreated');
  }
  const done = await actOnCommittee(caller, (tx) => scheduleMeeting(tx, caller, v));
  if (!done.ok) return replyRefused('meeting', done.error, submission.payload);
  return redirectWithToast(`/community/committee/meetings/${done.value.id}`, 'committee.meetingScheduled');
}

export default function CommitteeDesk() {
  const { t } = useTranslation();
  const tk = useLooseT();
  const desk = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const { err, alert, value, values, resetKey, check } = useReply(reply, committeeDeskFormSchema);
  const can = useCommunityCan();
  const canCreate = can('create', 'Consultation');
  // The yearly report reads the partner units as well as the meetings (reportScope): a grid worker, who reads the
  // committee's desk but not its partners, was offered links that answered 403 (issue 12, found from outside).
  const canReport = can('read', 'Consultation') && can('read', 'PartnerUnit');
  const when = (at: string | Date) => chinaDateTime(new Date(at)).slice(0, 16);
  // The matter form stays open once used (saved or refused), so its message and the next matter are in view.
  const matterOpen = reply?.form === 'matter';
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('committee.title')}
        description={t('committee.intro', { quorum: `${desk.rules.quorum.num}/${desk.rules.quorum.den}`, threshold: `${desk.rules.threshold.num}/${desk.rules.threshold.den}`, days: desk.rules.noticeDays })}
        actions={
          canReport ? (
            <>
              <a href="/community/committee/report?format=pdf" className="text-sm text-brand-700 underline" data-testid="report-pdf" download>
                {t('committee.report.pdf')}
              </a>
              <a href="/community/committee/report?format=xlsx" className="text-sm text-brand-700 underline" data-testid="report-xlsx" download>
                {t('committee.report.xlsx')}
              </a>
            </>
          ) : null
        }
      />
      <CommitteeTabs />

      <CommitteeCard title={t('committee.meetings.title')} empty={desk.meetings.length === 0 ? t('committee.meetings.empty') : null}>
        <ul className="divide-y divide-slate-100" data-testid="meetings">
          {desk.meetings.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link to={`/community/committee/meetings/${m.id}`} className="min-w-0 break-words font-medium text-brand-700 underline">
                {m.topic}
              </Link>
              <span className="flex flex-wrap items-center gap-1 text-xs text-slate-500">
                {when(m.startsAt)}
                <Badge tone={m.status === 'planned' ? 'info' : m.status === 'held' ? 'progress' : 'muted'}>{tk(`committee.meetingStatus.${m.status}`)}</Badge>
              </span>
            </li>
          ))}
        </ul>
      </CommitteeCard>

      <CommitteeCard title={t('committee.decisions.title')} empty={desk.decisions.length === 0 ? t('committee.decisions.empty') : null}>
        <ul className="divide-y divide-slate-100" data-testid="decisions">
          {desk.decisions.map((d) => (
            <li key={d.id} className="space-y-1 py-2">
              <Link to={`/community/committee/decisions/${d.id}`} className="break-words font-medium text-brand-700 underline">
                {d.title}
              </Link>
              <p className="flex flex-wrap items-center gap-1 text-xs text-slate-500">
                <Badge tone={d.status === 'done' ? 'success' : d.status === 'notice' ? 'progress' : 'info'}>{t(`cogovernance.status.${d.status}`)}</Badge>
                {t('cogovernance.progress', { n: d.progress })}
                {d.overdue ? <Badge tone="danger">{t('committee.decisions.overdue', { count: d.overdue })}</Badge> : null}
              </p>
            </li>
          ))}
        </ul>
      </CommitteeCard>

      <CommitteeCard title={t('committee.matters.title')} empty={desk.matters.length === 0 ? t('committee.matters.empty') : null}>
        <ul className="space-y-1 text-sm" data-testid="matters">
          {desk.matters.map((m) => (
            <li key={m.id} className="break-words">
              <Badge tone="neutral">{tk(`committee.source.${m.source}`)}</Badge> {m.title}
            </li>
          ))}
        </ul>
        {canCreate ? (
          <details className="rounded-md border border-slate-200 p-3" open={matterOpen}>
            <summary className="cursor-pointer text-sm text-brand-700">{t('committee.matters.new')}</summary>
            <CommitteeForm intent="matter" {...check('matter')} submitLabel={t('committee.matters.create')} busy={busy} alert={alert('matter')} resetKey={resetKey('matter')} className="mt-2" data-testid="matter-form">
              <Field id="m-title" label={t('committee.fields.title')} error={err('matter', 'title')}>
                <Input name="title" maxLength={100} defaultValue={value('matter', 'title')} />
              </Field>
              <Field id="m-desc" label={t('committee.fields.description')} optional={t('committee.optional')} error={err('matter', 'description')}>
                <Textarea name="description" maxLength={2000} defaultValue={value('matter', 'description')} />
              </Field>
              <Field id="m-source" label={t('committee.fields.source')} error={err('matter', 'source')}>
                <Select name="source" defaultValue={value('matter', 'source', 'wish')} options={MATTER_SOURCES.map((s) => ({ value: s, label: tk(`committee.source.${s}`) }))} />
              </Field>
              <div className="max-h-64 overflow-y-auto rounded-md border border-slate-100 p-2">
                <CheckboxGroup
                  name="caseIds"
                  legend={t('committee.fields.wishes')}
                  error={err('matter', 'caseIds')}
                  defaultValue={values('matter', 'caseIds')}
                  options={desk.wishes.map((w) => ({ value: w.id, label: <span className="break-all">{`${w.code} ${w.excerpt}`}</span> }))}
                />
              </div>
              <Field id="m-unit" label={t('committee.fields.unit')} hint={t('committee.fields.unitHint')} error={err('matter', 'partnerUnitId')}>
                <Select name="partnerUnitId" placeholder={t('committee.none')} defaultValue={value('matter', 'partnerUnitId')} options={optionsOf(desk.units)} />
              </Field>
            </CommitteeForm>
          </details>
        ) : null}
      </CommitteeCard>

      {canCreate ? (
        <CommitteeCard title={t('committee.meetings.new')}>
          <CommitteeForm intent="meeting" {...check('meeting')} grid submitLabel={t('committee.meetings.create')} busy={busy} alert={alert('meeting')} resetKey={resetKey('meeting')} data-testid="meeting-form">
            <Field id="mt-topic" label={t('committee.fields.topic')} error={err('meeting', 'topic')} className="sm:col-span-2">
              <Input name="topic" maxLength={100} defaultValue={value('meeting', 'topic')} />
            </Field>
            <Field id="mt-start" label={t('committee.fields.startsAt')} error={err('meeting', 'startsAt')}>
              <Input name="startsAt" type="datetime-local" defaultValue={value('meeting', 'startsAt')} />
            </Field>
            <Field id="mt-end" label={t('committee.fields.endsAt')} optional={t('committee.optional')} error={err('meeting', 'endsAt')}>
              <Input name="endsAt" type="datetime-local" defaultValue={value('meeting', 'endsAt')} />
            </Field>
            <Field id="mt-place" label={t('committee.fields.place')} error={err('meeting', 'place')}>
              <Input name="place" maxLength={200} defaultValue={value('meeting', 'place')} />
            </Field>
            <Field id="mt-online" label={t('committee.fields.onlineUrl')} optional={t('committee.optional')} error={err('meeting', 'onlineUrl')}>
              <Input name="onlineUrl" maxLength={300} inputMode="url" defaultValue={value('meeting', 'onlineUrl')} />
            </Field>
            <Field id="mt-capacity" label={t('committee.fields.capacity')} hint={t('committee.fields.capacityHint')} error={err('meeting', 'capacity')}>
              <Input name="capacity" inputMode="numeric" defaultValue={value('meeting', 'capacity')} />
            </Field>
            <Field id="mt-chair" label={t('committee.fields.chair')} error={err('meeting', 'chairUserId')}>
              <Select name="chairUserId" placeholder={t('committee.fields.chairSelf')} defaultValue={value('meeting', 'chairUserId')} options={desk.staff.map((s) => ({ value: s.userId, label: s.name }))} />
            </Field>
            <div className="sm:col-span-2">
              <CheckboxGroup
                name="matterIds"
                legend={t('committee.fields.agenda')}
                error={err('meeting', 'matterIds')}
                defaultValue={values('meeting', 'matterIds')}
                options={desk.matters.map((m) => ({ value: m.id, label: <span className="break-all">{m.title}</span> }))}
              />
              {desk.matters.length === 0 ? <p className="text-sm text-slate-500">{t('committee.matters.empty')}</p> : null}
            </div>
            <div className="max-h-64 overflow-y-auto rounded-md border border-slate-100 p-2 sm:col-span-2">
              <CheckboxGroup
                name="partnerUnitIds"
                legend={t('committee.fields.units', { count: desk.units.length })}
                error={err('meeting', 'partnerUnitIds')}
                defaultValue={values('meeting', 'partnerUnitIds')}
                options={desk.units.map((u) => ({ value: u.id, label: <span className="break-all">{u.name}</span> }))}
              />
            </div>
            <div className="sm:col-span-2">
              {/* Residents' representatives, found in the register (the use case took them; the form had no way to choose). */}
              <ResidentPicker
                name="residentIds"
                labelName="residentLabels"
                legend={t('committee.fields.residents')}
                hint={t('committee.fields.residentsHint')}
                error={err('meeting', 'residentIds')}
                initial={values('meeting', 'residentIds').map((id, i) => ({ id, label: values('meeting', 'residentLabels')[i] ?? '' }))}
              />
            </div>
            <div className="sm:col-span-2">
              <CheckboxGroup
                name="staffUserIds"
                legend={t('committee.fields.staff')}
                error={err('meeting', 'staffUserIds')}
                defaultValue={values('meeting', 'staffUserIds')}
                options={desk.staff.map((s) => ({ value: s.userId, label: s.name }))}
              />
            </div>
          </CommitteeForm>
        </CommitteeCard>
      ) : null}
    </div>
  );
}
