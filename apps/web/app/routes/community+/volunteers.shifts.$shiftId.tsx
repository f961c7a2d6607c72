import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { chinaDateTime, QR_STEP_MS } from '@shequ/domain';
import { approveShiftHours, checkInFromList, checkOutFromList, closeActivity, getShiftSheet } from '@shequ/use-cases';
import { shiftSheetActionSchema } from '@shequ/use-cases/schemas';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardList } from '~/components/ui/card.tsx';
import { Field } from '~/components/ui/field.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { notFound } from '~/lib/http.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { PostButton, PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('volunteers.shift.title');

// A shift for its leader (issue 17): the rotating QR code volunteers scan, the list to check people in and out by
// hand, and the shift's hours to approve at once.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  if (!isUuid(params.shiftId)) notFound();
  return runAsStaff(caller, (tx) => getShiftSheet(tx, caller, { shiftId: params.shiftId! }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, shiftSheetActionSchema, 'community');
  if (!isUuid(params.shiftId)) notFound();
  if (submission.status !== 'success') return replyInvalidSubmission(submission, { form: 'sheet' });
  const caller = { actor, ability };
  const v = submission.value;
  // A row of the list that is no longer there (a place cancelled meanwhile) is said on the page, not a 404 page.
  const done = await actAsStaff(
    caller,
    async (tx) => {
      if (v.intent === 'approve') return approveShiftHours(tx, caller, { shiftId: params.shiftId! });
      if (v.intent === 'close') return closeActivity(tx, caller, { activityId: v.activityId, report: v.report });
      if (v.intent === 'checkIn') return checkInFromList(tx, caller, { signupId: v.signupId });
      return checkOutFromList(tx, caller, { signupId: v.signupId });
    },
    { messages: ['volunteer.notFound', 'volunteer.signup.notFound', 'volunteer.hours.notFound'] },
  );
  // Above the page (the row or the form may have left it), but the report's own problem beside it.
  if (!done.ok) return replyRefused('sheet', done.error, undefined, { fields: { report: 'report' } });
  if (v.intent === 'close') return withToast(replySaved('sheet'), done.value && 'wishResolved' in done.value && done.value.wishResolved ? 'volunteers.closedWish' : 'volunteers.closed');
  // A leader's own hours are left for the office (approveShiftHours): said so in the message.
  const ownLeft = v.intent === 'approve' && done.value && 'ownLeft' in done.value && done.value.ownLeft > 0;
  return withToast(replySaved('sheet'), v.intent === 'approve' ? (ownLeft ? 'volunteers.approvedOwnLeft' : 'volunteers.approved') : v.intent === 'checkIn' ? 'volunteers.checkedIn' : 'volunteers.checkedOut');
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

export default function ShiftPage() {
  const { t } = useTranslation();
  const sheet = useLoaderData<typeof loader>();
  const { err, alert } = useReply(useActionData<typeof action>());
  const busy = useNavigation().state !== 'idle';
  const pending = sheet.entries.filter((e) => e.status === 'pending');
  const minutesOf = (residentId: string) => sheet.entries.filter((e) => e.residentId === residentId && e.status !== 'reversal' && e.status !== 'reversed').reduce((a, e) => a + e.minutes, 0);
  const when = `${chinaDateTime(new Date(sheet.shift.startsAt)).slice(0, 16)} – ${chinaDateTime(new Date(sheet.shift.endsAt)).slice(11, 16)}`;
  return (
    <div className="space-y-4">
      <PageHeader title={sheet.activity.title} description={`${sheet.team.name} · ${sheet.activity.place} · ${when}`} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      {alert('sheet')}
      <Card className="p-4">
        <RotatingQr shiftId={sheet.shift.id} />
      </Card>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">{t('volunteers.shift.people', { count: sheet.people.length })}</h2>
        <CardList items={sheet.people} empty={t('volunteers.shift.nobody')} itemKey={(p) => p.signupId}>
          {(p) => (
            <Card className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div className="min-w-0 space-y-1">
                <p className="font-medium">{p.nameHint}</p>
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
              {p.status === 'confirmed' && !p.checkedOutAt ? (
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
      {sheet.canApprove ? (
        <Card className="space-y-2 p-4">
          <p className="text-sm text-slate-700">{pending.length ? t('volunteers.shift.pending', { count: pending.length }) : t('volunteers.shift.nothingPending')}</p>
          {pending.length ? (
            <PostButton intent="approve" busy={busy} size="md">
              {t('volunteers.shift.approve')}
            </PostButton>
          ) : null}
        </Card>
      ) : null}
      {sheet.activity.status === 'published' ? (
        <Card className="space-y-2 p-4">
          <PostForm hiddenFields={{ activityId: sheet.activity.id }} className="space-y-2">
            <Field id="activity-report" label={t('volunteers.shift.report')} hint={t('volunteers.shift.reportHint')} error={err('sheet', 'report')}>
              <Textarea name="report" rows={3} />
            </Field>
            <Button type="submit" name="intent" value="close" variant="secondary" disabled={busy}>
              {t('volunteers.shift.close')}
            </Button>
          </PostForm>
        </Card>
      ) : sheet.activity.status === 'closed' ? (
        <Alert tone="info">{t('volunteers.shift.closed')}</Alert>
      ) : null}
    </div>
  );
}
