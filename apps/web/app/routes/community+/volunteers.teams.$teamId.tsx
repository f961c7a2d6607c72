import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { getVolunteerTeam, updateVolunteerTeam } from '@shequ/use-cases';
import { volunteerTeamPageSchema } from '@shequ/use-cases/schemas';
import { Card, CardList } from '~/components/ui/card.tsx';
import { Checkbox } from '~/components/ui/checkbox-group.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { requireActor } from '~/lib/session.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';

export const meta = pageTitle('volunteers.team.title', dataField('team.name'));

// A team's own page (issue 17, found missing from outside): its members (with their hours and stars for whoever may
// read the team's hours) and its focus, deputy and recruiting, changed by its leader (her own team only) or the office.
// Residents apply from 我的 only to a recruiting team (applyToTeam refuses the others; 我的 offers no button).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  if (!isUuid(params.teamId)) notFound();
  return runAsStaff(caller, (tx) => getVolunteerTeam(tx, caller, { teamId: params.teamId! }));
}

const FIELDS = { focus: 'focus', deputyResidentId: 'deputyResidentId', recruiting: 'recruiting' };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, volunteerTeamPageSchema, 'community');
  if (!isUuid(params.teamId)) notFound();
  if (submission.status !== 'success') return replyInvalidSubmission(submission, { form: 'team', keepTyped: true });
  const caller = { actor, ability };
  const done = await actAsStaff(caller, (tx) => updateVolunteerTeam(tx, caller, { ...submission.value, teamId: params.teamId! }));
  if (!done.ok) return replyRefused('team', done.error, submission.payload, { fields: FIELDS });
  return withToast(replySaved('team'), 'volunteers.teamSaved');
}

export default function VolunteerTeamPage() {
  const { t } = useTranslation();
  const { team, members, canSeeHours } = useLoaderData<typeof loader>();
  const { err, value, refused, submit, check } = useReply(useActionData<typeof action>(), volunteerTeamPageSchema);
  // The deputy is chosen among the team's members (and whoever is deputy now).
  const deputies = [
    ...(team.deputyResidentId && !members.some((m) => m.residentId === team.deputyResidentId) ? [{ value: team.deputyResidentId, label: team.deputyNameHint ?? '' }] : []),
    ...members.filter((m) => m.residentId !== team.leaderResidentId).map((m) => ({ value: m.residentId, label: [m.nameHint, m.mobileHint].filter(Boolean).join(' ') })),
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={team.name} description={t('volunteers.team.leader', { name: team.leaderNameHint })} back={{ to: '/community/volunteers', label: t('volunteers.back') }}>
        <p className="mt-2">
          <Badge tone={team.recruiting ? 'success' : 'neutral'} data-testid="team-recruiting">
            {team.recruiting ? t('volunteers.team.recruitingOn') : t('volunteers.team.recruitingOff')}
          </Badge>
        </p>
      </PageHeader>
      <Card className="p-4">
        <PostForm {...check('team')} className="grid grid-cols-1 gap-3 md:grid-cols-2" data-testid="team-form">
          <Field id="team-focus" label={t('volunteers.team.focus')} optional={t('volunteers.newActivity.optional')} error={err('team', 'focus')}>
            <Input name="focus" defaultValue={value('team', 'focus', team.focus ?? '')} />
          </Field>
          <Field id="team-deputy" label={t('volunteers.team.deputy')} hint={t('volunteers.team.deputyHint')} error={err('team', 'deputyResidentId')}>
            <Select name="deputyResidentId" defaultValue={value('team', 'deputyResidentId', team.deputyResidentId ?? '')} placeholder={t('volunteers.team.noDeputy')} options={deputies} />
          </Field>
          <Checkbox
            id="team-recruiting"
            name="recruiting"
            label={t('volunteers.team.recruiting')}
            defaultChecked={refused('team') ? value('team', 'recruiting') === 'on' : team.recruiting}
            error={err('team', 'recruiting')}
            className="md:col-span-2"
          />
          {submit('team', t('volunteers.team.save'), { className: 'md:col-span-2' })}
        </PostForm>
      </Card>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">{t('volunteers.team.members', { count: members.length })}</h2>
        <CardList items={members} empty={t('volunteers.team.noMembers')} itemKey={(m) => m.residentId}>
          {(m) => (
            <Card className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="team-member">
              <div className="min-w-0 space-y-1">
                <Link to={`/community/volunteers/person/${m.residentId}`} className="font-medium text-brand-700 underline">
                  {m.nameHint}
                </Link>
                <p className="text-xs text-slate-500">
                  {[m.mobileHint, t('volunteers.team.joined', { date: m.joinedOn })].filter(Boolean).join(' · ')}
                  {m.residentId === team.deputyResidentId ? ` · ${t('volunteers.team.deputy')}` : ''}
                </p>
              </div>
              {canSeeHours ? (
                <p className="text-sm text-slate-700">
                  <span className="tabular-nums">{t('volunteers.team.memberHours', { hours: m.hours })}</span>
                  {m.stars ? <span className="ml-2 text-amber-600" aria-label={t('volunteers.figures.stars')}>{'★'.repeat(m.stars)}</span> : null}
                </p>
              ) : null}
            </Card>
          )}
        </CardList>
      </section>
    </div>
  );
}
