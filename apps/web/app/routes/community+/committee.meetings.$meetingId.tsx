import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { chinaDateTime, meetingActOpensAt } from '@shequ/domain';
import {
  approveMinutes,
  attachMinutesFile,
  cancelMeeting,
  cancelRegistration,
  checkInParticipant,
  decideAgendaItem,
  draftMinutes,
  getMeeting,
  issueCheckInCode,
  openSecretBallot,
  recordAttendance,
  registerParticipant,
  removeMinutesFile,
  rescheduleMeeting,
} from '@shequ/use-cases';
import { meetingPageFormSchema } from '@shequ/use-cases/schemas';
import { CommitteeTabs, useReply } from '~/components/committee/committee-tabs.tsx';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { ConfirmButton } from '~/components/ui/dialog.tsx';
import { Card, CardBody, CardSection } from '~/components/ui/card.tsx';
import { Checkbox } from '~/components/ui/checkbox-group.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FileInput } from '~/components/ui/file-input.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { bodyTooLarge, MB, takesBodyUpTo } from '~/lib/body-limit.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actOnCommittee, loadCommitteeRecord } from './committee.server.ts';

export const meta = pageTitle('committee.meeting.title', dataField('meeting.topic'));

// A consultation meeting (issue 18, decision 037; 四议两公开, POLICY.md): seats and the waiting list, attendance by
// list or by a participant's code (应到 / 实到 against the community's quorum), each agenda item's vote (show of
// hands, or a secret ballot with one-time codes residents use on /c/<slug>/ballot) and decision, and the minutes
// the chair approves.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record: meeting, slug } = await loadCommitteeRecord(request, params.meetingId, (tx, caller, meetingId) => getMeeting(tx, caller, { meetingId }));
  // Before the start the page says when attendance and votes open (decision 062), rather than refusing them unannounced.
  const beforeStart = Date.now() < new Date(meeting.meeting.startsAt).getTime();
  // A meeting is moved only before check-in opens (rescheduleMeeting refuses later): the form shows until then.
  const mayMove = Date.now() < meetingActOpensAt('attendance', new Date(meeting.meeting.startsAt)).getTime();
  // Registration closes at the start (registerParticipant and cancelRegistration refuse later): the 报名 and 取消报名
  // buttons show until then.
  return { ...meeting, mayMove, mayRegister: beforeStart, ballotUrl: `/c/${slug}/ballot`, opens: beforeStart ? { attendance: chinaDateTime(meetingActOpensAt('attendance', new Date(meeting.meeting.startsAt))).slice(0, 16), vote: chinaDateTime(new Date(meeting.meeting.startsAt)).slice(0, 16) } : null };
}

/** Bodies above this are answered without reading the form (decision 060): a scan of 10 MB plus the fields, with room for multipart overhead. */
export const handle = takesBodyUpTo(11 * MB);

