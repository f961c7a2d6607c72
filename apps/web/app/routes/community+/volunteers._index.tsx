import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaTimeRange } from '@shequ/domain';
import { subject } from '@shequ/permissions';
import { approveHourEntries, decideTeamApplication, listPendingHours, listTeamApplications, listVolunteerShifts } from '@shequ/use-cases';
import { volunteersPageSchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardList } from '~/components/ui/card.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';
import { DecisionButtons } from '~/components/ui/action-buttons.tsx';

export const meta = pageTitle('volunteers.title');

// The volunteer teams' shifts the caller runs (a leader: their own teams; the office: all), soonest first (issue 17).
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  const list = await runAsStaff(caller, async (tx) => ({ ...(await listVolunteerShifts(tx, caller)), applications: await listTeamApplications(tx, caller), pending: (await listPendingHours(tx, caller)).entries }));
  return { ...list, canReadSettings: caller.ability.can('read', subject('Settings', { tenantId: caller.actor.workspace.tenantId ?? '' })) };
}

// The leader accepts or declines an application to their team (residents apply from 我的); the leader or the office
// approves hours that belong to no shift (entered afterwards, a teacher's classes) at the step the entry waits for.
export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, volunteersPageSchema, 'community');
  if (submission.status !== 'success') badRequest();
  const caller = { actor, ability };
  const v = submission.value;
  if (v.intent === 'approveHours') {
    const done = await actAsStaff(caller, (tx) => approveHourEntries(tx, caller, { entryIds: [v.entryId], step: v.step }), { messages: ['volunteer.hours.notFound'] });
    // Said above the list of pending hours (the entry may have left it).
    if (!done.ok) return replyRefused('pendingHours', done.error, undefined, { fields: {} });
    return withToast(replySaved('pendingHours'), v.step === 'leader' ? 'volunteers.hoursApproved' : 'volunteers.hoursApprovedSecond');
  }
  const done = await actAsStaff(caller, (tx) => decideTeamApplication(tx, caller, { teamId: v.teamId, residentId: v.residentId, accept: v.accept }));
  // Said above the list (the application may have left it): buttons have no field to show it beside.
  if (!done.ok) return replyRefused('decide', done.error, undefined, { fields: {} });
  return withToast(replySaved('decide'), v.accept ? 'volunteers.accepted' : 'volunteers.declined');
}

/** The office's volunteer pages, linked under the title (their path and link text). */
const OFFICE_PAGES = [
  ['people', 'volunteers.peopleLink'],
  ['settings', 'volunteers.settingsLink'],
  ['recognitions', 'volunteers.recognitionsLink'],
  ['figures', 'volunteers.figuresLink'],
  ['wishes', 'volunteers.wishWallLink'],
] as const;

