import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { getVolunteerHours, getVolunteerProfile, recordTraining } from '@shequ/use-cases';
import { volunteerProfilePageSchema } from '@shequ/use-cases/schemas';
import { Card } from '~/components/ui/card.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { requireActor } from '~/lib/session.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';

export const meta = pageTitle('volunteers.profile.title', dataField('profile.nameHint'));

// A volunteer's page (issue 17, found missing from outside): skills, consent, teams, hours and stars, and the training
// records with their expiry (expired ones marked); the office records a training here (recordTraining). A team's
// leader sees the members and applicants of her own teams only (getVolunteerProfile).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  if (!isUuid(params.residentId)) notFound();
  return runAsStaff(caller, async (tx) => {
    const profile = await getVolunteerProfile(tx, caller, { residentId: params.residentId! });
    const { totals, stars } = await getVolunteerHours(tx, caller, { residentId: params.residentId! });
    return { profile, totals, stars: stars.stars };
  });
}

const FIELDS = { name: 'name', completedOn: 'completedOn', expiresOn: 'expiresOn' };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, volunteerProfilePageSchema, 'community');
  if (!isUuid(params.residentId)) notFound();
  if (submission.status !== 'success') return replyInvalidSubmission(submission, { form: 'training', keepTyped: true });
  const caller = { actor, ability };
  const done = await actAsStaff(caller, (tx) => recordTraining(tx, caller, { ...submission.value, residentId: params.residentId! }));
  if (!done.ok) return replyRefused('training', done.error, submission.payload, { fields: FIELDS });
  return withToast(replySaved('training'), 'volunteers.trainingRecorded');
}

const hours = (minutes: number) => (minutes / 60).toFixed(1);

export default function VolunteerPersonPage() {
  const { t } = useTranslation();
  const { profile, totals, stars } = useLoaderData<typeof loader>();
  const { err, value, resetKey, submit, check } = useReply(useActionData<typeof action>(), volunteerProfilePageSchema);
  return (
    <div className="space-y-4">
      <PageHeader title={profile.nameHint} description={t('volunteers.profile.title')} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      <Card className="space-y-1 p-4 text-sm text-slate-700" data-testid="volunteer-summary">
        {profile.skills.length ? <p>{t('volunteers.profile.skills', { skills: profile.skills.join('、') })}</p> : null}
        {profile.availability ? <p>{t('volunteers.profile.availability', { availability: profile.availability })}</p> : null}
        <p>{t('volunteers.profile.consent', { date: profile.consentOn })}</p>
        {profile.guardian ? <p>{t('volunteers.profile.guardian', { name: profile.guardian.name, relation: profile.guardian.relation, date: profile.guardian.consentOn })}</p> : null}
        {profile.teams.length ? <p>{t('volunteers.profile.teams', { teams: profile.teams.map((team) => team.name).join('、') })}</p> : null}
        <p className="tabular-nums">{t('volunteers.profile.hours', { approved: hours(totals.approvedMinutes), pending: hours(totals.pendingMinutes) })}</p>
        {stars ? (
          <p>
            {t('volunteers.profile.stars')} <span className="text-amber-600">{'★'.repeat(stars)}</span>
          </p>
        ) : null}
      </Card>
      <Card className="space-y-3 p-4">
        <h2 className="text-base font-semibold">{t('volunteers.profile.trainings')}</h2>
        {profile.trainings.length === 0 ? <p className="text-sm text-slate-500">{t('volunteers.profile.noTrainings')}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="trainings">
          {profile.trainings.map((tr) => (
            <li key={tr.id} className="flex flex-wrap items-center gap-2 py-2 text-sm" data-testid="training" data-expired={tr.expired ? 'true' : 'false'}>
              <span className="font-medium">{tr.name}</span>
              <span className="text-slate-600">{t('volunteers.profile.completed', { date: tr.completedOn })}</span>
              <span className={tr.expired ? 'text-red-700' : 'text-slate-600'}>{tr.expiresOn ? t('volunteers.profile.expires', { date: tr.expiresOn }) : t('volunteers.profile.noExpiry')}</span>
              {tr.expired ? <Badge tone="danger">{t('volunteers.profile.expired')}</Badge> : null}
            </li>
          ))}
        </ul>
        {profile.canRecordTraining ? (
          <PostForm {...check('training')} key={resetKey('training')} className="grid grid-cols-1 gap-3 border-t border-slate-100 pt-3 md:grid-cols-3" data-testid="training-form">
            <Field id="tr-name" label={t('volunteers.profile.trainingName')} hint={t('volunteers.profile.trainingNameHint')} error={err('training', 'name')}>
              <Input name="name" autoComplete="off" defaultValue={value('training', 'name', '')} />
            </Field>
            <Field id="tr-completed" label={t('volunteers.profile.completedOn')} error={err('training', 'completedOn')}>
              <DateInput name="completedOn" defaultValue={value('training', 'completedOn', '')} />
            </Field>
            <Field id="tr-expires" label={t('volunteers.profile.expiresOn')} optional={t('volunteers.newActivity.optional')} error={err('training', 'expiresOn')}>
              <DateInput name="expiresOn" defaultValue={value('training', 'expiresOn', '')} />
            </Field>
            {submit('training', t('volunteers.profile.record'), { className: 'md:col-span-3' })}
          </PostForm>
        ) : (
          <p className="text-sm text-slate-500">{t('volunteers.profile.readOnly')}</p>
        )}
      </Card>
    </div>
  );
}