export async function action({ request, params }: ActionFunctionArgs) {
  if (bodyTooLarge(request, handle)) return data({ form: 'minutesFile', errors: { minutesFile: ['refusals.consultation.minutesFile.tooLarge'] }, error: null, params: { maxMb: 10 } }, { status: 413 });
  const { actor, ability, submission } = await requireSubmission(request, meetingPageFormSchema, 'community');
  if (!isUuid(params.meetingId)) notFound();
  if (submission.status !== 'success') {
    // An agenda item's forms are named by the item (decide:<id>, openBallot:<id>), so the messages land beside its own
    // fields (赞成 = -1 came back 400 and showed nothing: found from outside).
    const { intent, itemId } = submission.payload;
    const form = (intent === 'decide' || intent === 'openBallot') && typeof itemId === 'string' ? `${intent}:${itemId}` : undefined;
    return replyInvalidSubmission(submission, { form, keepTyped: true });
  }
  const v = submission.value;
  const meetingId = params.meetingId!;
  const caller = { actor, ability };
  // `saved`: a form that was saved comes back empty (a check-in code stayed in its box after it was taken).
  const ok = (extra: Record<string, unknown> = {}) => replySaved(v.intent, extra);
  const scan = v.intent === 'minutesFile' && v.minutesFile ? new Uint8Array(await v.minutesFile.arrayBuffer()) : null;
  const done = await actOnCommittee(caller, async (tx) => {
    switch (v.intent) {
      case 'register':
        return registerParticipant(tx, caller, { meetingId, participantId: v.participantId });
      case 'cancel':
        return cancelRegistration(tx, caller, { meetingId, participantId: v.participantId });
      case 'issueCode':
        return issueCheckInCode(tx, caller, { meetingId, participantId: v.participantId });
      case 'attendance':
        return recordAttendance(tx, caller, { meetingId, presentIds: v.presentIds, consentIds: v.consentIds });
      case 'checkIn':
        return checkInParticipant(tx, caller, { meetingId, code: v.code });
      case 'openBallot':
        return openSecretBallot(tx, caller, { itemId: v.itemId, count: v.count });
      case 'decide':
        return decideAgendaItem(tx, caller, v);
      case 'minutes':
        return draftMinutes(tx, caller, { meetingId, minutes: v.minutes });
      case 'approveMinutes':
        return approveMinutes(tx, caller, { meetingId });
      case 'reschedule':
        return rescheduleMeeting(tx, caller, { meetingId, startsAt: v.startsAt, endsAt: v.endsAt });
      case 'cancelMeeting':
        return cancelMeeting(tx, caller, { meetingId });
      case 'minutesFile':
        return attachMinutesFile(tx, caller, { meetingId, file: scan, storage: caseDeps.storage });
      case 'removeMinutesFile':
        return removeMinutesFile(tx, caller, { meetingId, storage: caseDeps.storage });
    }
  });
  // A refusal about one agenda item is shown on that item's form.
  const form = v.intent === 'decide' || v.intent === 'openBallot' ? `${v.intent}:${v.itemId}` : v.intent;
  if (!done.ok) return replyRefused(form, done.error, submission.payload);
  const value = done.value as Record<string, unknown>;
  if (v.intent === 'issueCode') return ok({ form, code: value.code, participantId: v.participantId });
  if (v.intent === 'openBallot') return withToast(ok({ form, codes: value.codes, itemId: v.itemId }), 'committee.ballotOpened', { count: (value.codes as string[]).length });
  if (v.intent === 'register') return withToast(ok({ form }), value.registration === 'waitlisted' ? 'committee.waitlisted' : 'committee.registered');
  if (v.intent === 'reschedule' || v.intent === 'cancelMeeting') return withToast(ok({ form }), `committee.done.${v.intent}`, { count: Number(value.told ?? 0) });
  return withToast(ok({ form }), `committee.done.${v.intent}`);
}

