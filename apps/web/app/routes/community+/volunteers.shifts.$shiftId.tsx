import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { chinaDateTime, chinaTimeRange, QR_STEP_MS } from '@shequ/domain';
import { approveShiftHours, checkInFromList, checkOutFromList, closeActivity, getShiftSheet, registerWalkUp, reverseHours } from '@shequ/use-cases';
import { shiftSheetActionSchema } from '@shequ/use-cases/schemas';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardList } from '~/components/ui/card.tsx';
import { Checkbox } from '~/components/ui/checkbox-group.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { Select } from '~/components/ui/select.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { notFound } from '~/lib/http.server.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { PostButton, PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('volunteers.shift.title', dataField('activity.title'));

// A shift for its leader (issue 17): the rotating QR code volunteers scan, the list to check people in and out by
// hand, someone who walks up recorded on the spot (a team member, or registered in the register as they are), and the
// shift's hour records as the append-only ledger holds them: approved all at once or as ticked, corrected by a
// reversal with its reason. Every step is the use case's to allow (a leader: her own teams only).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  if (!isUuid(params.shiftId)) notFound();
  return runAsStaff(caller, (tx) => getShiftSheet(tx, caller, { shiftId: params.shiftId! }));
}

/**
 * The form a reply is for: a walk-up's, the ticked approval's, one entry's correction (`reverse:<entry id>`), the
 * activity's closing (its refusal beside its own button, not at the top of the page: found from outside), or the
 * sheet's buttons.
 */
const formOf = (intent: unknown, entryId: unknown) => (intent === 'walkUp' || intent === 'approveSome' || intent === 'close' ? intent : intent === 'reverse' ? `reverse:${String(entryId ?? '')}` : 'sheet');
/** The walk-up form's fields (the register's refusals name name, mobile, birth). */
const WALK_UP_FIELDS = Object.fromEntries(['residentId', 'name', 'mobile', 'birth', 'consent', 'guardianName', 'guardianRelation', 'guardianConsent', 'sharedMobile'].map((f) => [f, f]));

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, shiftSheetActionSchema, 'community');
  if (!isUuid(params.shiftId)) notFound();
  const shiftId = params.shiftId!;
  if (submission.status !== 'success') return replyInvalidSubmission(submission, { form: formOf(submission.payload.intent, submission.payload.entryId), keepTyped: submission.payload.intent === 'walkUp' || submission.payload.intent === 'reverse' || submission.payload.intent === 'close' });
  const caller = { actor, ability };
  const v = submission.value;
  const form = formOf(v.intent, v.intent === 'reverse' ? v.entryId : null);
  // A row of the list that is no longer there (a place cancelled meanwhile) is said on the page, not a 404 page.
  const done = await actAsStaff(
    caller,
    async (tx) => {
      switch (v.intent) {
        case 'approve':
          return approveShiftHours(tx, caller, { shiftId });
        case 'approveSome':
          return approveShiftHours(tx, caller, { shiftId, entryIds: v.entryIds });
        case 'walkUp': {
          const { intent: _intent, ...fields } = v;
          return registerWalkUp(tx, caller, { ...fields, shiftId, cipher: caseDeps.cipher });
        }
        case 'reverse':
          return reverseHours(tx, caller, { entryId: v.entryId, reason: v.reason, replacementMinutes: v.replacementMinutes });
        case 'close':
          return closeActivity(tx, caller, { activityId: v.activityId, report: v.report });
        case 'checkIn':
          return checkInFromList(tx, caller, { signupId: v.signupId });
        case 'checkOut':
          return checkOutFromList(tx, caller, { signupId: v.signupId });
      }
    },
    { messages: ['volunteer.notFound', 'volunteer.signup.notFound', 'volunteer.hours.notFound'] },
  );
  if (!done.ok) {
    if (v.intent === 'walkUp') return replyRefused(form, done.error, submission.payload, { fields: WALK_UP_FIELDS });
    if (v.intent === 'approveSome') return replyRefused(form, done.error, undefined, { fields: { entryIds: 'entryIds' }, unnamed: 'entryIds' });
    if (v.intent === 'reverse') return replyRefused(form, done.error, submission.payload, { fields: { reason: 'reason', replacementMinutes: 'replacementMinutes' } });
    // Closing: beside the report or above the form's button; a row's step above the page (the row may have left it).
    if (v.intent === 'close') return replyRefused(form, done.error, submission.payload, { fields: { report: 'report' } });
    return replyRefused(form, done.error, undefined, { fields: {} });
  }
  const value = done.value as Record<string, unknown> | undefined;
  switch (v.intent) {
    case 'close': {
      // A wish it answers that could not be resolved here: with the street (it resolves it), finished meanwhile, or
      // a caller who does not act on cases (a leader: the office resolves it).
      const left = value?.wishLeft === 'withStreet' ? 'volunteers.closedWishWithStreet' : value?.wishLeft === 'finished' ? 'volunteers.closedWishFinished' : 'volunteers.closedWishLeft';
      return withToast(replySaved(form), value?.wishResolved ? 'volunteers.closedWish' : value?.wishCaseId ? left : 'volunteers.closed');
    }
    case 'approve':
      // A leader's own hours are left for the office (approveShiftHours): said so in the message.
      return withToast(replySaved(form), Number(value?.officeLeft ?? 0) > 0 ? 'volunteers.approvedOfficeLeft' : Number(value?.ownLeft ?? 0) > 0 ? 'volunteers.approvedOwnLeft' : 'volunteers.approved', { count: Number(value?.officeLeft ?? 0) });
    case 'approveSome':
      return withToast(replySaved(form), Number(value?.officeLeft ?? 0) > 0 ? 'volunteers.approvedOfficeLeft' : 'volunteers.approvedSome', { count: Number(value?.officeLeft ?? 0) || ((value?.approved as string[] | undefined)?.length ?? 0) });
    case 'walkUp':
      return withToast(replySaved(form), value?.registered ? 'volunteers.walkUpRegistered' : 'volunteers.walkUp');
    case 'reverse':
      return withToast(replySaved(form), value?.replacementId ? 'volunteers.reversedReplaced' : 'volunteers.reversed');
    default:
      return withToast(replySaved(form), v.intent === 'checkIn' ? 'volunteers.checkedIn' : 'volunteers.checkedOut');
  }
}

