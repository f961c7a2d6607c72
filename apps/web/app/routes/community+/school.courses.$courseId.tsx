import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { tellApart } from '~/components/residents/tell-apart.ts';
import { useTranslation } from 'react-i18next';
import { yuan } from '@shequ/domain';
import { allocateCourse, findResidents, getSchoolCourse, markAttendanceByCard, markAttendanceFromList } from '@shequ/use-cases';
import { schoolCourseFormSchema } from '@shequ/use-cases/schemas';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { ResidentFinder } from '~/components/residents/resident-finder.tsx';
import { PeriodForm } from '~/components/meals/period-form.tsx';
import { Button } from '~/components/ui/button.tsx';
import { CardSection } from '~/components/ui/card.tsx';
import { ActionButtons } from '~/components/ui/action-buttons.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge, type BadgeTone } from '~/components/ui/status-badge.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { queryDay } from '~/lib/query-params.ts';
import { mealCaller } from './meals.server.ts';
import { takeEnrolmentStep } from './school.server.ts';

export const meta = pageTitle('school.detail.enrolments', dataField('course.title'));

/** The enrolments staff may withdraw (an offer may also be accepted or declined on the person's behalf). */
const WITHDRAWABLE = ['applied', 'enrolled', 'waiting', 'offered'];

const TONES: Record<string, BadgeTone> = { enrolled: 'success', offered: 'progress', waiting: 'info', applied: 'neutral', declined: 'muted', lapsed: 'muted', withdrawn: 'muted' };

