import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { addDays, chinaDate, MEAL_MODES, yuan } from '@shequ/domain';
import { bookMeal, cancelMealBooking, getMyMeals } from '@shequ/use-cases';
import { myMealFormSchema } from '@shequ/use-cases/schemas';
import { PersonSwitcher } from '~/components/my-page/person-switcher.tsx';
import { NotConfirmedYet } from '~/components/my-page/not-confirmed.tsx';
import { EndedRows, MyCard, MyRows } from '~/components/my-page/my-card.tsx';
import { MyPageHeader } from '~/components/my-page/my-page-header.tsx';
import { Button } from '~/components/ui/button.tsx';
import { PostButton } from '~/components/ui/post-form.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { qrSvg } from '~/lib/qr.server.ts';
import { actOnMyPage, loadMyPage } from './c.$slug.me.server.ts';

export const meta = pageTitle('meals.resident.title');

// Meal help on "我的" (issue 19, decisions 035 and 038): a resident books the next days' meals for themselves or a
// parent (?for=<register id>), sees the price after subsidy before booking, cancels before the cut-off, and shows
// the meal card the counter scans. At 360 px and in large-text mode.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug, page } = await loadMyPage(request, params.slug, (tx, caller, forResidentId) => getMyMeals(tx, caller, { forResidentId, cipher: caseDeps.cipher }));
  return { slug, page, cardSvg: page ? await qrSvg(page.card) : null, today: chinaDate(new Date()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return actOnMyPage(request, params.slug, myMealFormSchema, 'meals.resident.invalid', async (tx, mc, v) => {
    if (v.intent === 'cancel') {
      await cancelMealBooking(tx, mc, v);
      return ['meals.cancel', {}] as const;
    }
    const b = await bookMeal(tx, mc, v);
    return b.status === 'waiting' ? (['meals.waiting', { n: b.position ?? 1 }] as const) : (['meals.booked', { pay: yuan(b.payCents), subsidy: yuan(b.subsidyCents) }] as const);
  });
}

/** A day as residents read it: 今天 / 明天, or 12月3日 周四. */
function useDayLabel(today: string) {
  const { t, i18n } = useTranslation();
  return (day: string) => {
    const date = new Date(`${day}T12:00:00+08:00`).toLocaleDateString(i18n.language, { month: 'long', day: 'numeric', weekday: 'short', timeZone: 'Asia/Shanghai' });
    if (day === today) return `${t('meals.resident.today')} · ${date}`;
    if (day === addDays(today, 1)) return `${t('meals.resident.tomorrow')} · ${date}`;
    return date;
  };
}

const clock = (iso: string, lang: string) => new Date(iso).toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

export default function MyMealsPage() {
  const { t, i18n } = useTranslation();
  const { slug, page, cardSvg, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const dayLabel = useDayLabel(today);
  if (!page) {
    return (
      <NotConfirmedYet title={t('meals.resident.title')} text={t('meals.resident.pending')}>
        <Link to={`/c/${slug}/me`} className="text-brand-700 underline">
          {t('me.title')}
        </Link>
      </NotConfirmedYet>
    );
  }
  const forParam = page.person.self ? '' : `?for=${page.person.id}`;
  return (
    <div className="space-y-4">
      <MyPageHeader title={t('meals.resident.title')} back={{ to: `/c/${slug}/me`, label: t('me.title') }} error={result} errorTestId="my-meal-error" />

      <PersonSwitcher path={`/c/${slug}/me/meals`} people={page.people} current={page.person.id} />
      {!page.person.self ? <p className="font-medium text-brand-800">{t('meals.resident.bookingFor', { name: page.person.nameHint })}</p> : null}

      {page.offers.length ? (
        <ul className="space-y-3">
          {page.offers.map((o) => (
            <li key={`${o.day}-${o.sittingId}`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={`my-meal-offer-${o.day}`}>
              <h2 className="text-lg font-semibold text-slate-900">
                {dayLabel(o.day)} · {o.name}
              </h2>
              <p className="mt-1 break-words text-slate-600">{o.dishes.length ? t('meals.resident.dishes', { dishes: o.dishes.join('、') }) : t('meals.resident.noDishes')}</p>
              {/* The price and subsidy in the normal text colour: the brand red read as an error. */}
              <div className="mt-3 rounded-lg border border-slate-200 bg-slate-50 p-3 text-slate-900" data-testid="my-meal-quote">
                <p>
                  {t('meals.resident.price', { price: yuan(o.priceCents) })}
                  {o.subsidyCents ? ` · ${t('meals.resident.subsidy', { subsidy: yuan(o.subsidyCents), category: o.category ?? '' })}` : ''}
                </p>
                <p className="mt-1 text-xl font-semibold">{t('meals.resident.youPay', { pay: yuan(o.payCents) })}</p>
              </div>
              <p className="mt-2 text-sm text-slate-500">{t('meals.resident.cutoff', { time: clock(o.cutoffAt, i18n.language) })}</p>
              {o.booking ? (
                <div className="mt-3 flex flex-wrap items-center gap-3">
                  <Badge tone={o.booking.status === 'waiting' ? 'progress' : 'success'} data-testid="my-meal-status">
                    {o.booking.status === 'waiting' ? t('meals.resident.waitingAt', { n: o.booking.position ?? 1 }) : t(`meals.statuses.${o.booking.status}`)}
                  </Badge>
                  {o.booking.status === 'booked' || o.booking.status === 'waiting' ? (
                    // Asked first (elders, large text): a stray tap must not drop a meal.
                    <PostButton action={`/c/${slug}/me/meals${forParam}`} intent="cancel" hiddenFields={{ bookingId: o.booking.id }} size="lg" variant="secondary" busy={busy} data-testid="my-meal-cancel" confirm={{ title: t('meals.resident.cancelTitle'), description: page.person.self ? t('meals.resident.cancelText', { meal: `${dayLabel(o.day)} · ${o.name}` }) : t('meals.resident.cancelTextFor', { meal: `${dayLabel(o.day)} · ${o.name}`, name: page.person.nameHint }), confirmLabel: t('meals.resident.cancelYes'), cancelLabel: t('meals.resident.cancelNo') }}>
                      {t('meals.resident.cancel')}
                    </PostButton>
                  ) : null}
                </div>
              ) : (
                <Form method="post" action={`/c/${slug}/me/meals${forParam}`} noValidate className="mt-3 space-y-3">
                  <input type="hidden" name="intent" value="book" />
                  <input type="hidden" name="residentId" value={page.person.id} />
                  <input type="hidden" name="sittingId" value={o.sittingId} />
                  <input type="hidden" name="day" value={o.day} />
                  {/* Full or not, said before booking (issue 19's trial learnt it only after 预订). */}
                  {o.placesLeft === 0 ? (
                    <p className="text-amber-700" data-testid="my-meal-full">
                      {t('meals.resident.full', { n: o.waiting, next: o.waiting + 1 })}
                    </p>
                  ) : (
                    <p className="text-slate-600" data-testid="my-meal-places">
                      {t('meals.resident.placesLeft', { n: o.placesLeft })}
                    </p>
                  )}
                  <fieldset className="flex flex-wrap gap-4">
                    <legend className="mb-1 text-sm text-slate-600">{t('meals.resident.mode')}</legend>
                    {MEAL_MODES.map((m) => (
                      <label key={m} className="flex items-center gap-2 text-slate-800">
                        <input type="radio" name="mode" value={m} defaultChecked={m === 'dine_in'} className="h-5 w-5" />
                        {t(`meals.modes.${m}`)}
                      </label>
                    ))}
                  </fieldset>
                  {/* Diets, as staff may ask for them (软食, 低盐 …; several at once): the kitchen sheet counts each. */}
                  <fieldset className="flex flex-wrap gap-x-4 gap-y-2" data-testid="my-meal-diet">
                    <legend className="mb-1 text-sm text-slate-600">{t('meals.resident.diet')}</legend>
                    {page.diets.map((d) => (
                      <label key={d} className="flex items-center gap-2 text-slate-800">
                        <input type="checkbox" name="diets" value={d} className="h-5 w-5" />
                        {d}
                      </label>
                    ))}
                  </fieldset>
                  <Button type="submit" size="lg" className="w-full" disabled={busy} data-testid="my-meal-book">
                    {o.placesLeft === 0 ? t('meals.resident.joinWaiting') : t('meals.resident.book')}
                  </Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-slate-600">{t('meals.resident.noOffers')}</p>
      )}

      <MyCard title={t('meals.resident.upcoming')}>
        <MyRows rows={page.bookings} testId="my-meal-bookings" empty={t('meals.resident.noUpcoming')} row={(b) => [
            `${dayLabel(b.day)} · ${b.sitting} · ${t(`meals.modes.${b.mode}`)}${b.diets.length ? ` · ${b.diets.join('、')}` : ''}`,
            <span key="state" className="flex flex-wrap items-center gap-2 text-slate-700">
              <span>
                {b.status === 'waiting' ? t('meals.resident.waitingAt', { n: b.position ?? 1 }) : t(`meals.statuses.${b.status}`)} · {t('meals.resident.pay', { pay: yuan(b.payCents) })}
              </span>
              {/* Every booking that may still be cancelled has its 取消 here too, whether or not its day is among the
                  offers above (issue 19's tester saw a booking of a later day listed without one). */}
              {b.cancellable ? (
                <PostButton action={`/c/${slug}/me/meals${forParam}`} intent="cancel" hiddenFields={{ bookingId: b.id }} variant="secondary" busy={busy} data-testid="my-meal-booking-cancel" confirm={{ title: t('meals.resident.cancelTitle'), description: page.person.self ? t('meals.resident.cancelText', { meal: `${dayLabel(b.day)} · ${b.sitting}` }) : t('meals.resident.cancelTextFor', { meal: `${dayLabel(b.day)} · ${b.sitting}`, name: page.person.nameHint }), confirmLabel: t('meals.resident.cancelYes'), cancelLabel: t('meals.resident.cancelNo') }}>
                  {t('meals.resident.cancel')}
                </PostButton>
              ) : null}
            </span>,
          ]}
        />
        <EndedRows rows={page.ended.map((e) => ({ ...e, what: `${dayLabel(e.day)} · ${e.sitting} · ${t(`meals.modes.${e.mode}`)}` }))} name={page.person.nameHint} testId="my-meal-ended" />
      </MyCard>

      <MyCard id="card" title={t('meals.resident.myCard')} className="text-center" data-testid="my-meal-card">
        <p className="mt-1 text-slate-600">{t('meals.resident.cardHint')}</p>
        {/* The QR code is made on the server from the card code (qrcode's SVG: no script, no external reference). */}
        <div className="mx-auto mt-3 w-48 max-w-full" aria-hidden dangerouslySetInnerHTML={{ __html: cardSvg ?? '' }} />
        <p className="mt-1 font-medium text-slate-800">{page.person.nameHint}</p>
        <code className="mt-1 block break-all text-xs text-slate-500" data-testid="my-meal-card-code">
          {page.card}
        </code>
      </MyCard>
    </div>
  );
}
