import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { yuan } from '@shequ/domain';
import { bookService, cancelServiceBooking, getMyServices } from '@shequ/use-cases';
import { myServicesFormSchema } from '@shequ/use-cases/schemas';
import { PersonSwitcher } from '~/components/my-page/person-switcher.tsx';
import { NotConfirmedYet } from '~/components/my-page/not-confirmed.tsx';
import { EndedRows, MyCard, MyRows } from '~/components/my-page/my-card.tsx';
import { MyPageHeader } from '~/components/my-page/my-page-header.tsx';
import { Button } from '~/components/ui/button.tsx';
import { PostButton } from '~/components/ui/post-form.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { actOnMyPage, loadMyPage } from './c.$slug.me.server.ts';

export const meta = pageTitle('services.resident.title');

// The station's services on "我的" (issue 19, decision 044): a resident requests a slot of 助浴, 助洁, 理疗 or 康复 for
// themselves or a parent (?for=) seeing what they pay after subsidy, and cancels before it starts. 360 px, large text.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadMyPage(request, params.slug, (tx, caller, forResidentId) => getMyServices(tx, caller, { forResidentId }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return actOnMyPage(request, params.slug, myServicesFormSchema, 'services.resident.invalid', async (tx, sc, v) => {
    if (v.intent === 'book') {
      const b = await bookService(tx, sc, v);
      return ['services.requested', { pay: yuan(b.payCents) }] as const;
    }
    await cancelServiceBooking(tx, sc, v);
    return ['services.cancel', {}] as const;
  });
}

const when = (iso: string, lang: string) => new Date(iso).toLocaleString(lang, { month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

export default function MyServicesPage() {
  const { t, i18n } = useTranslation();
  const { slug, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  if (!page) return <NotConfirmedYet title={t('services.resident.title')} text={t('services.resident.pending')} />;
  const self = `/c/${slug}/me/services${page.person.self ? '' : `?for=${page.person.id}`}`;
  return (
    <div className="space-y-4">
      <MyPageHeader title={t('services.resident.title')} back={{ to: `/c/${slug}/me`, label: t('me.title') }} error={result} errorTestId="my-service-error" />
      <PersonSwitcher path={`/c/${slug}/me/services`} people={page.people} current={page.person.id} />

      <MyCard title={t('services.resident.upcoming')}>
        <MyRows rows={page.bookings} testId="my-service-bookings" empty={t('services.resident.none')} row={(b) => [
            `${when(b.startsAt, i18n.language)} · ${b.service}${b.place ? ` · ${b.place}` : ''}`,
            <span key="state" className="flex items-center gap-2">
              <Badge tone={b.status === 'confirmed' ? 'success' : 'progress'}>{t(`services.statuses.${b.status}`)}</Badge>
              <PostButton action={self} intent="cancel" hiddenFields={{ bookingId: b.id }} variant="secondary" busy={busy} data-testid="my-service-cancel" confirm={{ title: t('services.resident.cancelTitle'), description: page.person.self ? t('services.resident.cancelText', { service: b.service, when: when(b.startsAt, i18n.language) }) : t('services.resident.cancelTextFor', { service: b.service, when: when(b.startsAt, i18n.language), name: page.person.nameHint }), confirmLabel: t('services.resident.cancelYes'), cancelLabel: t('services.resident.cancelNo') }}>
                {t('services.resident.cancel')}
              </PostButton>
            </span>,
          ]}
        />
        <EndedRows rows={page.ended.map((e) => ({ ...e, what: `${when(e.startsAt, i18n.language)} · ${e.service}${e.place ? ` · ${e.place}` : ''}` }))} name={page.person.nameHint} testId="my-service-ended" />
      </MyCard>

      <h2 className="text-lg font-semibold text-slate-900">{t('services.resident.services')}</h2>
      <ul className="space-y-3">
        {page.services.map((s) => (
          <li key={s.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="my-service">
            <h3 className="text-lg font-semibold text-slate-900">
              {s.name} <span className="text-base font-normal text-slate-500">· {t('services.minutes', { n: s.durationMinutes })}</span>
            </h3>
            {s.minAge ? (
              <p className={s.slots.some((x) => x.age !== 'ok') ? 'mt-1 text-amber-700' : 'mt-1 text-slate-600'} data-testid="my-service-min-age">
                {s.slots.some((x) => x.age === 'noBirth') ? t('services.resident.noBirth', { age: s.minAge }) : s.slots.some((x) => x.age === 'tooYoung') ? t('services.resident.tooYoung', { age: s.minAge }) : t('services.minAge', { age: s.minAge })}
              </p>
            ) : null}
            {s.assessmentDays && s.slots.some((x) => !x.assessmentOk) ? <p className="mt-1 text-amber-700">{t('services.resident.needsAssessment', { days: s.assessmentDays })}</p> : null}
            {s.slots.length === 0 ? <p className="mt-1 text-slate-500">{t('services.resident.noSlots')}</p> : null}
            <ul className="mt-2 space-y-2">
              {s.slots.map((slot) => (
                <li key={slot.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 p-2" data-testid="my-service-slot" data-slot={slot.id}>
                  <span>
                    {when(slot.startsAt, i18n.language)}
                    {slot.place ? ` · ${slot.place}` : ''}
                    <br />
                    {/* A price is information, not a warning: the normal text colour (the brand red read as an error). */}
                    <span className="font-medium text-slate-900" data-testid="my-service-pay">
                      {t('services.resident.pay', { pay: yuan(slot.payCents) })}
                    </span>
                    {slot.subsidyCents ? <span className="text-sm text-slate-600">{t('services.resident.subsidy', { subsidy: yuan(slot.subsidyCents) })}</span> : null}
                  </span>
                  {slot.booking ? (
                    <Badge tone="success">{t(`services.statuses.${slot.booking.status}`)}</Badge>
                  ) : slot.placesLeft === 0 ? (
                    <span className="text-slate-500">{t('services.resident.full')}</span>
                  ) : slot.assessmentOk && slot.age === 'ok' ? (
                    <Form method="post" action={self} noValidate>
                      <input type="hidden" name="intent" value="book" />
                      <input type="hidden" name="slotId" value={slot.id} />
                      <input type="hidden" name="residentId" value={page.person.id} />
                      <Button type="submit" disabled={busy} data-testid="my-service-book">
                        {t('services.resident.book')}
                      </Button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
