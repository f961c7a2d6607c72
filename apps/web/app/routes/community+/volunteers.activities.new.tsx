import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { createActivity, listVolunteerShifts, looseActivityProblems, UseCaseError } from '@shequ/use-cases';
import { createActivitySchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
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

// A new activity with one or more shifts (issue 17; rows added and removed in the browser, each posted as
// `shifts[i].*`) and the skills or trainings it requires, by the office or a team's leader, for the teams they run; from a
// resident's wish when opened as `?wish=<case id>` (the case page links here): closing the activity with its report
// then resolves the wish. A risky activity is published only with its insurance record (the use case refuses).
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  const { teams } = await runAsStaff(caller, (tx) => listVolunteerShifts(tx, caller, { limit: 1 }));
  const wish = new URL(request.url).searchParams.get('wish');
  return { teams, wishCaseId: wish && isUuid(wish) ? wish : null };
}

/** Most shifts one activity takes (createActivitySchema). */
const MAX_SHIFTS = 50;
const SHIFT_FIELDS = ['startsAt', 'endsAt', 'capacity', 'reserved'] as const;

/** The use case's names of the form's fields (a shift's as `shifts.<i>.*`, posted as `shifts[<i>].*`); others above the form. */
const FIELDS = Object.fromEntries([
  ...['teamId', 'title', 'place', 'audience', 'description', 'minAge', 'insuranceRecord', 'requiredSkills', 'requiredTrainings'].map((f) => [f, f]),
  ...Array.from({ length: MAX_SHIFTS }, (_, i) => SHIFT_FIELDS.map((f) => [`shifts.${i}.${f}`, `shifts[${i}].${f}`])).flat(),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, createActivitySchema, 'community');
  // Every problem at once, beside its field, and the form back as typed (also without JavaScript): the schema's
  // messages with the rules' own on the fields that could be read (looseActivityProblems).
  if (submission.status !== 'success') return replyInvalid('activity', submission.error, submission.payload, { refusal: UseCaseError.of(looseActivityProblems(submission.payload, new Date())), options: { fields: FIELDS } });
  const caller = { actor, ability };
  const done = await actAsStaff(caller, (tx) => createActivity(tx, caller, submission.value));
  if (!done.ok) return replyRefused('activity', done.error, submission.payload, { fields: FIELDS });
  const to = `/community/volunteers/shifts/${done.value.shiftIds[0]}`;
  return redirect(to, { headers: { 'Set-Cookie': toastCookie(done.value.published ? 'volunteers.activityPublished' : 'volunteers.activityDrafted') } });
}