export default function MeetingPage() {
  const { t } = useTranslation();
  const tk = useLooseT();
  const m = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as unknown as (Record<string, unknown> & { form?: string }) | undefined;
  const busy = useNavigation().state !== 'idle';
  const { err, alert, submit, resetKey, check } = useReply(reply, meetingPageFormSchema);
  const can = useCommunityCan();
  const canUpdate = can('update', 'Consultation');
  const open = m.meeting.status !== 'closed' && m.meeting.status !== 'cancelled';
  const when = (at: string | Date) => chinaDateTime(new Date(at)).slice(0, 16);
  // A datetime-local field's value: China time, as the forms send it.
  const localTime = (at: string | Date) => when(at).replace(' ', 'T');
  const voting = m.participants.filter((p) => p.voting);
  const codes = reply && Array.isArray(reply.codes) ? (reply.codes as string[]) : null;
  return (
    <div className="space-y-4">
      <PageHeader title={m.meeting.topic} description={`${when(m.meeting.startsAt)}${m.meeting.place ? ` · ${m.meeting.place}` : ''}`}>
        {m.meeting.onlineUrl ? (
          <p className="mt-1 break-all text-sm" data-testid="meeting-online">
            {/^https?:\/\//i.test(m.meeting.onlineUrl) ? (
              <a href={m.meeting.onlineUrl} target="_blank" rel="noreferrer noopener" className="text-brand-700 underline">
                {t('committee.meeting.online', { link: m.meeting.onlineUrl })}
              </a>
            ) : (
              t('committee.meeting.online', { link: m.meeting.onlineUrl })
            )}
          </p>
        ) : null}
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={open ? 'info' : 'muted'}>{tk(`committee.meetingStatus.${m.meeting.status}`)}</Badge>
          <Link to="/community/committee" className="text-brand-700 underline">
            {t('committee.back')}
          </Link>
        </p>
      </PageHeader>
      <CommitteeTabs />

      <Card>
        <CardBody className="space-y-1">
          <p className="text-base font-medium" data-testid="attendance-counts">
            {t('committee.meeting.counts', { expected: m.counts.expected, attending: m.counts.attending, needed: m.counts.quorumNeeded })}
          </p>
          <Badge tone={m.counts.quorumMet ? 'success' : 'danger'}>{m.counts.quorumMet ? t('committee.meeting.quorumMet') : t('committee.meeting.quorumNotMet')}</Badge>
          {m.meeting.capacity ? <p className="text-sm text-slate-600">{t('committee.meeting.capacity', { n: m.meeting.capacity })}</p> : null}
          {m.opens && open ? (
            <p className="text-sm text-slate-600" data-testid="meeting-opens">
              {t('committee.meeting.opensHint', { attendance: m.opens.attendance, vote: m.opens.vote })}
            </p>
          ) : null}
        </CardBody>
      </Card>

      <CardSection title={t('committee.meeting.people', { count: m.participants.length })} bodyClassName="space-y-3">
        {typeof reply?.code === 'string' ? (
          <Alert tone="success" data-testid="check-in-code">
            {t('committee.meeting.codeIssued', { code: reply.code })}
          </Alert>
        ) : null}
        {alert('register')}
        {alert('cancel')}
        {alert('issueCode')}
        <ul className="divide-y divide-slate-100" data-testid="participants">
          {m.participants.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0 space-y-1">
                <p className="break-words font-medium">
                  {p.name}
                  {p.detail ? <span className="ml-2 text-sm font-normal text-slate-500">{p.detail}</span> : null}
                </p>
                <p className="flex flex-wrap gap-1 text-xs">
                  <Badge tone="neutral">{tk(`committee.kind.${p.kind}`)}</Badge>
                  <Badge tone={p.registration === 'registered' ? 'success' : p.registration === 'waitlisted' ? 'progress' : 'muted'}>{tk(`committee.registration.${p.registration}`)}</Badge>
                  {p.attendedAt ? <Badge tone="success">{t(p.attendedBy === 'qr' ? 'committee.meeting.inByCode' : 'committee.meeting.inByList')}</Badge> : null}
                </p>
              </div>
              {canUpdate && open ? (
                <Form method="post" noValidate className="flex flex-wrap gap-1">
                  <CsrfInput />
                  <input type="hidden" name="participantId" value={p.id} />
                  {!m.mayRegister ? null : p.registration === 'registered' || p.registration === 'waitlisted' ? (
                    // Giving up someone's place (and, when it was a registered one, the first of the waiting list takes
                    // it and is told) is asked about first, naming whose (found from outside: one tap did it).
                    <ConfirmButton name="intent" value="cancel" size="sm" variant="secondary" disabled={busy} title={t('committee.meeting.cancelConfirm', { name: p.name })} description={p.registration === 'registered' ? t('committee.meeting.cancelConfirmText') : undefined} confirmLabel={t('committee.meeting.cancel')} cancelLabel={t('committee.meeting.keep')}>
                      {t('committee.meeting.cancel')}
                    </ConfirmButton>
                  ) : (
                    <Button type="submit" name="intent" value="register" size="sm" variant="secondary" disabled={busy}>
                      {t('committee.meeting.register')}
                    </Button>
                  )}
                  <Button type="submit" name="intent" value="issueCode" size="sm" variant="ghost" disabled={busy}>
                    {t('committee.meeting.issueCode')}
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </CardSection>

      {canUpdate && open ? (
        <CardSection title={t('committee.meeting.attendance')} bodyClassName="space-y-4">
          <Form {...check('checkIn')} key={resetKey('checkIn')} method="post" noValidate className="flex flex-wrap items-end gap-2" data-testid="check-in-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="checkIn" />
            <Field id="ci-code" label={t('committee.meeting.checkInCode')} error={err('checkIn', 'code')} className="min-w-0 flex-1">
              <Input name="code" autoComplete="off" autoCapitalize="characters" maxLength={20} />
            </Field>
            <Button type="submit" variant="secondary" disabled={busy}>
              {t('committee.meeting.checkIn')}
            </Button>
          </Form>
          {alert('checkIn')}
          <Form method="post" noValidate className="space-y-2" data-testid="attendance-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="attendance" />
            <p className="text-sm text-slate-600">{t('committee.meeting.attendanceHint')}</p>
            <ul className="space-y-1">
              {voting.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-x-4">
                  <Checkbox name="presentIds" value={p.id} defaultChecked={Boolean(p.attendedAt)} disabled={p.attendedBy === 'qr'} label={p.name} className="min-w-0 flex-1 break-all" />
                  <Checkbox name="consentIds" value={p.id} defaultChecked={p.showAttendance} label={t('committee.meeting.consent')} />
                </li>
              ))}
            </ul>
            {alert('attendance')}
            <Button type="submit" disabled={busy}>
              {t('committee.meeting.saveAttendance')}
            </Button>
          </Form>
        </CardSection>
      ) : null}

      {canUpdate && m.meeting.status === 'planned' ? (
        <CardSection title={t('committee.meeting.change')} bodyClassName="space-y-3">
          <p className="text-sm text-slate-600">{t('committee.meeting.changeHint')}</p>
          {m.mayMove ? (
          <Form {...check('reschedule')} method="post" noValidate className="grid gap-3 sm:grid-cols-2" data-testid="reschedule-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="reschedule" />
            <Field id="rs-start" label={t('committee.fields.startsAt')} error={err('reschedule', 'startsAt')}>
              <Input name="startsAt" type="datetime-local" defaultValue={localTime(m.meeting.startsAt)} />
            </Field>
            <Field id="rs-end" label={t('committee.fields.endsAt')} optional={t('committee.optional')} error={err('reschedule', 'endsAt')}>
              <Input name="endsAt" type="datetime-local" defaultValue={m.meeting.endsAt ? localTime(m.meeting.endsAt) : ''} />
            </Field>
            <div className="sm:col-span-2">{alert('reschedule')}</div>
            <div className="flex flex-wrap gap-2 sm:col-span-2">
              <Button type="submit" variant="secondary" disabled={busy}>
                {t('committee.meeting.reschedule')}
              </Button>
            </div>
          </Form>
          ) : null}
          <Form method="post" noValidate data-testid="cancel-meeting-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="cancelMeeting" />
            {alert('cancelMeeting')}
            <Button type="submit" variant="ghost" disabled={busy}>
              {t('committee.meeting.cancelMeeting')}
            </Button>
          </Form>
        </CardSection>
      ) : null}

      <section className="space-y-3">
        <h2 className="text-base font-semibold">{t('committee.meeting.agenda')}</h2>
        {m.items.map((item, i) => {
          const form = `decide:${item.id}`;
          const ballotForm = `openBallot:${item.id}`;
          const secret = item.voteMode === 'secret' && item.ballotOpen;
          return (
            <Card key={item.id} data-testid="agenda-item">
              <CardBody className="space-y-3">
                <div className="space-y-1">
                  <p className="break-words font-medium">
                    {i + 1}. {item.title}
                  </p>
                  {item.description ? <p className="whitespace-pre-wrap break-words text-sm text-slate-600">{item.description}</p> : null}
                  <p className="flex flex-wrap gap-1 text-xs">
                    <Badge tone={item.outcome === 'adopted' ? 'success' : item.outcome === 'pending' ? 'info' : 'muted'}>{tk(`cogovernance.outcome.${item.outcome}`)}</Badge>
                    {item.caseIds.length ? <Badge tone="neutral">{t('committee.meeting.wishes', { count: item.caseIds.length })}</Badge> : null}
                    {secret ? <Badge tone="progress">{t('committee.meeting.ballotOpen')}</Badge> : null}
                  </p>
                  {item.votesFor !== null ? (
                    <p className="text-sm text-slate-700">{t('cogovernance.vote', { expected: item.expectedAtVote, attending: item.attendingAtVote, for: item.votesFor, against: item.votesAgainst, abstain: item.votesAbstain })}</p>
                  ) : null}
                  {item.decisionId ? (
                    <Link to={`/community/committee/decisions/${item.decisionId}`} className="text-sm text-brand-700 underline">
                      {t('committee.meeting.toDecision')}
                    </Link>
                  ) : null}
                </div>
                {codes && reply?.itemId === item.id ? (
                  <div className="rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="ballot-codes">
                    <p className="text-sm text-amber-900">{t('committee.meeting.codesHint', { url: m.ballotUrl })}</p>
                    <ul className="mt-2 grid grid-cols-2 gap-1 font-mono text-base sm:grid-cols-4">
                      {codes.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {canUpdate && open && item.outcome === 'pending' ? (
                  <>
                    {!secret ? (
                      <Form {...check(ballotForm)} method="post" noValidate className="flex flex-wrap items-end gap-2">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="openBallot" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <Field id={`count-${item.id}`} label={t('committee.meeting.ballotCount')} hint={t('committee.meeting.ballotCountHint')} error={err(ballotForm, 'count')} className="min-w-0 flex-1">
                          <Input name="count" inputMode="numeric" />
                        </Field>
                        <Button type="submit" variant="secondary" disabled={busy}>
                          {t('committee.meeting.openBallot')}
                        </Button>
                      </Form>
                    ) : null}
                    {alert(ballotForm)}
                    <Form {...check(form)} method="post" noValidate className="grid gap-2 sm:grid-cols-3" data-testid="decide-form">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="decide" />
                      <input type="hidden" name="itemId" value={item.id} />
                      {/* 实到 as shown: the page's schema says counts beyond it before sending (decideAgendaItem counts again). */}
                      <input type="hidden" name="attending" value={m.counts.attending} />
                      {secret ? (
                        <p className="text-sm text-slate-600 sm:col-span-3">{t('committee.meeting.secretTally')}</p>
                      ) : (
                        <>
                          <Field id={`for-${item.id}`} label={t('committee.meeting.for')} error={err(form, 'votesFor')}>
                            <Input name="votesFor" inputMode="numeric" />
                          </Field>
                          <Field id={`against-${item.id}`} label={t('committee.meeting.against')} error={err(form, 'votesAgainst')}>
                            <Input name="votesAgainst" inputMode="numeric" />
                          </Field>
                          <Field id={`abstain-${item.id}`} label={t('committee.meeting.abstain')} error={err(form, 'votesAbstain')}>
                            <Input name="votesAbstain" inputMode="numeric" />
                          </Field>
                        </>
                      )}
                      <Field id={`notes-${item.id}`} label={t('committee.meeting.notes')} optional={t('committee.optional')} error={err(form, 'notes')} className="sm:col-span-3">
                        <Textarea name="notes" maxLength={5000} />
                      </Field>
                      <Field id={`decision-${item.id}`} label={t('committee.meeting.decisionText')} hint={t('committee.meeting.decisionTextHint')} error={err(form, 'decision')} className="sm:col-span-3">
                        <Textarea name="decision" maxLength={2000} />
                      </Field>
                      <Field id={`outcome-${item.id}`} label={t('committee.meeting.outcome')} error={err(form, 'outcome')}>
                        <Select name="outcome" defaultValue="adopted" options={(['adopted', 'rejected', 'deferred'] as const).map((o) => ({ value: o, label: tk(`cogovernance.outcome.${o}`) }))} />
                      </Field>
                      {submit(form, t('committee.meeting.decide'), { className: 'sm:col-span-3' })}
                    </Form>
                  </>
                ) : null}
              </CardBody>
            </Card>
          );
        })}
      </section>

      <CardSection title={t('committee.meeting.minutes')} bodyClassName="space-y-3">
        <p className="text-sm text-slate-600" data-testid="minutes-state">
          {tk(`committee.minutesState.${m.meeting.minutesState}`)}
        </p>
        {m.meeting.minutesState === 'approved' ? (
          <p className="whitespace-pre-wrap break-words text-sm">{m.meeting.minutes}</p>
        ) : canUpdate && m.meeting.status !== 'cancelled' ? (
          <Form {...check('minutes')} method="post" noValidate className="space-y-2">
            <CsrfInput />
            <input type="hidden" name="intent" value="minutes" />
            <Field id="minutes" label={t('committee.meeting.minutesText')} error={err('minutes', 'minutes')}>
              <Textarea name="minutes" rows={8} maxLength={20000} defaultValue={m.meeting.minutes ?? ''} />
            </Field>
            {alert('minutes')}
            <Button type="submit" variant="secondary" disabled={busy}>
              {t('committee.meeting.saveMinutes')}
            </Button>
          </Form>
        ) : null}
        <div className="space-y-2 border-t border-slate-100 pt-3" data-testid="minutes-file">
          <p className="text-sm font-medium">{t('committee.meeting.minutesFile')}</p>
          {m.meeting.minutesFile ? (
            <a href={`/community/committee/meetings/${m.meeting.id}/minutes-file`} target="_blank" rel="noreferrer" className="text-sm text-brand-700 underline" data-testid="minutes-file-link">
              {t('committee.meeting.minutesFileView', { kind: tk(`committee.meeting.minutesFileKind.${m.meeting.minutesFile}`) })}
            </a>
          ) : (
            <p className="text-sm text-slate-600">{t('committee.meeting.minutesFileNone')}</p>
          )}
          {canUpdate && m.meeting.status !== 'cancelled' && !(m.meeting.minutesState === 'approved' && m.meeting.minutesFile) ? (
            <Form {...check('minutesFile')} method="post" encType="multipart/form-data" noValidate className="space-y-2" data-testid="minutes-file-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="minutesFile" />
              <Field id="minutesFile" label={t('committee.meeting.minutesFileUpload')} hint={t('committee.meeting.minutesFileHint')} error={err('minutesFile', 'minutesFile')}>
                <FileInput name="minutesFile" accept="application/pdf,image/jpeg,image/png,image/webp" chooseLabel={t('committee.meeting.minutesFileChoose')} noneLabel={t('committee.meeting.minutesFileNoneChosen')} removeLabel={t('committee.meeting.minutesFileClear')} />
              </Field>
              {alert('minutesFile')}
              <Button type="submit" variant="secondary" disabled={busy}>
                {t('committee.meeting.minutesFileUpload')}
              </Button>
            </Form>
          ) : null}
          {canUpdate && m.meeting.minutesFile && m.meeting.minutesState !== 'approved' ? (
            <Form method="post" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="removeMinutesFile" />
              {alert('removeMinutesFile')}
              <Button type="submit" size="sm" variant="ghost" disabled={busy}>
                {t('committee.meeting.minutesFileRemove')}
              </Button>
            </Form>
          ) : null}
        </div>
        {m.isChair && m.meeting.minutesState === 'draft' ? (
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="approveMinutes" />
            {alert('approveMinutes')}
            <Button type="submit" disabled={busy}>
              {t('committee.meeting.approveMinutes')}
            </Button>
          </Form>
        ) : null}
      </CardSection>
    </div>
  );
}