// A course of the senior school (decision 043): its enrolments with the waiting list in order, enrolling someone
// without a phone, allocating a returning-first or draw course, withdrawing, answering an offer on someone's behalf,
// and attendance on a day by the list or by scanning the person's card.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const url = new URL(request.url);
  // No day asked: the course's latest class day (getSchoolCourse), not today, which is rarely its weekday.
  const day = queryDay(request, '') || null;
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 40);
  return runAsStaff(caller, async (tx) => {
    const page = await getSchoolCourse(tx, caller, { courseId: params.courseId ?? '', day });
    const found = q ? (await findResidents(tx, caller, { q, pageSize: 10, cipher: caseDeps.cipher })).rows.map((r) => ({ id: r.id, nameHint: r.nameHint, age: r.age, address: r.address })) : [];
    return { ...page, q, found, enrolments: page.enrolments.map((e) => ({ ...e, queuedAt: e.queuedAt.toISOString(), offerExpiresAt: e.offerExpiresAt?.toISOString() ?? null })) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, schoolCourseFormSchema, 'community');
  if (submission.status !== 'success') return replyInvalidSubmission(submission);
  const v = submission.value;
  const caller = { actor, ability };
  const courseId = params.courseId ?? '';
  const done = await actAsStaff(caller, async (tx) => {
    switch (v.intent) {
      case 'enrol':
      case 'withdraw':
      case 'accept':
      case 'decline':
        return takeEnrolmentStep(tx, caller, v.intent === 'enrol' ? { ...v, courseId } : v);
      case 'allocate': {
        const a = await allocateCourse(tx, caller, { courseId });
        return ['allocated', a] as const;
      }
      case 'attendance': {
        const m = await markAttendanceFromList(tx, caller, { ...v, courseId });
        return ['attendance', { n: m.marked }] as const;
      }
      case 'scan': {
        const s = await markAttendanceByCard(tx, caller, { ...v, courseId, cipher: caseDeps.cipher });
        return [s.already ? 'scannedAgain' : 'scanned', { name: s.nameHint }] as const;
      }
    }
  });
  if (!done.ok) return replyRefused(v.intent, done.error);
  const [key, values] = done.value;
  return withToast(replySaved(v.intent), `school.${key}`, values as Record<string, string | number>);
}

const when = (iso: string, lang: string) => new Date(iso).toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

export default function SchoolCoursePage() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { alert, err, check, resetKey } = useReply(useActionData<typeof action>(), schoolCourseFormSchema);
  const busy = useNavigation().state !== 'idle';
  const can = useCommunityCan();
  const canUpdate = can('update', 'SeniorSchool');
  // Whoever may enrol someone (a grid worker: the people of their grids, the only ones listed for them) may withdraw
  // them or answer an offer for them.
  const canActFor = canUpdate || can('create', 'SeniorSchool');
  const { course } = data;
  const enrolled = data.enrolments.filter((e) => e.status === 'enrolled');
  const present = new Set(data.present.map((p) => p.residentId));
  return (
    <div className="space-y-4">
      <PageHeader
        title={course.title}
        description={`${data.term.name} · ${t('school.when', { weekday: t(`school.weekdays.${course.weekday}` as 'school.weekdays.1'), from: course.startsAt, to: course.endsAt, room: course.room })} · ${t(`school.rules.${course.rule}`)} · ${course.feeCents ? t('school.fee', { fee: yuan(course.feeCents) }) : t('school.free')}`}
      />
      <Link to="/community/school" className="text-sm text-brand-700 underline">
        {t('school.detail.back')}
      </Link>
      <p className="text-sm text-slate-700 tabular-nums" data-testid="school-counts">
        {t('school.detail.counts', { ...data.counts, capacity: course.capacity })}
      </p>
      {alert('allocate')}
      {alert('enrol')}
      {alert('withdraw')}
      {alert('accept')}
      {alert('decline')}

      {canUpdate && course.rule !== 'first_come' && !course.allocated ? (
        <Form method="post" noValidate className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm">
          <CsrfInput />
          {/* The form schema takes the course as every other form of this page does (without it: 400, found by a trial). */}
          <input type="hidden" name="courseId" value={course.id} />
          <span className="min-w-0 flex-1 text-slate-600">{t('school.detail.allocateHint', { rule: t(`school.rules.${course.rule}`) })}</span>
          <Button type="submit" name="intent" value="allocate" size="sm" disabled={busy}>
            {t('school.detail.allocate')}
          </Button>
        </Form>
      ) : null}
      {/* 老学员优先 and 抽签 decide the places once (decision 043); after that, a newcomer is enrolled while a place is free. */}
      {course.rule !== 'first_come' && course.allocated ? (
        <p className="text-sm text-slate-600" data-testid="school-after-allocation">
          {t('school.detail.afterAllocation', { rule: t(`school.rules.${course.rule}`) })}
        </p>
      ) : null}

      <CardSection title={t('school.detail.enrolments')}>
        {data.enrolments.length === 0 ? <p className="text-sm text-slate-500">{t('school.detail.empty')}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="school-enrolments">
          {data.enrolments.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="school-enrolment">
              <span className="min-w-0">
                {e.nameHint}
                <span className="text-slate-500"> · {tellApart(t, e)}</span> {e.returning ? <Badge tone="info">{t('school.detail.returning')}</Badge> : null}
              </span>
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone={TONES[e.status] ?? 'neutral'} data-testid="school-enrolment-status">
                  {e.status === 'waiting' ? t('school.detail.position', { n: e.position ?? 1 }) : t(`school.statuses.${e.status}`)}
                </Badge>
                {e.status === 'offered' && e.offerExpiresAt ? <span className="text-xs text-slate-500">{t('school.detail.offerUntil', { time: when(e.offerExpiresAt, i18n.language) })}</span> : null}
                {canActFor ? (
                  <ActionButtons
                    allowed={{ accept: e.status === 'offered', decline: e.status === 'offered', withdraw: WITHDRAWABLE.includes(e.status) }}
                    hiddenFields={{ enrolmentId: e.id }}
                    busy={busy}
                    actions={[
                      { intent: 'accept', label: t('school.detail.accept'), variant: 'secondary' },
                      { intent: 'decline', label: t('school.detail.decline'), variant: 'secondary', testId: 'school-decline', confirm: { title: t('school.detail.declineTitle', { name: e.nameHint }), description: t('school.detail.declineText'), cancelLabel: t('school.detail.keep') } },
                      { intent: 'withdraw', label: t('school.detail.withdraw'), variant: 'secondary', testId: 'school-withdraw', confirm: { title: t('school.detail.withdrawTitle', { name: e.nameHint }), description: t('school.detail.withdrawText'), cancelLabel: t('school.detail.keep') } },
                    ]}
                  />
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </CardSection>

      <CardSection title={t('school.detail.enrol')} intro={t('school.detail.enrolIntro')} bodyClassName="space-y-2">
        <ResidentFinder q={data.q} day={data.day} found={data.found} testId="school-resident-matches" choose={(r) => (
            <Form method="post" noValidate>
              <CsrfInput />
              <input type="hidden" name="courseId" value={course.id} />
              <input type="hidden" name="residentId" value={r.id} />
              <Button type="submit" name="intent" value="enrol" size="sm" variant="secondary" disabled={busy}>
                {t('school.detail.choose')}
              </Button>
            </Form>
          )}
        />
      </CardSection>

      <CardSection title={t('school.detail.attendance')} intro={t('school.detail.present', { n: present.size })} bodyClassName="space-y-3" data-testid="school-attendance">
        <PeriodForm period="day" value={data.day} label={t('school.detail.day')} />
        {/* The sheet students sign by hand in class (issue 19's trial had none to print): a PDF of the day's class. */}
        {data.classDay ? (
          <a href={`/community/school/courses/${course.id}/sign-in?day=${data.day}`} download className="inline-block text-sm text-brand-700 underline" data-testid="school-sign-in-sheet">
            {t('school.detail.signInSheet', { day: data.day })}
          </a>
        ) : null}
        {/* Attendance only on a day the course meets (the server refuses others: school.day.notClass). */}
        {!data.classDay ? (
          <p className="text-sm text-amber-700" data-testid="school-not-class-day">
            {t('school.detail.notClassDay', { day: data.day, weekday: t(`school.weekdays.${course.weekday}` as 'school.weekdays.1'), from: data.term.startsOn, to: data.term.endsOn })}
          </p>
        ) : !data.attendanceOpen ? (
          // A class still to come: nothing to mark yet (the server refuses it: school.day.notYet).
          <p className="text-sm text-amber-700" data-testid="school-not-yet">
            {t('school.detail.notYet', { day: data.day, opensAt: data.attendanceOpensAt })}
          </p>
        ) : null}
        <div data-testid="school-attendance-error" className="empty:hidden">
          {alert('attendance')}
          {alert('scan')}
        </div>
        {canUpdate && data.classDay && data.attendanceOpen ? (
          <Form key={resetKey('scan')} {...check('scan')} method="post" noValidate className="flex flex-wrap items-end gap-2">
            <CsrfInput />
            <input type="hidden" name="intent" value="scan" />
            <input type="hidden" name="courseId" value={course.id} />
            <input type="hidden" name="day" value={data.day} />
            <Field id="code" label={t('school.detail.code')} hint={t('school.detail.codeHint')} error={err('scan', 'code')} className="min-w-0 flex-1">
              <Input name="code" autoComplete="off" className="h-9 text-sm" />
            </Field>
            <Button type="submit" size="sm" disabled={busy}>
              {t('school.detail.scan')}
            </Button>
          </Form>
        ) : null}
        {!data.classDay || !data.attendanceOpen ? null : enrolled.length === 0 ? (
          <p className="text-sm text-slate-500">{t('school.detail.noneEnrolled')}</p>
        ) : (
          <Form {...check('attendance')} method="post" noValidate className="space-y-2">
            <CsrfInput />
            <input type="hidden" name="intent" value="attendance" />
            <input type="hidden" name="courseId" value={course.id} />
            <input type="hidden" name="day" value={data.day} />
            <ul className="grid gap-1 text-sm sm:grid-cols-2">
              {enrolled.map((e) => (
                <li key={e.id}>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name="residentIds" value={e.residentId} defaultChecked={present.has(e.residentId)} className="h-4 w-4" />
                    <span data-testid="school-attendance-person">
                      {e.nameHint} <span className="text-xs text-slate-500">{tellApart(t, e)}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {canUpdate ? (
              <Button type="submit" size="sm" disabled={busy}>
                {t('school.detail.save')}
              </Button>
            ) : null}
          </Form>
        )}
      </CardSection>
    </div>
  );
}