export default function VolunteersPage() {
  const { t } = useTranslation();
  const { teams, shifts, canReadSettings, applications, pending } = useLoaderData<typeof loader>();
  const { alert } = useReply(useActionData<typeof action>());
  const busy = useNavigation().state !== 'idle';
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.title')} description={t('volunteers.intro')}>
        {teams.length ? (
          <p className="mt-2">
            <Link to="/community/volunteers/activities/new" className="inline-block rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white" data-testid="new-activity">
              {t('volunteers.newActivityLink')}
            </Link>
          </p>
        ) : null}
        {canReadSettings ? (
          <p className="mt-2 flex flex-wrap gap-3 text-sm">
            {OFFICE_PAGES.map(([path, key]) => (
              <Link key={path} to={`/community/volunteers/${path}`} className="text-brand-700 underline">
                {t(key)}
              </Link>
            ))}
          </p>
        ) : null}
      </PageHeader>
      {teams.length ? (
        <nav aria-label={t('volunteers.team.listTitle')} className="flex flex-wrap gap-2 text-sm" data-testid="teams">
          {/* Each team the caller runs, to its page (members, deputy, recruiting); the badge says whether it recruits. */}
          {teams.map((team) => (
            <Link key={team.id} to={`/community/volunteers/teams/${team.id}`} className="inline-flex min-h-11 items-center sm:min-h-0">
              <Badge tone={team.recruiting ? 'success' : 'neutral'} className="underline">
                {team.name} · {team.recruiting ? t('volunteers.team.recruitingOn') : t('volunteers.team.recruitingOff')}
              </Badge>
            </Link>
          ))}
        </nav>
      ) : null}
      {alert('decide')}
      {applications.length ? (
        <Card className="space-y-2 p-4" data-testid="team-applications">
          <h2 className="text-base font-semibold">{t('volunteers.applications', { count: applications.length })}</h2>
          <ul className="divide-y divide-slate-100">
            {applications.map((a) => (
              <li key={`${a.teamId}-${a.residentId}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="min-w-0">
                  <span className="block">
                    {a.nameHint} · {a.teamName}
                  </span>
                  {a.skills.length || a.availability ? (
                    <span className="block break-words text-sm text-slate-600" data-testid="applicant-details">
                      {[a.skills.length ? t('volunteers.applicantSkills', { skills: a.skills.join('、') }) : null, a.availability ? t('volunteers.applicantAvailability', { availability: a.availability }) : null].filter(Boolean).join(' · ')}
                    </span>
                  ) : null}
                </span>
                <PostForm hiddenFields={{ intent: 'decide', teamId: a.teamId, residentId: a.residentId }} className="flex gap-2">
                  <DecisionButtons name="accept" yes={t('volunteers.accept')} no={t('volunteers.decline')} busy={busy} size="sm" />
                </PostForm>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <PendingHours entries={pending} alert={alert('pendingHours')} busy={busy} />
      <CardList items={shifts} empty={t('volunteers.noShifts')} itemKey={(s) => s.id} className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {(s) => (
          <Card className="space-y-1 p-4">
            <Link to={`/community/volunteers/shifts/${s.id}`} className="text-base font-medium text-brand-700 underline">
              {s.title}
            </Link>
            <p className="text-sm text-slate-600">
              {s.teamName} · {s.place}
            </p>
            <p className="text-sm text-slate-600">
              {chinaTimeRange(new Date(s.startsAt), new Date(s.endsAt))}
            </p>
            <p className="flex flex-wrap gap-2 text-sm">
              <Badge tone="info">{t('volunteers.places', { confirmed: s.confirmed, open: s.capacity - s.reserved })}</Badge>
              {s.walkUps ? <Badge tone="info">{t('volunteers.walkUps', { count: s.walkUps, reserved: s.reserved })}</Badge> : null}
              {s.waiting ? <Badge tone="progress">{t('volunteers.waiting', { count: s.waiting })}</Badge> : null}
              {s.approvedAt ? <Badge tone="success">{t('volunteers.approved')}</Badge> : null}
            </p>
          </Card>
        )}
      </CardList>
    </div>
  );
}

type PendingEntry = ReturnType<typeof useLoaderData<typeof loader>>['pending'][number];

/**
 * 待审核时长 (issue 17): hours that belong to no shift — entered afterwards (a wish's claim, a task outside any shift),
 * a volunteer teacher's classes — waiting for the team leader's approval or the office's second one. Each shows the
 * button the server takes from this caller, or why there is none (entered by them, their own service, the office's step).
 */
function PendingHours({ entries, alert, busy }: { entries: PendingEntry[]; alert: ReactNode; busy: boolean }) {
  const { t } = useTranslation();
  if (!entries.length && !alert) return null;
  return (
    <Card className="space-y-2 p-4" data-testid="pending-hours">
      <h2 className="text-base font-semibold">{t('volunteers.pendingHours.title', { count: entries.length })}</h2>
      <p className="text-sm text-slate-600">{t('volunteers.pendingHours.intro')}</p>
      {alert}
      <ul className="divide-y divide-slate-100">
        {entries.map((e) => (
          <li key={e.id} className="space-y-1 py-2" data-testid="pending-entry">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{e.nameHint}</span>
              {e.mobileHint ? <span className="text-xs text-slate-500">{e.mobileHint}</span> : null}
              <span className="tabular-nums">{t('volunteers.shiftHours.hours', { hours: (e.minutes / 60).toFixed(1) })}</span>
              <Badge tone="neutral">{t(`volunteers.shiftHours.evidence.${e.evidence as 'scanned' | 'leader' | 'afterwards'}`)}</Badge>
              {e.needsSecondApproval ? <Badge tone="progress">{t('volunteers.pendingHours.needsSecond')}</Badge> : null}
            </p>
            <p className="text-sm text-slate-600">
              {[e.teamName, e.teaching ? t('volunteers.pendingHours.teaching', { course: e.content }) : e.content, e.servedFrom && e.servedTo ? chinaTimeRange(new Date(e.servedFrom), new Date(e.servedTo)) : null].filter(Boolean).join(' · ')}
            </p>
            {e.canApprove ? (
              <PostForm hiddenFields={{ intent: 'approveHours', entryId: e.id, step: e.step }}>
                <Button type="submit" size="sm" variant="secondary" disabled={busy}>
                  {e.step === 'leader' ? t('volunteers.pendingHours.approve') : t('volunteers.pendingHours.approveSecond')}
                </Button>
              </PostForm>
            ) : e.why ? (
              <p className="text-sm text-amber-800" data-testid="pending-why">
                {t(`volunteers.pendingHours.why.${e.why}`)}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
