import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { ACTION_OWNER_KINDS, chinaDate, chinaDateTime } from '@shequ/domain';
import { addActionItem, getDecisionDesk, reportActionProgress } from '@shequ/use-cases';
import { decisionPageFormSchema } from '@shequ/use-cases/schemas';
import { CommitteeTabs, useReply } from '~/components/committee/committee-tabs.tsx';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Card, CardBody, CardSection } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FileInput } from '~/components/ui/file-input.tsx';
import { PHOTO_LIMIT_BYTES } from '~/lib/fit-photo.ts';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { bodyTooLarge, formNamedInUrl, formUrl, MB, pageWithoutForm, takesBodyUpTo } from '~/lib/body-limit.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { redirectWithToast, withToast } from '~/lib/toast.server.ts';
import { actOnCommittee, loadCommitteeRecord } from './committee.server.ts';

export const meta = pageTitle('committee.decision.title', dataField('decision.title'));

// One decision's whole line (issue 18): the wishes behind it, the meeting and its vote, the decision, its action
// items (owners, due dates in working days, progress with notes and a photo; sub-items weighted) and the result, and the
// residents' satisfaction. Implementing and feeding back decisions: 中办发〔2015〕41号 (POLICY.md).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record: desk, slug } = await loadCommitteeRecord(request, params.decisionId, (tx, caller, decisionId) => getDecisionDesk(tx, caller, { decisionId }));
  return { ...desk, publicUrl: `/c/${slug}/decisions/${desk.decision.publicToken}` };
}

/** Bodies above this are answered without reading the form (decision 060): one photo of 5 MB plus the fields, with room for multipart overhead. */
export const handle = takesBodyUpTo(6 * MB);

export async function action({ request, params }: ActionFunctionArgs) {
  // A photo too large to read (the browser did not make it fit): beside the photo field of the item's form.
  if (bodyTooLarge(request, handle)) {
    const form = formNamedInUrl(request, (key) => /^progress:/.test(key) && isUuid(key.slice('progress:'.length))) ?? 'progress';
    return data({ form, errors: { photo: ['refusals.intake.photos.tooLarge'] }, error: null, params: { maxMb: 5 } }, { status: 413 });
  }
  const { actor, ability, submission } = await requireSubmission(request, decisionPageFormSchema, 'community');
  if (!isUuid(params.decisionId)) notFound();
  if (submission.status !== 'success') {
    const intent = String(submission.payload.intent ?? '');
    return replyInvalidSubmission(submission, { form: intent === 'progress' ? `progress:${String(submission.payload.actionItemId ?? '')}` : intent, keepTyped: true });
  }
  const v = submission.value;
  const caller = { actor, ability };
  if (v.intent === 'addAction') {
    const done = await actOnCommittee(caller, (tx) => addActionItem(tx, caller, { ...v, decisionId: params.decisionId! }));
    if (!done.ok) return replyRefused('addAction', done.error, submission.payload);
    // Saved: the form comes back empty for the next item (it kept the last one's title: found by an outside trial).
    return withToast(replySaved('addAction'), 'committee.actionAdded');
  }
  const form = `progress:${v.actionItemId}`;
  const { photo: file, intent: _intent, ...fields } = v;
  const photo = file ? new Uint8Array(await file.arrayBuffer()) : null;
  const done = await actOnCommittee(caller, (tx) => reportActionProgress(tx, caller, { ...fields, photo, storage: caseDeps.storage }));
  if (!done.ok) return replyRefused(form, done.error, submission.payload);
  // Saved: back to the page's own address (posted to ?form=…, which a reload must not post again).
  return redirectWithToast(pageWithoutForm(request), done.value.decisionDone ? 'committee.decisionDone' : 'committee.progressSaved');
}

