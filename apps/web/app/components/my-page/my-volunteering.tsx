import { Form, Link, useActionData } from '@remix-run/react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime, chinaTimeRange } from '@shequ/domain';
import { myVolunteeringActionSchema } from '@shequ/use-cases/schemas';
import { ConfirmButton } from '~/components/ui/dialog.tsx';
import { useReply } from '~/lib/form-reply.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import type { MySectionProps } from './sections.tsx';

// "我的志愿服务" (issue 17): a signed-in resident's hours and stars, their places on shifts (cancel), open shifts
// (sign up), teams (apply) and the way to check in by scanning. The same view is the 我的 section and the page
// /c/<slug>/me/volunteering, which takes its forms. 360 px, large-text friendly (rem sizes only).

type Stars = { stars: number; hours: number; next: number | null; toNext: number; progress: number };
type Mine = { signupId: string; shiftId: string; title: string; place: string; teamName: string; startsAt: string; endsAt: string; status: 'confirmed' | 'waiting' | 'cancelled'; position: number; checkedInAt: string | null; checkedOutAt: string | null; cancelUntil: string | null; cancelClosed: boolean; confirmation: 'ask' | 'confirmed' | null; confirmBy: string };
type Open = { shiftId: string; title: string; place: string; teamName: string; startsAt: string; endsAt: string; placesLeft: number; waiting: number };
type Team = { id: string; name: string; focus: string | null; recruiting: boolean; membership: 'none' | 'applied' | 'member' | 'declined' | 'left' };
export type MyVolunteeringData = {
  volunteer: boolean;
  join?: { gate: 'adult' | 'needsGuardian' | 'tooYoung' | 'unknown' } | null;
  hours: { approvedMinutes: number; pendingMinutes: number; starMinutes: number; stars: Stars } | null;
  mine: Mine[];
  open: Open[];
  teams: Team[];
  certificates: { id: string; number: string; periodFrom: string; periodTo: string; hours: number; revoked: boolean }[];
  claims: { id: string; title: string; promisedOn: string; status: 'active' | 'fulfilled' | 'expired' | 'withdrawn'; office: { name: string; person: string | null; contact: string | null } | null }[];
  cancelCutoff: { hours: number; office: { name: string; person: string | null; contact: string | null } | null };
};

/** A shift's time on a phone: 12-10 13:00–15:00, with the end's date when it falls on another day (chinaTimeRange). */
const when = (from: string, to: string) => chinaTimeRange(new Date(from), new Date(to), false);
const hours = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toString();
/** What is left to the next star, never rounded up to the whole threshold: 99 h 54 min, not 再服务 100 小时 after 6 minutes. */
/** Why 我的 offers no certificate: no approved hours yet, or approved ones all entered afterwards (they certify nothing). */
export const noCertificateKey = (h: { approvedMinutes: number; starMinutes: number }) =>
  h.approvedMinutes > 0 && h.starMinutes <= 0 ? 'me.sections.myVolunteering.noCertificateAfterwards' : 'me.sections.myVolunteering.noCertificate';