export default function NewActivityPage() {
  const { t } = useTranslation();
  const { teams, wishCaseId } = useLoaderData<typeof loader>();
  const { err, submit, value, refused, check } = useReply(useActionData<typeof action>(), createActivitySchema);
  const fieldError = (name: string) => err('activity', name);
  // What was typed, when the form came back refused (a page rendered anew without JavaScript starts from it).
  const typed = (name: string, fallback?: string) => value('activity', name, fallback);
  const ticked = (name: string, fallback: boolean) => (refused('activity') ? typed(name) === 'on' : fallback);
  const typedRows = Math.min(MAX_SHIFTS, Math.max(1, ...Array.from({ length: MAX_SHIFTS }, (_, i) => (SHIFT_FIELDS.some((f) => typed(`shifts[${i}].${f}`) !== undefined) ? i + 1 : 0))));
  // The shift rows: each keeps its own key (what was typed stays with its row when another is removed); the posted
  // names follow the rows' order.
  const nextKey = useRef(typedRows);
  const [rows, setRows] = useState<number[]>(() => Array.from({ length: typedRows }, (_, i) => i));
  const addRow = () => {
    const key = nextKey.current++;
    setRows((r) => (r.length < MAX_SHIFTS ? [...r, key] : r));
  };
  const removeRow = (key: number) => setRows((r) => (r.length > 1 ? r.filter((k) => k !== key) : r));
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.newActivity.title')} description={wishCaseId ? t('volunteers.newActivity.fromWish') : t('volunteers.newActivity.intro')} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      {teams.length === 0 ? (
        <EmptyState title={t('volunteers.newActivity.noTeams')} />
      ) : (
        <Card className="p-4">
          <PostForm {...check('activity')} className="grid grid-cols-1 gap-4 md:grid-cols-2">
            {wishCaseId ? <input type="hidden" name="wishCaseId" value={wishCaseId} /> : null}
            <Field id="na-team" label={t('volunteers.newActivity.team')} error={fieldError('teamId')}>
              <Select name="teamId" defaultValue={typed('teamId')} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
            </Field>
            <Field id="na-title" label={t('volunteers.newActivity.titleField')} error={fieldError('title')}>
              <Input name="title" defaultValue={typed('title')} />
            </Field>
            <Field id="na-place" label={t('volunteers.newActivity.place')} error={fieldError('place')}>
              <Input name="place" defaultValue={typed('place')} />
            </Field>
            <Field id="na-audience" label={t('volunteers.newActivity.audience')} optional={t('volunteers.newActivity.optional')} error={fieldError('audience')}>
              <Input name="audience" defaultValue={typed('audience')} placeholder={t('volunteers.newActivity.audienceHint')} />
            </Field>
            <Field id="na-description" label={t('volunteers.newActivity.description')} optional={t('volunteers.newActivity.optional')} error={fieldError('description')} className="md:col-span-2">
              <Textarea name="description" rows={3} defaultValue={typed('description')} />
            </Field>
            <fieldset className="space-y-3 md:col-span-2" data-testid="shifts">
              <legend className="text-sm font-medium text-slate-700">{t('volunteers.activityForm.shifts')}</legend>
              {rows.map((key, i) => (
                <div key={key} className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 p-3 md:grid-cols-2" data-testid="shift-row">
                  <div className="flex items-center justify-between md:col-span-2">
                    <p className="text-sm font-medium text-slate-700">{t('volunteers.activityForm.shift', { n: i + 1 })}</p>
                    {rows.length > 1 ? (
                      <Button type="button" variant="secondary" size="sm" onClick={() => removeRow(key)}>
                        {t('volunteers.activityForm.remove', { n: i + 1 })}
                      </Button>
                    ) : null}
                  </div>
                  <Field id={`na-shift-${i}-start`} label={t('volunteers.newActivity.startsAt')} error={fieldError(`shifts[${i}].startsAt`)}>
                    <Input name={`shifts[${i}].startsAt`} type="datetime-local" defaultValue={typed(`shifts[${i}].startsAt`)} />
                  </Field>
                  <Field id={`na-shift-${i}-end`} label={t('volunteers.newActivity.endsAt')} error={fieldError(`shifts[${i}].endsAt`)}>
                    <Input name={`shifts[${i}].endsAt`} type="datetime-local" defaultValue={typed(`shifts[${i}].endsAt`)} />
                  </Field>
                  <Field id={`na-shift-${i}-capacity`} label={t('volunteers.newActivity.capacity')} error={fieldError(`shifts[${i}].capacity`)}>
                    <Input name={`shifts[${i}].capacity`} type="number" inputMode="numeric" defaultValue={typed(`shifts[${i}].capacity`, '10')} />
                  </Field>
                  <Field id={`na-shift-${i}-reserved`} label={t('volunteers.newActivity.reserved')} error={fieldError(`shifts[${i}].reserved`)}>
                    <Input name={`shifts[${i}].reserved`} type="number" inputMode="numeric" defaultValue={typed(`shifts[${i}].reserved`, '0')} />
                  </Field>
                </div>
              ))}
              {/* The list's own problem (no shift at all), not a row's again (each is said beside its field). */}
              {fieldError('shifts') && !rows.some((_, i) => SHIFT_FIELDS.some((f) => fieldError(`shifts[${i}].${f}`))) ? <p className="text-sm text-red-700">{fieldError('shifts')}</p> : null}
              {rows.length < MAX_SHIFTS ? (
                <Button type="button" variant="secondary" size="sm" onClick={addRow} data-testid="add-shift">
                  {t('volunteers.activityForm.add')}
                </Button>
              ) : null}
            </fieldset>
            <Field id="na-skills" label={t('volunteers.activityForm.skills')} hint={t('volunteers.activityForm.skillsHint')} optional={t('volunteers.newActivity.optional')} error={fieldError('requiredSkills')}>
              <Input name="requiredSkills" defaultValue={typed('requiredSkills')} autoComplete="off" />
            </Field>
            <Field id="na-trainings" label={t('volunteers.activityForm.trainings')} hint={t('volunteers.activityForm.trainingsHint')} optional={t('volunteers.newActivity.optional')} error={fieldError('requiredTrainings')}>
              <Input name="requiredTrainings" defaultValue={typed('requiredTrainings')} autoComplete="off" />
            </Field>
            <Field id="na-minAge" label={t('volunteers.newActivity.minAge')} optional={t('volunteers.newActivity.optional')} error={fieldError('minAge')}>
              <Input name="minAge" defaultValue={typed('minAge')} type="number" inputMode="numeric" />
            </Field>
            <Field id="na-insurance" label={t('volunteers.newActivity.insurance')} hint={t('volunteers.newActivity.insuranceHint')} error={fieldError('insuranceRecord')}>
              <Input name="insuranceRecord" defaultValue={typed('insuranceRecord')} />
            </Field>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="risky" className="h-5 w-5" defaultChecked={ticked('risky', false)} />
              {t('volunteers.newActivity.risky')}
            </label>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="publish" defaultChecked={ticked('publish', true)} className="h-5 w-5" />
              {t('volunteers.newActivity.publish')}
            </label>
            {submit('activity', t('volunteers.newActivity.submit'), { className: 'md:col-span-2' })}
          </PostForm>
        </Card>
      )}
    </div>
  );
}
