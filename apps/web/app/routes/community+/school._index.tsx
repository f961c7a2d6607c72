import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { nameTellingApart } from '~/components/residents/tell-apart.ts';
import { useTranslation } from 'react-i18next';
import { addDays, SCHOOL_RULES, yuan } from '@shequ/domain';
import { createSchoolCourse, createSchoolTerm, getSeniorSchool, publishShowcase } from '@shequ/use-cases';
import { schoolFormSchema } from '@shequ/use-cases/schemas';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { CardSection } from '~/components/ui/card.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { NotSetUp } from '~/components/ui/empty-state.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { chinaToday, mealCaller } from './meals.server.ts';

export const meta = pageTitle('school.title');

// The senior school (issue 19, decision 043): terms and their courses with counts; a new term, a new course; a term's
// end-of-term showcase published as a volunteer team's activity (offered only when the loader says the server would).
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const school = await runAsStaff(caller, (tx) => getSeniorSchool(tx, caller));
  return { ...school, today: chinaToday() };
}

/** createActivity's names of the showcase's fields (its one shift's as `shifts.0.*`) mapped to the form's. */
const SHOWCASE_FIELDS = { teamId: 'teamId', title: 'title', place: 'place', 'shifts.0.startsAt': 'startsAt', 'shifts.0.endsAt': 'endsAt', 'shifts.0.capacity': 'capacity' };

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, schoolFormSchema, 'community');
  if (submission.status !== 'success') {
    const posted = submission.payload;
    return replyInvalidSubmission(submission, posted.intent === 'showcase' ? { form: `showcase:${String(posted.termId ?? '')}` } : {});
  }
  const v = submission.value;
  const caller = { actor, ability };
  const done = await actAsStaff(caller, async (tx) => {
    if (v.intent === 'term') await createSchoolTerm(tx, caller, v);
    else if (v.intent === 'course') await createSchoolCourse(tx, caller, { ...v, fee: String(v.fee / 100) });
    else await publishShowcase(tx, caller, v);
    return v.intent;
  });
  // Each term has its own showcase form: a refusal is shown on the form of the term posted.
  if (!done.ok) return v.intent === 'showcase' ? replyRefused(`showcase:${v.termId}`, done.error, undefined, { fields: SHOWCASE_FIELDS }) : replyRefused(v.intent, done.error);
  return withToast(replySaved(v.intent), `school.${done.value}`);
}