export function toNextStar(t: TFunction, stars: Stars) {
  const minutes = Math.ceil(stars.toNext * 60 - 1e-6);
  const n = stars.stars + 1;
  return minutes % 60 === 0
    ? t('me.sections.myVolunteering.toNext', { hours: minutes / 60, n })
    : t('me.sections.myVolunteering.toNextMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60, n });
}

export function MyVolunteering({ data, slug }: MySectionProps<MyVolunteeringData>) {
  const { t } = useTranslation();
  const action = `/c/${slug}/me/volunteering`;
  if (!data.volunteer && data.join) return <JoinFirst data={data} gate={data.join.gate} action={action} />;
  if (!data.volunteer || !data.hours) return <p className="text-slate-600" data-testid="my-volunteering-none">{t('me.sections.myVolunteering.notVolunteer')}</p>;
  const { stars } = data.hours;
  return (
    <div className="space-y-5" data-testid="my-volunteering">
      <div className="space-y-2" data-testid="my-hours">
        <p className="text-xl font-semibold text-amber-700" aria-label={t('me.sections.myVolunteering.starsLabel', { n: stars.stars })}>
          {'★'.repeat(stars.stars)}
          <span className="text-slate-300">{'★'.repeat(Math.max(0, 5 - stars.stars))}</span>
        </p>
        <p className="text-slate-800">{t('me.sections.myVolunteering.hours', { approved: hours(data.hours.approvedMinutes), star: hours(data.hours.starMinutes) })}</p>
        {data.hours.pendingMinutes > 0 ? <p className="text-sm text-slate-600">{t('me.sections.myVolunteering.pending', { hours: hours(data.hours.pendingMinutes) })}</p> : null}
        <div className="h-3 w-full overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(stars.progress * 100)}>
          <div className="h-full bg-amber-500" style={{ width: `${Math.round(stars.progress * 100)}%` }} />
        </div>
        <p className="text-sm text-slate-600" data-testid="my-star-progress">
          {stars.next === null ? t('me.sections.myVolunteering.topStar') : toNextStar(t, stars)}
        </p>
      </div>

      <Part title={t('me.sections.myVolunteering.certificates')} testId="my-certificates">
        <ul className="space-y-1">
          {data.certificates.map((c) => (
            <li key={c.id}>
              <a href={`/c/${slug}/me/certificates/${c.id}`} className="text-brand-700 underline" data-testid="certificate-link">
                {t('me.sections.myVolunteering.certificate', { number: c.number, from: c.periodFrom, to: c.periodTo, hours: c.hours })}
              </a>
            </li>
          ))}
        </ul>
        {data.hours.starMinutes > 0 ? (
          <ActButton action={action} intent="certificate" className="rounded-md border border-brand-600 px-3 py-2 text-brand-700" testId="issue-certificate">
            {t('me.sections.myVolunteering.issueCertificate')}
          </ActButton>
        ) : (
          <p className="text-sm text-slate-500" data-testid="no-certificate">
            {t(noCertificateKey(data.hours))}
          </p>
        )}
      </Part>

      <Link to={`/c/${slug}/v/scan`} className="block rounded-lg bg-brand-700 px-4 py-3 text-center text-lg font-medium text-white" data-testid="scan-link">
        {t('me.sections.myVolunteering.scan')}
      </Link>

      <Part title={t('me.sections.myVolunteering.mine')} empty={data.mine.length === 0 ? t('me.sections.myVolunteering.mineEmpty') : null}>
        <ul className="divide-y divide-slate-100">
          {data.mine.map((m) => (
            <ShiftItem key={m.signupId} testId="my-shift" title={m.title} where={`${when(m.startsAt, m.endsAt)} · ${m.place}`}>
              <p className="flex flex-wrap gap-1 text-sm">
                {m.status === 'waiting' ? <Badge tone="progress">{t('me.sections.myVolunteering.waiting', { n: m.position })}</Badge> : <Badge tone="success">{t('me.sections.myVolunteering.confirmed')}</Badge>}
                {m.confirmation === 'confirmed' ? <Badge tone="success">{t('me.sections.myVolunteering.attending')}</Badge> : null}
                {m.checkedInAt ? <Badge tone="info">{t('me.sections.myVolunteering.in', { time: chinaDateTime(new Date(m.checkedInAt)).slice(11, 16) })}</Badge> : null}
                {m.checkedOutAt ? <Badge tone="info">{t('me.sections.myVolunteering.out', { time: chinaDateTime(new Date(m.checkedOutAt)).slice(11, 16) })}</Badge> : null}
              </p>
              {m.confirmation === 'ask' ? (
                <ActButton action={action} intent="confirm" fields={{ signupId: m.signupId }} formClassName="space-y-1 rounded-lg bg-amber-50 p-2" className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white" testId="confirm-attendance" before={<p className="text-sm text-amber-900">{t('me.sections.myVolunteering.confirmAsk', { time: chinaDateTime(new Date(m.confirmBy)).slice(5, 16) })}</p>}>
                  {t('me.sections.myVolunteering.confirm')}
                </ActButton>
              ) : null}
              {m.cancelUntil ? (
                <Form method="post" action={action} noValidate className="flex flex-wrap items-center gap-2 pt-1">
                  <input type="hidden" name="signupId" value={m.signupId} />
                  <ConfirmButton
                    name="intent"
                    value="cancel"
                    variant="secondary"
                    title={t('me.sections.myVolunteering.cancelTitle', { title: m.title })}
                    description={m.status === 'waiting' ? t('me.sections.myVolunteering.leaveQueueText') : t('me.sections.myVolunteering.cancelText')}
                    confirmLabel={m.status === 'waiting' ? t('me.sections.myVolunteering.leaveQueue') : t('me.sections.myVolunteering.cancel')}
                    cancelLabel={t('me.sections.myVolunteering.keep')}
                    data-testid="my-volunteering-cancel"
                  >
                    {m.status === 'waiting' ? t('me.sections.myVolunteering.leaveQueue') : t('me.sections.myVolunteering.cancel')}
                  </ConfirmButton>
                  <span className="text-xs text-slate-500">{t('me.sections.myVolunteering.cancelUntil', { time: chinaDateTime(new Date(m.cancelUntil)).slice(5, 16) })}</span>
                </Form>
              ) : m.cancelClosed ? (
                <p className="break-words pt-1 text-sm text-slate-600" data-testid="cancel-closed">
                  {t('me.sections.myVolunteering.cancelClosed', { hours: data.cancelCutoff.hours, team: m.teamName })}
                  {data.cancelCutoff.office
                    ? ` ${t('me.sections.myVolunteering.cancelClosedOffice', { office: data.cancelCutoff.office.name, person: data.cancelCutoff.office.person ? ` ${data.cancelCutoff.office.person}` : '', contact: data.cancelCutoff.office.contact ? ` ${data.cancelCutoff.office.contact}` : '' })}`
                    : null}
                </p>
              ) : null}
            </ShiftItem>
          ))}
        </ul>
      </Part>

      <Part title={t('me.sections.myVolunteering.open')} empty={data.open.length === 0 ? t('me.sections.myVolunteering.openEmpty') : null}>
        <ul className="divide-y divide-slate-100">
          {data.open.map((o) => (
            <ShiftItem key={o.shiftId} testId="open-shift" title={o.title} where={`${when(o.startsAt, o.endsAt)} · ${o.place} · ${o.teamName}`}>
              <ActButton action={action} intent="signUp" fields={{ shiftId: o.shiftId }} formClassName="flex flex-wrap items-center gap-2 pt-1" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white" after={<span className="text-sm text-slate-600">{o.placesLeft > 0 ? t('me.sections.myVolunteering.placesLeft', { n: o.placesLeft }) : t('me.sections.myVolunteering.full', { n: o.waiting })}</span>}>
                {o.placesLeft > 0 ? t('me.sections.myVolunteering.signUp') : t('me.sections.myVolunteering.joinQueue')}
              </ActButton>
            </ShiftItem>
          ))}
        </ul>
      </Part>

      <Part title={t('me.sections.myVolunteering.claims')} testId="my-claims">
        {data.claims.map((c) => (
          <div key={c.id}>
            <p className="text-slate-800">
              {c.title} · <span className="text-sm text-slate-600">{t(`me.sections.myVolunteering.claim.${c.status}`, { date: c.promisedOn })}</span>
            </p>
            {c.office ? (
              <p className="break-words text-sm text-slate-600" data-testid="claim-office">
                {t('me.sections.myVolunteering.claimOffice', { office: c.office.name, person: c.office.person ? ` ${c.office.person}` : '', contact: c.office.contact ? ` ${c.office.contact}` : '' })}
              </p>
            ) : null}
          </div>
        ))}
        <Link to={`/c/${slug}/wishes`} className="text-brand-700 underline">
          {t('me.sections.myVolunteering.wall')}
        </Link>
      </Part>

      <Part title={t('me.sections.myVolunteering.teams')}>
        <ul className="divide-y divide-slate-100">
          {data.teams.map((team) => (
            <li key={team.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="team">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{team.name}</p>
                {team.focus ? <p className="break-words text-sm text-slate-600">{team.focus}</p> : null}
                {team.membership === 'declined' ? (
                  <p className="text-sm text-slate-500" data-testid="team-declined">
                    {t('me.sections.myVolunteering.declined')}
                  </p>
                ) : null}
              </div>
              {team.membership === 'member' || team.membership === 'applied' ? (
                <Badge tone={team.membership === 'member' ? 'success' : 'progress'}>{t(`me.sections.myVolunteering.membership.${team.membership}`)}</Badge>
              ) : team.recruiting ? (
                <ActButton action={action} intent="apply" fields={{ teamId: team.id }} className="rounded-md border border-brand-600 px-3 py-2 text-brand-700" testId="apply-team">
                  {t('me.sections.myVolunteering.apply')}
                </ActButton>
              ) : (
                <span className="text-sm text-slate-500">{t('me.sections.myVolunteering.notRecruiting')}</span>
              )}
            </li>
          ))}
        </ul>
      </Part>
    </div>
  );
}

/**
 * 我的 of a resident who is not a volunteer yet (issue 17): the open shifts and the teams, each step asking for consent
 * in its own form (a guardian's too for 14–17; a plain post, so it works without JavaScript at 360 px): signing up
 * or applying records them as a volunteer on the way (becomeVolunteer). Under 14, or without a birth in the register,
 * it says why not instead.
 */
function JoinFirst({ data, gate, action }: { data: MyVolunteeringData; gate: 'adult' | 'needsGuardian' | 'tooYoung' | 'unknown'; action: string }) {
  const { t } = useTranslation();
  // The step that was refused (consent not ticked, a guardian missing) opens again, so its message is seen beside it.
  const answer = useActionData();
  const refusedFor = (answer as { target?: string } | undefined)?.target;
  // Checked in the browser with the action's own schema (issue 12), as every form with typed fields.
  const { check } = useReply(answer, myVolunteeringActionSchema);
  if (gate === 'tooYoung' || gate === 'unknown')
    return (
      <p className="text-slate-600" data-testid="my-volunteering-none">
        {t(gate === 'tooYoung' ? 'me.sections.myVolunteering.joinTooYoung' : 'me.sections.myVolunteering.joinBirthUnknown')}
      </p>
    );
  const join = (intent: 'signUp' | 'apply', fields: Record<string, string>, label: string, testId: string) => (
    <details className="w-full rounded-lg border border-slate-200 p-2" data-testid={testId} open={refusedFor === (fields.shiftId ?? fields.teamId) || undefined}>
      <summary className="inline-block cursor-pointer rounded-md bg-brand-700 px-4 py-2 font-medium text-white">{label}</summary>
      <Form {...check(`join:${fields.shiftId ?? fields.teamId}`)} method="post" action={action} noValidate className="mt-2 space-y-2">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label className="flex items-start gap-2 text-slate-800">
          <input type="checkbox" name="consent" className="mt-1 h-5 w-5 shrink-0" data-testid="join-consent" />
          <span>{t('me.sections.myVolunteering.joinConsent')}</span>
        </label>
        {gate === 'needsGuardian' ? (
          <div className="space-y-2 rounded-md bg-amber-50 p-2" data-testid="join-guardian">
            <p className="text-sm text-amber-900">{t('me.sections.myVolunteering.joinGuardianIntro')}</p>
            <label className="block text-sm text-slate-700">
              {t('me.sections.myVolunteering.guardianName')}
              <input name="guardianName" maxLength={20} className="mt-1 block h-11 w-full rounded-md border border-slate-300 px-2 text-base" />
            </label>
            <label className="block text-sm text-slate-700">
              {t('me.sections.myVolunteering.guardianRelation')}
              <input name="guardianRelation" maxLength={10} className="mt-1 block h-11 w-full rounded-md border border-slate-300 px-2 text-base" />
            </label>
            <label className="flex items-start gap-2 text-slate-800">
              <input type="checkbox" name="guardianConsent" className="mt-1 h-5 w-5 shrink-0" />
              <span>{t('me.sections.myVolunteering.guardianConsent')}</span>
            </label>
          </div>
        ) : null}
        <button type="submit" name="intent" value={intent} className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white" data-testid="join-submit">
          {intent === 'signUp' ? t('me.sections.myVolunteering.joinAndSignUp') : t('me.sections.myVolunteering.joinAndApply')}
        </button>
      </Form>
    </details>
  );
  return (
    <div className="space-y-5" data-testid="my-volunteering-join">
      <p className="text-slate-700">{t('me.sections.myVolunteering.joinIntro')}</p>
      <Part title={t('me.sections.myVolunteering.open')} empty={data.open.length === 0 ? t('me.sections.myVolunteering.openEmpty') : null}>
        <ul className="divide-y divide-slate-100">
          {data.open.map((o) => (
            <ShiftItem key={o.shiftId} testId="open-shift" title={o.title} where={`${when(o.startsAt, o.endsAt)} · ${o.place} · ${o.teamName}`}>
              <p className="text-sm text-slate-600">{o.placesLeft > 0 ? t('me.sections.myVolunteering.placesLeft', { n: o.placesLeft }) : t('me.sections.myVolunteering.full', { n: o.waiting })}</p>
              {join('signUp', { shiftId: o.shiftId }, o.placesLeft > 0 ? t('me.sections.myVolunteering.signUp') : t('me.sections.myVolunteering.joinQueue'), 'join-sign-up')}
            </ShiftItem>
          ))}
        </ul>
      </Part>
      <Part title={t('me.sections.myVolunteering.teams')}>
        <ul className="divide-y divide-slate-100">
          {data.teams.map((team) => (
            <li key={team.id} className="space-y-1 py-2" data-testid="team">
              <p className="font-medium text-slate-900">{team.name}</p>
              {team.focus ? <p className="break-words text-sm text-slate-600">{team.focus}</p> : null}
              {team.recruiting ? join('apply', { teamId: team.id }, t('me.sections.myVolunteering.apply'), 'join-apply') : <span className="text-sm text-slate-500">{t('me.sections.myVolunteering.notRecruiting')}</span>}
            </li>
          ))}
        </ul>
      </Part>
    </div>
  );
}

/** One part of the section: its heading, the line said when it has nothing (`empty`), then its content. */
function Part({ title, empty, testId, children }: { title: ReactNode; empty?: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <div className="space-y-2" data-testid={testId}>
      <h3 className="font-semibold text-slate-900">{title}</h3>
      {empty ? <p className="text-slate-500">{empty}</p> : null}
      {children}
    </div>
  );
}

/** One of the volunteer's own steps: a button posting `intent` (with the row's `fields`) to 我的志愿服务's action. */
function ActButton({ action, intent, fields = {}, className, formClassName, testId, before, after, children }: { action: string; intent: string; fields?: Record<string, string>; className: string; formClassName?: string; testId?: string; before?: ReactNode; after?: ReactNode; children: ReactNode }) {
  return (
    <Form method="post" action={action} noValidate className={formClassName}>
      {before}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="intent" value={intent} className={className} data-testid={testId}>
        {children}
      </button>
      {after}
    </Form>
  );
}

/** A shift in one of the lists: its title, when and where, then what the volunteer may do about it. */
function ShiftItem({ title, where, testId, children }: { title: string; where: string; testId: string; children: ReactNode }) {
  return (
    <li className="space-y-1 py-3" data-testid={testId}>
      <p className="break-words font-medium text-slate-900">{title}</p>
      <p className="text-sm text-slate-600">{where}</p>
      {children}
    </li>
  );
}
