import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { yuan } from '@shequ/domain';
import { getMySchool } from '@shequ/use-cases';
import { mySchoolFormSchema } from '@shequ/use-cases/schemas';
import { PersonSwitcher } from '~/components/my-page/person-switcher.tsx';
import { NotConfirmedYet } from '~/components/my-page/not-confirmed.tsx';
import { MyPageHeader } from '~/components/my-page/my-page-header.tsx';
import { Button } from '~/components/ui/button.tsx';
import { ActionButtons } from '~/components/ui/action-buttons.tsx';
import { PostButton } from '~/components/ui/post-form.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { takeEnrolmentStep } from '~/routes/community+/school.server.ts';
import { actOnMyPage, loadMyPage } from './c.$slug.me.server.ts';

export const meta = pageTitle('school.resident.title');

// The senior school on "我的" (issue 19, decision 043): a resident enrols themselves or a parent (?for=), joins a
// waiting list when a course is full, accepts or declines a place offered from it before the offer runs out, and
// withdraws. At 360 px and in large-text mode.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadMyPage(request, params.slug, (tx, caller, forResidentId) => getMySchool(tx, caller, { forResidentId }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return actOnMyPage(request, params.slug, mySchoolFormSchema, 'school.resident.invalid', async (tx, sc, v) => {
    const [key, values] = await takeEnrolmentStep(tx, sc, v);
    return [`school.${key}`, values] as const;
  });
}

const clock = (iso: string, lang: string) => new Date(iso).toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

export default function MySchoolPage() {
  const { t, i18n } = useTranslation();
  const { slug, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  if (!page) return <NotConfirmedYet title={t('school.resident.title')} text={t('school.resident.pending')} />;
  const self = `/c/${slug}/me/school${page.person.self ? '' : `?for=${page.person.id}`}`;
  const when = (c: { weekday: number; startsAt: string; endsAt: string; room: string }) => t('school.when', { weekday: t(`school.weekdays.${c.weekday}` as 'school.weekdays.1'), from: c.startsAt, to: c.endsAt, room: c.room });
  const offers = page.enrolments.filter((e) => e.status === 'offered');
  const endedText = (e: (typeof page.ended)[number]) => `${t(`me.ended.${e.status}`)}${e.endedBy ? t(`me.ended.by.${e.endedBy}`, { name: page.person.nameHint }) : ''}`;
  return (
    <div className="space-y-4">
      <MyPageHeader title={t('school.resident.title')} back={{ to: `/c/${slug}/me`, label: t('me.title') }} error={result} errorTestId="my-school-error" />
      <PersonSwitcher path={`/c/${slug}/me/school`} people={page.people} current={page.person.id} />

      {offers.map((o) => (
        <div key={o.id} className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="my-school-offer">
          <p className="text-amber-900">{t('school.resident.offer', { course: o.title, time: o.offerExpiresAt ? clock(o.offerExpiresAt, i18n.language) : '' })}</p>
          <ActionButtons
            action={self}
            size="lg"
            className="gap-2"
            allowed={{ accept: true, decline: true }}
            hiddenFields={{ enrolmentId: o.id }}
            busy={busy}
            actions={[
              { intent: 'accept', label: t('school.resident.accept'), testId: 'my-school-accept' },
              { intent: 'decline', label: t('school.resident.decline'), variant: 'secondary', testId: 'my-school-decline', confirm: { title: t('school.resident.declineTitle', { course: o.title }), description: t('school.resident.declineText'), confirmLabel: t('school.resident.declineYes'), cancelLabel: t('school.resident.keep') } },
            ]}
          />
        </div>
      ))}

      <section className="space-y-3">
        <h2 className="text-lg font-semibold text-slate-900">{t('school.resident.courses')}</h2>
        {page.courses.length === 0 ? <p className="text-slate-600">{t('school.resident.noCourses')}</p> : null}
        <ul className="space-y-3">
          {page.courses.map((c) => (
            <li key={c.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="my-school-course" data-course={c.title}>
              <h3 className="text-lg font-semibold text-slate-900">{c.title}</h3>
              <p className="mt-1 text-slate-700">{when(c)}</p>
              <p className="text-slate-600">
                {c.teacher ? `${t('school.resident.teacher', { name: c.teacher })} · ` : ''}
                {c.feeCents ? t('school.fee', { fee: yuan(c.feeCents) }) : t('school.free')}
              </p>
              {/* A place that went (withdrawn, declined) says by whom, until the person asks again (issue 19's review). */}
              {!c.mine && page.ended.some((e) => e.courseId === c.id) ? (
                <p className="mt-2 text-slate-700" data-testid="my-school-ended">
                  {endedText(page.ended.find((e) => e.courseId === c.id)!)}
                </p>
              ) : null}
              {c.mine ? (
                <div className="mt-3 flex flex-wrap items-center gap-3">
                  <Badge tone={c.mine.status === 'enrolled' ? 'success' : 'progress'} data-testid="my-school-status">
                    {c.mine.status === 'waiting' ? t('school.resident.position', { n: c.mine.position ?? 1 }) : t(`school.statuses.${c.mine.status}`)}
                  </Badge>
                  <PostButton action={self} intent="withdraw" hiddenFields={{ enrolmentId: c.mine.id }} size="md" variant="secondary" busy={busy} data-testid="my-school-withdraw" confirm={{ title: t('school.resident.withdrawTitle', { course: c.title }), description: page.person.self ? t('school.resident.withdrawText') : t('school.resident.withdrawTextFor', { name: page.person.nameHint }), confirmLabel: t('school.resident.withdrawYes'), cancelLabel: t('school.resident.keep') }}>
                    {t('school.resident.withdraw')}
                  </PostButton>
                </div>
              ) : (
                <Form method="post" action={self} noValidate className="mt-3 space-y-2">
                  <input type="hidden" name="intent" value="enrol" />
                  <input type="hidden" name="courseId" value={c.id} />
                  <input type="hidden" name="residentId" value={page.person.id} />
                  {c.rule !== 'first_come' && !c.allocated ? (
                    <p className="text-slate-600">{t('school.resident.applyRule', { rule: t(`school.rules.${c.rule}`) })}</p>
                  ) : c.placesLeft > 0 && c.waiting === 0 ? (
                    <p className="text-slate-600">{t('school.resident.placesLeft', { n: c.placesLeft })}</p>
                  ) : (
                    <p className="text-amber-700">{t('school.resident.full', { n: c.waiting })}</p>
                  )}
                  <Button type="submit" size="lg" className="w-full" disabled={busy} data-testid="my-school-enrol">
                    {c.rule === 'first_come' || c.allocated ? (c.placesLeft > 0 && c.waiting === 0 ? t('school.resident.apply') : t('school.resident.applyWaiting')) : t('school.resident.apply')}
                  </Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