/** The code's image, asked again at each 30-second step (the code changes with it). */
function RotatingQr({ shiftId }: { shiftId: string }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(() => Math.floor(Date.now() / QR_STEP_MS));
  useEffect(() => {
    const timer = setInterval(() => setStep(Math.floor(Date.now() / QR_STEP_MS)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <figure className="mx-auto w-full max-w-xs text-center">
      <img src={`/community/volunteers/shifts/${shiftId}/qr?step=${step}`} alt={t('volunteers.shift.qrAlt')} className="aspect-square w-full rounded-lg border border-slate-200 bg-white" data-testid="shift-qr" />
      <figcaption className="mt-2 text-sm text-slate-600">{t('volunteers.shift.qrHint')}</figcaption>
    </figure>
  );
}

type Reply = ReturnType<typeof useReply>;
type Sheet = ReturnType<typeof useLoaderData<typeof loader>>;

/** Whether `now` (the loader's) falls in a window the sheet gives (ISO strings after the loader). */
const within = (now: string | Date, w: { from: string | Date; to: string | Date }) => new Date(now) >= new Date(w.from) && new Date(now) <= new Date(w.to);
const windowText = (w: { from: string | Date; to: string | Date }) => chinaTimeRange(new Date(w.from), new Date(w.to));

/** The person of the register a walk-up's refusal named (volunteer.walkUp.knownMobile: the mobile typed is theirs). */
export type KnownPerson = { residentId: string; name: string; mobile: string };

/**
 * Someone who came without signing up (issue 17): a member of the team chosen from the list, or anyone registered
 * in the register as they are (name, mobile, birth), with their consent (a guardian's for 14–17); checked in at once.
 * A mobile that is already a person's of the register offers that person in the list (`known`), and the box that
 * says the number is shared is on the form: a refusal never asks for a field the form lacks (found from outside).
 * A member (already a volunteer) is not asked for consent again.
 */
function WalkUpCard({ members, known, reply }: { members: Sheet['members']; known: KnownPerson | null; reply: Reply }) {
  const { t } = useTranslation();
  const { err, value, refused, resetKey, submit } = reply;
  const f = 'walkUp';
  const typed = (name: string) => value(f, name, '');
  const people = [...(known && !members.some((m) => m.residentId === known.residentId) ? [{ value: known.residentId, label: t('volunteers.walkUp.known', { name: known.name, mobile: known.mobile }) }] : []), ...members.map((m) => ({ value: m.residentId, label: [m.nameHint, m.mobileHint].filter(Boolean).join(' ') }))];
  return (
    <Card className="p-4">
      <details open={refused(f) || undefined} data-testid="walk-up">
        <summary className="cursor-pointer text-base font-semibold">{t('volunteers.walkUp.title')}</summary>
        <PostForm {...reply.check(f)} key={resetKey(f)} className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-2">
          <p className="text-sm text-slate-600 md:col-span-2">{t('volunteers.walkUp.intro')}</p>
          {people.length ? (
            <Field id="wu-member" label={known ? t('volunteers.walkUp.memberOrKnown') : t('volunteers.walkUp.member')} hint={t('volunteers.walkUp.memberHint')} error={err(f, 'residentId')} className="md:col-span-2">
              <Select name="residentId" defaultValue={typed('residentId')} placeholder={t('volunteers.walkUp.memberNone')} options={people} />
            </Field>
          ) : null}
          <Field id="wu-name" label={t('volunteers.walkUp.name')} optional={people.length ? t('volunteers.walkUp.newOnly') : undefined} error={err(f, 'name')}>
            <Input name="name" autoComplete="off" defaultValue={typed('name')} />
          </Field>
          <Field id="wu-mobile" label={t('volunteers.walkUp.mobile')} optional={people.length ? t('volunteers.walkUp.newOnly') : undefined} error={err(f, 'mobile')}>
            <Input name="mobile" type="tel" inputMode="tel" autoComplete="off" defaultValue={typed('mobile')} />
          </Field>
          <Checkbox id="wu-shared" name="sharedMobile" label={t('volunteers.walkUp.sharedMobile')} defaultChecked={typed('sharedMobile') === 'on'} error={err(f, 'sharedMobile')} className="md:col-span-2" />
          <Field id="wu-birth" label={t('volunteers.walkUp.birth')} hint={t('volunteers.walkUp.birthHint')} optional={people.length ? t('volunteers.walkUp.newOnly') : undefined} error={err(f, 'birth')}>
            <Input name="birth" autoComplete="off" defaultValue={typed('birth')} />
          </Field>
          <Field id="wu-gname" label={t('volunteers.walkUp.guardianName')} optional={t('volunteers.walkUp.minorOnly')} error={err(f, 'guardianName')}>
            <Input name="guardianName" autoComplete="off" defaultValue={typed('guardianName')} />
          </Field>
          <Field id="wu-grel" label={t('volunteers.walkUp.guardianRelation')} optional={t('volunteers.walkUp.minorOnly')} error={err(f, 'guardianRelation')}>
            <Input name="guardianRelation" autoComplete="off" defaultValue={typed('guardianRelation')} />
          </Field>
          <Checkbox id="wu-consent" name="consent" label={t('volunteers.walkUp.consent')} defaultChecked={typed('consent') === 'on'} error={err(f, 'consent')} />
          <Checkbox id="wu-gconsent" name="guardianConsent" label={t('volunteers.walkUp.guardianConsent')} defaultChecked={typed('guardianConsent') === 'on'} error={err(f, 'guardianConsent')} />
          {submit(f, t('volunteers.walkUp.submit'), { intent: 'walkUp', className: 'md:col-span-2' })}
        </PostForm>
      </details>
    </Card>
  );
}

const hoursOf = (minutes: number) => (minutes / 60).toFixed(1);
const STATUS_TONE = { pending: 'progress', approved: 'success', reversed: 'neutral', reversal: 'danger' } as const;

/**
 * The shift's hour records as the append-only ledger holds them (issue 17): pending ones ticked and approved
 * (partial approval) or all at once; any entry not yet reversed corrected by a reversal with its reason (and, if
 * given, the corrected minutes as a new entry awaiting approval). Reversals show with their reason.
 */
function HoursLedger({ entries, canApprove, reply, busy }: { entries: Sheet['entries']; canApprove: boolean; reply: Reply; busy: boolean }) {
  const { t } = useTranslation();
  // A correction opens again when the server refused it; a refusal in the browser leaves it open as it was (tied to
  // the messages, it closed as they were corrected).
  const { err, submit, resetKey, value, refused } = reply;
  const pending = entries.filter((e) => e.status === 'pending');
  return (
    <Card className="space-y-3 p-4" data-testid="hours-ledger">
      <h2 className="text-base font-semibold">{t('volunteers.shiftHours.title')}</h2>
      <p className="text-sm text-slate-600">{t('volunteers.shiftHours.intro')}</p>
      {entries.length === 0 ? <p className="text-sm text-slate-500">{t('volunteers.shiftHours.empty')}</p> : null}
      <ul className="divide-y divide-slate-100">
        {entries.map((e) => (
          <li key={e.id} className="space-y-2 py-2" data-testid="hour-entry" data-status={e.status}>
            <div className="flex flex-wrap items-center gap-2">
              {canApprove && e.status === 'pending' && !e.awaitingOffice ? (
                <input type="checkbox" name="entryIds" value={e.id} form="approve-some" className="h-5 w-5" aria-label={t('volunteers.shiftHours.choose', { name: e.nameHint })} />
              ) : null}
              <span className="font-medium">{e.nameHint}</span>
              {e.mobileHint ? <span className="text-xs text-slate-500">{e.mobileHint}</span> : null}
              <span className="tabular-nums">{t('volunteers.shiftHours.hours', { hours: hoursOf(e.minutes) })}</span>
              <Badge tone={STATUS_TONE[e.status]}>{t(`volunteers.shiftHours.status.${e.status}`)}</Badge>
              <Badge tone="neutral">{t(`volunteers.shiftHours.evidence.${e.evidence as 'scanned' | 'leader' | 'afterwards'}`)}</Badge>
              {e.autoCheckout ? <Badge tone="danger">{t('volunteers.shiftHours.auto')}</Badge> : null}
              {e.awaitingOffice ? <Badge tone="progress">{t('volunteers.shiftHours.awaitingOffice')}</Badge> : null}
            </div>
            {e.reason ? <p className="break-words text-sm text-slate-600">{t('volunteers.shiftHours.reason', { reason: e.reason })}</p> : null}
            {canApprove && (e.status === 'pending' || e.status === 'approved') ? (
              <details open={refused(`reverse:${e.id}`) || undefined}>
                <summary className="cursor-pointer text-sm text-brand-700">{t('volunteers.shiftHours.correct')}</summary>
                <PostForm {...reply.check(`reverse:${e.id}`)} key={resetKey(`reverse:${e.id}`)} hiddenFields={{ entryId: e.id }} className="mt-2 grid grid-cols-1 gap-2 md:grid-cols-2">
                  <Field id={`rv-reason-${e.id}`} label={t('volunteers.shiftHours.correctReason')} error={err(`reverse:${e.id}`, 'reason')}>
                    <Input name="reason" autoComplete="off" defaultValue={value(`reverse:${e.id}`, 'reason')} />
                  </Field>
                  <Field id={`rv-minutes-${e.id}`} label={t('volunteers.shiftHours.correctMinutes')} hint={t('volunteers.shiftHours.correctMinutesHint')} error={err(`reverse:${e.id}`, 'replacementMinutes')}>
                    <Input name="replacementMinutes" type="number" inputMode="numeric" defaultValue={value(`reverse:${e.id}`, 'replacementMinutes')} />
                  </Field>
                  {submit(`reverse:${e.id}`, t('volunteers.shiftHours.correctSubmit'), { intent: 'reverse', variant: 'secondary', size: 'sm', className: 'md:col-span-2' })}
                </PostForm>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {canApprove ? (
        <div className="space-y-2 border-t border-slate-100 pt-3">
          <p className="text-sm text-slate-700">{pending.length ? t('volunteers.shift.pending', { count: pending.length }) : t('volunteers.shift.nothingPending')}</p>
          {pending.length ? (
            <>
              <PostForm id="approve-some" className="space-y-2">
                {err('approveSome', 'entryIds') ? (
                  <Alert tone="error" data-testid="approve-some-error">
                    {err('approveSome', 'entryIds')}
                  </Alert>
                ) : null}
                <Button type="submit" name="intent" value="approveSome" variant="secondary" disabled={busy}>
                  {t('volunteers.shiftHours.approveSome')}
                </Button>
              </PostForm>
              <PostButton intent="approve" busy={busy} size="md">
                {t('volunteers.shift.approve')}
              </PostButton>
            </>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

export default function ShiftPage() {
  const { t } = useTranslation();
  const sheet = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reply = useReply(actionData, shiftSheetActionSchema);
  const { err, alert, submit } = reply;
  const busy = useNavigation().state !== 'idle';
  const minutesOf = (residentId: string) => sheet.entries.filter((e) => e.residentId === residentId && e.status !== 'reversal' && e.status !== 'reversed').reduce((a, e) => a + e.minutes, 0);
  const when = chinaTimeRange(new Date(sheet.shift.startsAt), new Date(sheet.shift.endsAt));
  // The steps of the list and the walk-up form are offered inside the windows the use cases take, and their times
  // said otherwise (found from outside: 代签退 was offered before the shift while walk-ups were refused).
  const canIn = within(sheet.now, sheet.windows.in);
  const canOut = within(sheet.now, sheet.windows.out);
  const open = sheet.activity.status === 'published';
  const params = actionData && 'params' in actionData ? (actionData.params as Record<string, string | number>) : {};
  const known: KnownPerson | null = actionData && 'form' in actionData && actionData.form === 'walkUp' && typeof params.residentId === 'string' ? { residentId: params.residentId, name: String(params.name ?? ''), mobile: String(params.mobile ?? '') } : null;
  const held = !sheet.activity.heldFrom || new Date(sheet.now) >= new Date(sheet.activity.heldFrom);
  return (
    <div className="space-y-4">
      <PageHeader title={sheet.activity.title} description={`${sheet.team.name} · ${sheet.activity.place} · ${when}`} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      {alert('sheet')}
      <Card className="p-4">
        <RotatingQr shiftId={sheet.shift.id} />
      </Card>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">{t('volunteers.shift.people', { count: sheet.people.length })}</h2>
        <p className="text-sm text-slate-600" data-testid="attendance-windows">
          {t('volunteers.shift.windows', { in: windowText(sheet.windows.in), out: windowText(sheet.windows.out) })}
        </p>
        <CardList items={sheet.people} empty={t('volunteers.shift.nobody')} itemKey={(p) => p.signupId}>
          {(p) => (
            <Card className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div className="min-w-0 space-y-1">
                <p className="font-medium">
                  {p.nameHint}
                  {p.mobileHint ? <span className="ml-2 text-xs font-normal text-slate-500">{p.mobileHint}</span> : null}
                </p>
                <p className="flex flex-wrap gap-1 text-xs">
                  {p.status === 'waiting' ? <Badge tone="progress">{t('volunteers.shift.waiting')}</Badge> : null}
                  {p.walkUp ? <Badge tone="info">{t('volunteers.shift.walkUp')}</Badge> : null}
                  {p.checkedInAt ? <Badge tone="success">{t('volunteers.shift.in', { time: chinaDateTime(new Date(p.checkedInAt)).slice(11, 16) })}</Badge> : null}
                  {p.checkedOutAt ? (
                    <Badge tone={p.checkOutMethod === 'auto' ? 'danger' : 'success'}>
                      {t(p.checkOutMethod === 'auto' ? 'volunteers.shift.autoOut' : 'volunteers.shift.out', { time: chinaDateTime(new Date(p.checkedOutAt)).slice(11, 16) })}
                    </Badge>
                  ) : null}
                  {p.checkedOutAt ? <Badge tone="neutral">{t('volunteers.shift.minutes', { hours: (minutesOf(p.residentId) / 60).toFixed(1) })}</Badge> : null}
                </p>
              </div>
              {p.status === 'confirmed' && !p.checkedOutAt && (p.checkedInAt ? canOut : canIn) ? (
                <PostForm hiddenFields={{ signupId: p.signupId }}>
                  <Button type="submit" name="intent" value={p.checkedInAt ? 'checkOut' : 'checkIn'} variant="secondary" disabled={busy}>
                    {p.checkedInAt ? t('volunteers.shift.checkOut') : t('volunteers.shift.checkIn')}
                  </Button>
                </PostForm>
              ) : null}
            </Card>
          )}
        </CardList>
      </section>
      {sheet.canWalkUp && open ? (
        canIn ? (
          <WalkUpCard members={sheet.members} known={known} reply={reply} />
        ) : (
          <p className="text-sm text-slate-600" data-testid="walk-up-closed">
            {t('volunteers.shift.walkUpWindow', { window: windowText(sheet.windows.in) })}
          </p>
        )
      ) : null}
      <HoursLedger entries={sheet.entries} canApprove={sheet.canApprove} reply={reply} busy={busy} />
      {open ? (
        <Card className="space-y-2 p-4" data-testid="close-activity">
          {sheet.activity.fromWish ? <p className="text-sm text-slate-700">{t('volunteers.shift.fromWish')}</p> : null}
          {held ? (
            <PostForm {...reply.check('close')} hiddenFields={{ activityId: sheet.activity.id }} className="space-y-2">
              <Field id="activity-report" label={t('volunteers.shift.report')} hint={t('volunteers.shift.reportHint')} error={err('close', 'report')}>
                <Textarea name="report" rows={3} defaultValue={reply.value('close', 'report', '')} />
              </Field>
              {submit('close', t('volunteers.shift.close'), { intent: 'close', variant: 'secondary' })}
            </PostForm>
          ) : (
            <p className="text-sm text-slate-600" data-testid="close-not-yet">
              {t('volunteers.shift.closeFrom', { from: chinaDateTime(new Date(sheet.activity.heldFrom!)).slice(0, 16) })}
            </p>
          )}
        </Card>
      ) : sheet.activity.status === 'closed' ? (
        <Alert tone="info">{t('volunteers.shift.closed')}</Alert>
      ) : null}
    </div>
  );
}