export default function SeniorSchoolPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const can = useCommunityCan();
  const canManage = can('manage', 'SeniorSchool');
  const { err, submit, check } = useReply(result, schoolFormSchema);
  return (
    <div className="space-y-4">
      <PageHeader title={t('school.title')} description={t('school.intro')} />
      {data.terms.length === 0 ? (
        <NotSetUp title={t('school.term.none')} canSetUp={canManage} setUp={{ text: t('school.term.emptyManage') }} ask={t('school.term.emptyAsk')} testId="school-no-terms" />
      ) : null}
      {data.terms.map((term) => (
        <CardSection title={term.name} intro={t('school.term.dates', { from: term.startsOn, to: term.endsOn, hours: term.offerHours })} key={term.id} data-testid="school-term" data-term={term.id}>
          {term.courses.length === 0 ? <p className="text-sm text-slate-500">{t('school.list.empty')}</p> : null}
          <ul className="divide-y divide-slate-100">
            {term.courses.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm" data-testid="school-course">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {c.title} <span className="text-xs font-normal text-slate-500">· {t(`school.rules.${c.rule}`)}</span>
                  </p>
                  <p className="text-slate-600">
                    {t('school.when', { weekday: t(`school.weekdays.${c.weekday}` as 'school.weekdays.1'), from: c.startsAt, to: c.endsAt, room: c.room })} · {t('school.list.teacher')} {c.teacher ?? t('school.list.noTeacher')} ·{' '}
                    {c.feeCents ? t('school.fee', { fee: yuan(c.feeCents) }) : t('school.free')}
                    {c.team ? <> · {t('school.list.countsAsService', { team: c.team })}</> : null}
                  </p>
                  <p className="text-slate-600 tabular-nums">{t('school.detail.counts', { enrolled: c.enrolled, capacity: c.capacity, offered: c.offered, waiting: c.waiting, applied: c.applied })}</p>
                </div>
                <Link to={`/community/school/courses/${c.id}`} className="rounded-md border border-brand-600 px-3 py-1.5 text-brand-700" data-testid="school-course-open">
                  {t('school.list.open')}
                </Link>
              </li>
            ))}
          </ul>
          {term.showcaseActivityId ? (
            <p className="mt-2 text-sm text-emerald-700" data-testid="school-showcase-published">
              {t('school.showcase.published')}
            </p>
          ) : null}
          {term.actions.showcase ? (
            <Form {...check(`showcase:${term.id}`)} method="post" noValidate className="mt-3 grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-3" data-testid="school-showcase-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="showcase" />
              <input type="hidden" name="termId" value={term.id} />
              <div className="sm:col-span-3">
                <p className="font-medium text-slate-900">{t('school.showcase.title')}</p>
                <p className="text-sm text-slate-600">{t('school.showcase.intro')}</p>
              </div>
              <Field id={`s-title-${term.id}`} label={t('school.showcase.name')} error={err(`showcase:${term.id}`, 'title')}>
                <Input name="title" maxLength={60} defaultValue={t('school.showcase.defaultName', { term: term.name })} className="h-9 text-sm" />
              </Field>
              <Field id={`s-team-${term.id}`} label={t('school.showcase.team')} error={err(`showcase:${term.id}`, 'teamId')}>
                <Select name="teamId" size="sm" defaultValue={data.showcaseTeams[0]?.id} options={data.showcaseTeams.map((x) => ({ value: x.id, label: x.name }))} />
              </Field>
              <Field id={`s-place-${term.id}`} label={t('school.showcase.place')} error={err(`showcase:${term.id}`, 'place')}>
                <Input name="place" maxLength={100} className="h-9 text-sm" />
              </Field>
              <Field id={`s-from-${term.id}`} label={t('school.showcase.startsAt')} error={err(`showcase:${term.id}`, 'startsAt')}>
                <Input name="startsAt" type="datetime-local" defaultValue={`${term.endsOn}T15:00`} className="h-9 text-sm" />
              </Field>
              <Field id={`s-to-${term.id}`} label={t('school.showcase.endsAt')} error={err(`showcase:${term.id}`, 'endsAt')}>
                <Input name="endsAt" type="datetime-local" defaultValue={`${term.endsOn}T17:00`} className="h-9 text-sm" />
              </Field>
              <Field id={`s-capacity-${term.id}`} label={t('school.showcase.capacity')} error={err(`showcase:${term.id}`, 'capacity')}>
                <Input name="capacity" inputMode="numeric" defaultValue={10} className="h-9 text-sm" />
              </Field>
              {submit(`showcase:${term.id}`, t('school.showcase.publish'), { className: 'sm:col-span-3', size: 'sm', testId: 'school-showcase-publish' })}
            </Form>
          ) : null}
        </CardSection>
      ))}

      {canManage ? (
        <>
          <CardSection title={t('school.course.title')}>
            {data.terms.length ? (
              <Form {...check('course')} method="post" noValidate className="grid gap-2 sm:grid-cols-3" data-testid="school-course-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="course" />
                <Field id="c-term" label={t('school.course.term')} error={err('course', 'termId')}>
                  <Select name="termId" size="sm" defaultValue={data.terms[0]!.id} options={data.terms.map((x) => ({ value: x.id, label: x.name }))} />
                </Field>
                <Field id="c-title" label={t('school.course.name')} error={err('course', 'title')}>
                  <Input name="title" maxLength={40} className="h-9 text-sm" />
                </Field>
                <Field id="c-weekday" label={t('school.course.weekday')} error={err('course', 'weekday')}>
                  <Select name="weekday" size="sm" defaultValue="2" options={['1', '2', '3', '4', '5', '6', '7'].map((d) => ({ value: d, label: t(`school.weekdays.${d}` as 'school.weekdays.1') }))} />
                </Field>
                <Field id="c-from" label={t('school.course.startsAt')} error={err('course', 'startsAt')}>
                  <Input name="startsAt" type="time" defaultValue="09:00" className="h-9 text-sm" />
                </Field>
                <Field id="c-to" label={t('school.course.endsAt')} error={err('course', 'endsAt')}>
                  <Input name="endsAt" type="time" defaultValue="10:30" className="h-9 text-sm" />
                </Field>
                <Field id="c-room" label={t('school.course.room')} error={err('course', 'room')}>
                  <Input name="room" maxLength={30} className="h-9 text-sm" />
                </Field>
                <Field id="c-capacity" label={t('school.course.capacity')} error={err('course', 'capacity')}>
                  <Input name="capacity" inputMode="numeric" defaultValue={20} className="h-9 text-sm" />
                </Field>
                <Field id="c-fee" label={t('school.course.fee')} error={err('course', 'fee')}>
                  <Input name="fee" inputMode="decimal" defaultValue={0} className="h-9 text-sm" />
                </Field>
                <Field id="c-rule" label={t('school.course.rule')} error={err('course', 'rule')}>
                  <Select name="rule" size="sm" defaultValue="first_come" options={SCHOOL_RULES.map((r) => ({ value: r, label: t(`school.rules.${r}`) }))} />
                </Field>
                <Field id="c-teacher" label={t('school.course.teacher')} hint={t('school.course.teacherHint')} error={err('course', 'teacherResidentId')}>
                  <Select name="teacherResidentId" size="sm" defaultValue="" options={[{ value: '', label: t('school.list.noTeacher') }, ...data.teachers.map((x) => ({ value: x.residentId, label: nameTellingApart(t, x.nameHint, x) }))]} data-testid="school-course-teacher" />
                </Field>
                <Field id="c-team" label={t('school.course.team')} error={err('course', 'volunteerTeamId')}>
                  <Select name="volunteerTeamId" size="sm" defaultValue="" options={[{ value: '', label: t('school.course.noTeam') }, ...data.teams.map((x) => ({ value: x.id, label: x.name }))]} data-testid="school-course-team" />
                </Field>
                {submit('course', t('school.course.create'), { className: 'sm:col-span-3', size: 'sm', testId: 'school-course-create' })}
              </Form>
            ) : (
              <p className="text-sm text-slate-500">{t('school.term.empty')}</p>
            )}
          </CardSection>
          <CardSection title={t('school.term.title')}>
            <Form {...check('term')} method="post" noValidate className="grid gap-2 sm:grid-cols-2" data-testid="school-term-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="term" />
              <Field id="t-name" label={t('school.term.name')} error={err('term', 'name')}>
                <Input name="name" maxLength={40} className="h-9 text-sm" />
              </Field>
              <Field id="t-hours" label={t('school.term.offerHours')} error={err('term', 'offerHours')}>
                <Input name="offerHours" inputMode="numeric" defaultValue={24} className="h-9 text-sm" />
              </Field>
              <Field id="t-from" label={t('school.term.startsOn')} error={err('term', 'startsOn')}>
                <DateInput name="startsOn" size="sm" defaultValue={data.today} />
              </Field>
              <Field id="t-to" label={t('school.term.endsOn')} error={err('term', 'endsOn')}>
                <DateInput name="endsOn" size="sm" defaultValue={addDays(data.today, 120)} />
              </Field>
              {submit('term', t('school.term.create'), { className: 'sm:col-span-2', size: 'sm' })}
            </Form>
          </CardSection>
        </>
      ) : null}
    </div>
  );
}
