import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { createActivity, listVolunteerShifts } from '@shequ/use-cases';
import { createActivitySchema } from '@shequ/use-cases/schemas';
import { Card } from '~/components/ui/card.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { EmptyState } from '~/components/ui/states.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { replyInvalid, replyRefused } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { requireActor } from '~/lib/session.server.ts';
import { toastCookie } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('volunteers.newActivity.title');

// A new activity with its first shift (issue 17), by the office or a team's leader, for the teams they run; from a
// resident's wish when opened as `?wish=<case id>` (the case page links here): closing the activity with its report
// then resolves the wish. A risky activity is published only with its insurance record (the use case refuses).
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  const { teams } = await runAsStaff(caller, (tx) => listVolunteerShifts(tx, caller, { limit: 1 }));
  const wish = new URL(request.url).searchParams.get('wish');
  return { teams, wishCaseId: wish && isUuid(wish) ? wish : null };
}

/** The use case's names of the form's fields (its first shift's as `shifts.0.*`, Conform's `shifts[0].*`); others above the form. */
const FIELDS = Object.fromEntries([
  ...['teamId', 'title', 'place', 'audience', 'description', 'minAge', 'insuranceRecord'].map((f) => [f, f]),
  ...['startsAt', 'endsAt', 'capacity', 'reserved'].map((f) => [`shifts.0.${f}`, `shifts[0].${f}`]),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, createActivitySchema, 'community');
  if (submission.status !== 'success') return replyInvalid('activity', submission.error);
  const caller = { actor, ability };
  const done = await actAsStaff(caller, (tx) => createActivity(tx, caller, submission.value));
  if (!done.ok) return replyRefused('activity', done.error, undefined, { fields: FIELDS });
  const to = `/community/volunteers/shifts/${done.value.shiftIds[0]}`;
  return redirect(to, { headers: { 'Set-Cookie': toastCookie(done.value.published ? 'volunteers.activityPublished' : 'volunteers.activityDrafted') } });
}

export default function NewActivityPage() {
  const { t } = useTranslation();
  const { teams, wishCaseId } = useLoaderData<typeof loader>();
  const { err, submit } = useReply(useActionData<typeof action>());
  const fieldError = (name: string) => err('activity', name);
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.newActivity.title')} description={wishCaseId ? t('volunteers.newActivity.fromWish') : t('volunteers.newActivity.intro')} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      {teams.length === 0 ? (
        <EmptyState title={t('volunteers.newActivity.noTeams')} />
      ) : (
        <Card className="p-4">
          <PostForm className="grid grid-cols-1 gap-4 md:grid-cols-2">
            {wishCaseId ? <input type="hidden" name="wishCaseId" value={wishCaseId} /> : null}
            <Field id="na-team" label={t('volunteers.newActivity.team')} error={fieldError('teamId')}>
              <Select name="teamId" options={teams.map((team) => ({ value: team.id, label: team.name }))} />
            </Field>
            <Field id="na-title" label={t('volunteers.newActivity.titleField')} error={fieldError('title')}>
              <Input name="title" />
            </Field>
            <Field id="na-place" label={t('volunteers.newActivity.place')} error={fieldError('place')}>
              <Input name="place" />
            </Field>
            <Field id="na-audience" label={t('volunteers.newActivity.audience')} optional={t('volunteers.newActivity.optional')} error={fieldError('audience')}>
              <Input name="audience" placeholder={t('volunteers.newActivity.audienceHint')} />
            </Field>
            <Field id="na-description" label={t('volunteers.newActivity.description')} optional={t('volunteers.newActivity.optional')} error={fieldError('description')} className="md:col-span-2">
              <Textarea name="description" rows={3} />
            </Field>
            <Field id="na-start" label={t('volunteers.newActivity.startsAt')} error={fieldError('shifts[0].startsAt')}>
              <Input name="shifts[0].startsAt" type="datetime-local" />
            </Field>
            <Field id="na-end" label={t('volunteers.newActivity.endsAt')} error={fieldError('shifts[0].endsAt')}>
              <Input name="shifts[0].endsAt" type="datetime-local" />
            </Field>
            <Field id="na-capacity" label={t('volunteers.newActivity.capacity')} error={fieldError('shifts[0].capacity')}>
              <Input name="shifts[0].capacity" type="number" inputMode="numeric" defaultValue="10" />
            </Field>
            <Field id="na-reserved" label={t('volunteers.newActivity.reserved')} error={fieldError('shifts[0].reserved')}>
              <Input name="shifts[0].reserved" type="number" inputMode="numeric" defaultValue="0" />
            </Field>
            <Field id="na-minAge" label={t('volunteers.newActivity.minAge')} optional={t('volunteers.newActivity.optional')} error={fieldError('minAge')}>
              <Input name="minAge" type="number" inputMode="numeric" />
            </Field>
            <Field id="na-insurance" label={t('volunteers.newActivity.insurance')} hint={t('volunteers.newActivity.insuranceHint')} error={fieldError('insuranceRecord')}>
              <Input name="insuranceRecord" />
            </Field>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="risky" className="h-5 w-5" />
              {t('volunteers.newActivity.risky')}
            </label>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="publish" defaultChecked className="h-5 w-5" />
              {t('volunteers.newActivity.publish')}
            </label>
            {submit('activity', t('volunteers.newActivity.submit'), { className: 'md:col-span-2' })}
          </PostForm>
        </Card>
      )}
    </div>
  );
}
