import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from '@remix-run/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '@shequ/domain';
import { checkInByScan, getMyShiftAttendance, volunteerSelfOf } from '@shequ/use-cases';
import { checkInByScanSchema } from '@shequ/use-cases/schemas';
import { CameraScanner } from '~/components/meals/camera-scanner.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { ResidentRefusal } from '~/components/my-page/my-page-header.tsx';
import { Button } from '~/components/ui/button.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { actAsResident, runAsResident } from '~/lib/resident-scope.server.ts';
import { getResident } from '~/lib/resident-session.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { volunteerSelfAction } from '~/routes/_resident+/volunteer-self.server.ts';
import { ResidentPage } from '~/components/resident-page.tsx';

export const meta = pageTitle('me.scan.title');

const SHIFT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Check-in and check-out by scanning (issue 17): the leader's phone shows the shift's QR code, which encodes this
// address with the shift and its 30-second code. Opening it signed in shows one large button that sends the code
// (a GET never checks anyone in); signed out, the resident signs in first and comes back here. Without a code the
// page scans with the phone's camera where the browser can (BarcodeDetector).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const url = new URL(request.url);
  const resident = await getResident(request, community.id);
  if (!resident) throw redirect(`/c/${community.slug}/me/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  const shiftId = url.searchParams.get('shift') ?? '';
  const code = url.searchParams.get('code') ?? '';
  const scanned = SHIFT.test(shiftId) && code.length > 0 && code.length <= 20 ? { shiftId, code } : null;
  // Where the volunteer stands on the scanned shift, read anew after every post: the page offers only the step the
  // server would take now (issue 17's trial: after a refused scan the button was still offered).
  const me = volunteerSelfOf(resident);
  const attendance = scanned && me ? await runAsResident(community, (tx) => getMyShiftAttendance(tx, me, { shiftId: scanned.shiftId })) : null;
  return { slug: community.slug, scanned, confirmed: resident.residentId !== null, attendance };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { answer, community, me, value } = await volunteerSelfAction(request, params.slug, checkInByScanSchema, 'me.scan.badCode', { worded: false });
  if (answer) return answer;
  const acted = await actAsResident(community, (tx) => checkInByScan(tx, me, value));
  if (!acted.ok) return acted.reply;
  const done = acted.value;
  return { direction: done.direction, at: done.at.toISOString(), minutes: 'minutes' in done ? (done.minutes ?? 0) : 0 };
}

export default function ScanPage() {
  const { t } = useTranslation();
  const { slug, scanned, confirmed, attendance } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const done = result && 'direction' in result ? result : null;
  const refused = result && 'error' in result ? result : null;
  // The step the page offers: none once refused for the code or the window (the same code cannot pass again: scan
  // anew), none without a place or once checked out; a check-out soon after the check-in is asked for explicitly.
  const asked = refused?.error === 'refusals.volunteer.qr.justCheckedIn';
  const state = attendance?.state ?? null;
  const step = done || (refused && !asked) || !scanned ? null : state === 'in' ? 'out' : state === 'booked' || state === null ? 'in' : null;
  const hm = (at: string | Date | null | undefined) => (at ? chinaDateTime(new Date(at)).slice(11, 16) : '');
  const busy = useNavigation().state !== 'idle';
  const navigate = useNavigate();
  // A code read by the camera is the address the leader's QR encodes: follow it when it is this community's scan page.
  const onCode = useCallback(
    (raw: string) => {
      try {
        const url = new URL(raw, window.location.origin);
        if (url.origin === window.location.origin && url.pathname === `/c/${slug}/v/scan`) navigate(url.pathname + url.search);
      } catch {
        /* not an address: ignore */
      }
    },
    [navigate, slug],
  );
  return (
    <ResidentPage title={t('me.scan.title')}>
      {!confirmed ? <Alert tone="info">{t('me.sections.myVolunteering.notVolunteer')}</Alert> : null}
      {done ? (
        <Alert tone="success" data-testid="scan-done">
          {done.direction === 'in'
            ? t('me.scan.checkedIn', { time: chinaDateTime(new Date(done.at)).slice(11, 16) })
            : t('me.scan.checkedOut', { time: chinaDateTime(new Date(done.at)).slice(11, 16), hours: (Math.round((done.minutes / 60) * 10) / 10).toString() })}
        </Alert>
      ) : refused ? (
        <ResidentRefusal refused={refused} testId="form-error" />
      ) : null}
      {attendance && !done ? (
        <p className="rounded-lg bg-slate-50 p-3 text-slate-700" data-testid="scan-state">
          {attendance.title} ·{' '}
          {attendance.state === 'out'
            ? t('me.scan.stateOut', { in: hm(attendance.checkedInAt), out: hm(attendance.checkedOutAt) })
            : attendance.state === 'in'
              ? t('me.scan.stateIn', { time: hm(attendance.checkedInAt) })
              : attendance.state === 'booked'
                ? t('me.scan.stateBooked')
                : attendance.state === 'waiting'
                  ? t('me.scan.stateWaiting')
                  : t('me.scan.stateNone')}
        </p>
      ) : null}
      {scanned && step ? (
        <Form method="post" noValidate className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <p className="text-slate-700">{step === 'out' && attendance?.confirmOut ? t('me.scan.confirmOutIntro', { time: hm(attendance.checkedInAt) }) : t('me.scan.confirmIntro')}</p>
          <input type="hidden" name="shiftId" value={scanned.shiftId} />
          <input type="hidden" name="code" value={scanned.code} />
          {step === 'out' ? <input type="hidden" name="checkOut" value="on" /> : null}
          <Button type="submit" size="lg" className="w-full" disabled={busy} data-testid="scan-confirm">
            {step === 'out' ? t('me.scan.confirmOut') : attendance ? t('me.scan.confirmIn') : t('me.scan.confirm')}
          </Button>
        </Form>
      ) : (
        <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <p className="text-slate-700">{t('me.scan.intro')}</p>
          <CameraScanner onCode={onCode} labels={{ start: t('me.scan.camera'), stop: t('me.scan.stopCamera') }} />
        </div>
      )}
      <Link to={`/c/${slug}/me/volunteering`} className="block text-center text-brand-700 underline">
        {t('me.sections.myVolunteering.title')}
      </Link>
    </ResidentPage>
  );
}