export default function DecisionPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // A refused form shows what was typed again (value), also on a page rendered anew (no JavaScript).
  const { err, submit, value, resetKey, check } = useReply(reply, decisionPageFormSchema);
  const can = useCommunityCan();
  const canUpdate = can('update', 'Consultation');
  const [ownerKind, setOwnerKind] = useState<string>('partner_unit');
  // A saved action item starts the next one afresh, its owner's kind too (a refused one keeps what was chosen).
  const addActionKey = resetKey('addAction');
  useEffect(() => setOwnerKind('partner_unit'), [addActionKey]);
  const day = (at: string | Date | null) => (at ? chinaDate(new Date(at)) : '');
  const top = d.items.filter((i) => !i.parentId);
  const itemCard = (item: (typeof d.items)[number], nested: boolean) => {
    const form = `progress:${item.id}`;
    const parent = d.items.some((i) => i.parentId === item.id);
    return (
      <li key={item.id} className={nested ? 'ml-3 border-l border-slate-200 pl-3' : ''} data-testid="action-item">
        <div className="space-y-1 py-2">
          <p className="break-words font-medium">{item.title}</p>
          <p className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
            <Badge tone="neutral">{item.owner.name ?? t('cogovernance.owner.staff')}</Badge>
            {item.dueAt ? <span>{t('cogovernance.due', { date: day(item.dueAt) })}</span> : null}
            {item.overdueAt && !item.completedAt ? <Badge tone="danger">{t('committee.decision.overdue')}</Badge> : null}
            <Badge tone={item.completedAt ? 'success' : 'progress'} data-testid="action-progress">
              {item.progress}%
            </Badge>
            {nested ? <span>{t('committee.decision.weight', { n: item.weight })}</span> : null}
          </p>
          <div className="h-2 w-full overflow-hidden rounded bg-slate-100">
            <div className="h-2 bg-brand-600" style={{ width: `${item.progress}%` }} />
          </div>
          {item.updates.length ? (
            <ul className="space-y-0.5 text-xs text-slate-500">
              {item.updates.slice(0, 5).map((u) => (
                <li key={u.id} className="break-words">
                  {chinaDateTime(new Date(u.createdAt)).slice(0, 16)} · {u.progress}% {u.note ? `· ${u.note}` : ''} {u.by ? `（${u.by}）` : ''}
                  {u.hasPhoto ? (
                    <a href={`/community/committee/decisions/${d.decision.id}/updates/${u.id}/photo`} target="_blank" rel="noreferrer" className="mt-1 block w-fit">
                      <img src={`/community/committee/decisions/${d.decision.id}/updates/${u.id}/photo`} alt={t('committee.decision.photoAlt', { progress: u.progress })} className="h-20 rounded border border-slate-200" loading="lazy" data-testid="progress-photo" />
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {canUpdate && !parent && !item.completedAt && d.decision.status === 'notice' ? (
            // Carried out once its notice period ends (reportActionProgress refuses before): said instead of the form.
            <p className="text-sm text-slate-600" data-testid="progress-after-notice">
              {t('committee.decision.progressAfterNotice', { date: day(d.decision.noticeEndsAt) })}
            </p>
          ) : null}
          {canUpdate && !parent && !item.completedAt && d.decision.status !== 'notice' ? (
            // A new form once a report is saved (the saved form starts empty): the page is loaded again after the redirect, with one more update.
            <Form {...check(form)} key={`${form}:${item.updates.length}`} method="post" action={formUrl(form)} encType="multipart/form-data" noValidate className="grid gap-2 sm:grid-cols-4" data-testid="progress-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="progress" />
              <input type="hidden" name="actionItemId" value={item.id} />
              <Field id={`p-${item.id}`} label={t('committee.decision.progress')} error={err(form, 'progress')}>
                <Input name="progress" inputMode="numeric" defaultValue={value(form, 'progress', String(item.progress))} />
              </Field>
              <Field id={`n-${item.id}`} label={t('committee.decision.note')} optional={t('committee.optional')} error={err(form, 'note')} className="sm:col-span-3">
                <Input name="note" maxLength={2000} defaultValue={value(form, 'note')} />
              </Field>
              <Field id={`r-${item.id}`} label={t('committee.decision.result')} hint={t('committee.decision.resultHint')} error={err(form, 'result')} className="sm:col-span-4">
                <Textarea name="result" maxLength={2000} rows={2} defaultValue={value(form, 'result')} />
              </Field>
              <Field id={`ph-${item.id}`} label={t('committee.decision.photo')} optional={t('committee.optional')} hint={t('committee.decision.photoHint')} error={err(form, 'photo')} className="sm:col-span-4">
                <FileInput maxBytes={PHOTO_LIMIT_BYTES} name="photo" accept="image/jpeg,image/png,image/webp" capture="environment" chooseLabel={t('care.visit.photoChoose')} noneLabel={t('care.visit.photoNone')} removeLabel={t('care.visit.photoRemove')} />
              </Field>
              {submit(form, t('committee.decision.report'), { className: 'sm:col-span-4', size: 'sm' })}
            </Form>
          ) : null}
        </div>
        {d.items.some((i) => i.parentId === item.id) ? <ul>{d.items.filter((i) => i.parentId === item.id).map((i) => itemCard(i, true))}</ul> : null}
      </li>
    );
  };
  return (
    <div className="space-y-4">
      <PageHeader title={d.decision.title} description={t('cogovernance.meeting', { topic: d.meeting.topic, date: day(d.meeting.startsAt) })}>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={d.decision.status === 'done' ? 'success' : d.decision.status === 'notice' ? 'progress' : 'info'} data-testid="decision-status">
            {t(`cogovernance.status.${d.decision.status}`)}
          </Badge>
          <Link to={d.publicUrl} className="text-brand-700 underline" data-testid="public-link">
            {t('committee.decision.public')}
          </Link>
          <Link to="/community/committee" className="text-brand-700 underline">
            {t('committee.back')}
          </Link>
        </p>
      </PageHeader>
      <CommitteeTabs />

      <Card>
        <CardBody className="space-y-2 text-sm">
          <p className="whitespace-pre-wrap break-words text-base">{d.decision.body}</p>
          {d.vote.votesFor !== null ? (
            <p className="text-slate-700">{t('cogovernance.vote', { expected: d.vote.expectedAtVote, attending: d.vote.attendingAtVote, for: d.vote.votesFor, against: d.vote.votesAgainst, abstain: d.vote.votesAbstain })}</p>
          ) : null}
          <p className="text-slate-600">{t('cogovernance.noticeUntil', { date: day(d.decision.noticeEndsAt) })}</p>
          <p className="font-medium">{t('cogovernance.progress', { n: d.progress })}</p>
          {d.decision.result ? <p className="whitespace-pre-wrap break-words">{t('committee.decision.resultLine', { text: d.decision.result })}</p> : null}
          {d.satisfaction ? <p>{t('committee.decision.satisfaction', { rated: d.satisfaction.rated, average: d.satisfaction.average })}</p> : null}
        </CardBody>
      </Card>

      <CardSection title={t('committee.decision.wishes', { count: d.wishes.length })}>
        {d.wishes.length === 0 ? <p className="text-sm text-slate-500">{t('committee.decision.noWishes')}</p> : null}
        <ul className="space-y-1 text-sm">
          {d.wishes.map((w) => (
            <li key={w.id} className="break-words">
              <Link to={`/community/cases/${w.id}`} className="font-mono text-brand-700 underline">
                {w.code}
              </Link>{' '}
              {w.content.slice(0, 60)} {w.rating ? `· ${'★'.repeat(w.rating)}` : ''}
            </li>
          ))}
        </ul>
      </CardSection>

      <CardSection title={t('cogovernance.actions')} bodyClassName="space-y-3">
        {top.length === 0 ? <EmptyState title={t('cogovernance.actionsEmpty')} /> : <ul className="divide-y divide-slate-100">{top.map((i) => itemCard(i, false))}</ul>}
        {canUpdate && d.decision.status !== 'done' ? (
          <details className="rounded-md border border-slate-200 p-3" open={reply?.form === 'addAction' || top.length === 0}>
            <summary className="cursor-pointer text-sm text-brand-700">{t('committee.decision.addAction')}</summary>
            <Form {...check('addAction')} key={addActionKey} method="post" noValidate className="mt-2 grid gap-3 sm:grid-cols-2" data-testid="action-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="addAction" />
              <Field id="a-title" label={t('committee.fields.title')} error={err('addAction', 'title')} className="sm:col-span-2">
                <Input name="title" maxLength={200} defaultValue={value('addAction', 'title')} />
              </Field>
              <Field id="a-kind" label={t('committee.decision.ownerKind')} error={err('addAction', 'ownerKind')}>
                <Select name="ownerKind" value={ownerKind} onChange={(e) => setOwnerKind(e.target.value)} options={ACTION_OWNER_KINDS.map((k) => ({ value: k, label: t(`committee.ownerKind.${k}`) }))} />
              </Field>
              {ownerKind === 'partner_unit' ? (
                <Field id="a-unit" label={t('committee.ownerKind.partner_unit')} error={err('addAction', 'ownerPartnerUnitId')}>
                  <Select name="ownerPartnerUnitId" placeholder={t('committee.choose')} defaultValue={value('addAction', 'ownerPartnerUnitId')} options={optionsOf(d.units)} />
                </Field>
              ) : ownerKind === 'staff' ? (
                <Field id="a-staff" label={t('committee.ownerKind.staff')} error={err('addAction', 'ownerUserId')}>
                  <Select name="ownerUserId" placeholder={t('committee.choose')} defaultValue={value('addAction', 'ownerUserId')} options={d.staff.map((s) => ({ value: s.userId, label: s.name }))} />
                </Field>
              ) : ownerKind === 'department' ? (
                <Field id="a-dept" label={t('committee.ownerKind.department')} error={err('addAction', 'ownerOrgUnitId')}>
                  <Select name="ownerOrgUnitId" placeholder={t('committee.choose')} defaultValue={value('addAction', 'ownerOrgUnitId')} options={optionsOf(d.departments)} />
                </Field>
              ) : (
                <Field id="a-team" label={t('committee.ownerKind.team')} error={err('addAction', 'ownerTeam')}>
                  <Input name="ownerTeam" maxLength={60} defaultValue={value('addAction', 'ownerTeam')} />
                </Field>
              )}
              <Field id="a-due" label={t('committee.decision.dueDays')} hint={t('committee.decision.dueDaysHint')} error={err('addAction', 'dueWorkingDays')}>
                <Input name="dueWorkingDays" inputMode="numeric" defaultValue={value('addAction', 'dueWorkingDays')} />
              </Field>
              <Field id="a-parent" label={t('committee.decision.parent')} optional={t('committee.optional')} error={err('addAction', 'parentId')}>
                <Select name="parentId" placeholder={t('committee.none')} defaultValue={value('addAction', 'parentId')} options={top.map((i) => ({ value: i.id, label: i.title }))} />
              </Field>
              <Field id="a-weight" label={t('committee.decision.weightLabel')} hint={t('committee.decision.weightHint')} error={err('addAction', 'weight')}>
                <Input name="weight" inputMode="numeric" defaultValue={value('addAction', 'weight', '1')} />
              </Field>
              {submit('addAction', t('committee.decision.addAction'), { className: 'sm:col-span-2' })}
            </Form>
          </details>
        ) : null}
      </CardSection>

      {d.objections.length ? (
        <CardSection title={t('cogovernance.objectionsCount', { n: d.objections.length })}>
          <ul className="space-y-1 text-sm">
            {d.objections.map((o) => (
              <li key={o.id} className="whitespace-pre-wrap break-words">
                {chinaDateTime(new Date(o.createdAt)).slice(0, 16)} · {o.body}
              </li>
            ))}
          </ul>
        </CardSection>
      ) : null}
    </div>
  );
}
