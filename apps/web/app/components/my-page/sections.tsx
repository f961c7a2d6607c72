import type { ComponentType, ReactNode } from 'react';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { type CaseStatus, formatTrackingCode, type MealBookingStatus, yuan } from '@shequ/domain';
import { MyVolunteering } from './my-volunteering.tsx';

/**
 * How each section of "我的" looks (decision 035), by the key its loader has in MY_PAGE_SECTIONS
 * (packages/use-cases/src/resident-access/get-my-page.ts). To add a section: register its loader there, then its
 * component here under the same key, with words under `me.sections.<key>`. A section with no component here is not
 * shown. Components get the loader's data (dates as strings) and the community's slug, and must fit 360 px.
 */
export type MySectionProps<T> = { data: T; slug: string };

type WishItem = { trackingCode: string; category: string; excerpt: string; status: CaseStatus; createdAt: string; rating: number | null; awaitsRating: boolean };

function MyWishes({ data, slug }: MySectionProps<WishItem[]>) {
  const { t, i18n } = useTranslation();
  if (!data.length) return <p className="text-slate-500">{t('me.sections.myWishes.empty')}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="my-wishes">
      {data.map((w) => {
        const code = formatTrackingCode(w.trackingCode);
        return (
          <li key={w.trackingCode} className="py-3" data-testid="my-wish">
            <p className="break-words text-slate-900">{w.excerpt}</p>
            <p className="mt-1 text-sm text-slate-500">
              {w.category} · {t('me.sections.myWishes.submittedAt', { date: new Date(w.createdAt).toLocaleDateString(i18n.language, { timeZone: 'Asia/Shanghai' }) })}
            </p>
            <p className="mt-1 font-medium text-brand-800">{t(`resident.status.${w.status}`, { street: '', department: '' })}</p>
            <div className="mt-2 flex flex-wrap items-center gap-3">
              <Link to={`/c/${slug}/track/${code}`} className="rounded-md border border-brand-600 px-3 py-1.5 text-brand-700">
                {w.awaitsRating ? t('me.sections.myWishes.rate') : t('me.sections.myWishes.view')}
              </Link>
              {w.rating ? <span className="text-sm text-amber-700">{t('me.sections.myWishes.rated', { n: w.rating })}</span> : null}
              <span className="font-mono text-xs text-slate-400">{code}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A feature's section of "我的" (`section`: its key, whose words are me.sections.<key>.pending/.empty and whose list
 * is marked data-testid my-<name>): not yet ready (no record in the register), else its list (`items`, each drawn by
 * `item` as an <li>) or the empty line, and the links to the feature's own page below.
 */
function SectionList<T>({ section, ready, items, item, links }: { section: 'myMeals' | 'mySchool' | 'myServices'; ready: boolean; items: T[]; item: (x: T) => ReactNode; links: ReactNode }) {
  const { t } = useTranslation();
  if (!ready) return <p className="text-slate-500">{t(`me.sections.${section}.pending`)}</p>;
  return (
    <div className="space-y-3">
      {items.length ? (
        <ul className="divide-y divide-slate-100" data-testid={section.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}>
          {items.map(item)}
        </ul>
      ) : (
        <p className="text-slate-500">{t(`me.sections.${section}.empty`)}</p>
      )}
      {links}
    </div>
  );
}

/** One booking in a section: when and what (and for whom, when not the resident), then its state. */
function BookingLine({ booking, what, state, testId }: { booking: { nameHint: string; self: boolean }; what: string; state: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-wrap justify-between gap-2 py-2" data-testid={testId}>
      <span>
        {what}
        {booking.self ? '' : t('me.sections.myMeals.forFamily', { name: booking.nameHint })}
      </span>
      <span className="text-slate-700">{state}</span>
    </li>
  );
}

/** The section's main link (to the feature's page), as a button. */
function OpenLink({ to, testId, children }: { to: string; testId?: string; children: ReactNode }) {
  return (
    <Link to={to} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-white" data-testid={testId}>
      {children}
    </Link>
  );
}

type MealItem = { id: string; nameHint: string; self: boolean; day: string; sitting: string; status: MealBookingStatus; position: number | null; payCents: number };

/** Meal help (issue 19): the coming days' booked meals of the resident and their family, a link to book and the card. */
function MyMeals({ data, slug }: MySectionProps<{ ready: boolean; bookings: MealItem[] }>) {
  const { t, i18n } = useTranslation();
  return (
    <SectionList
      section="myMeals"
      ready={data.ready}
      items={data.bookings}
      item={(b) => (
        <BookingLine
          key={b.id}
          testId="my-meal"
          booking={b}
          what={`${new Date(`${b.day}T12:00:00+08:00`).toLocaleDateString(i18n.language, { month: 'long', day: 'numeric', weekday: 'short', timeZone: 'Asia/Shanghai' })} · ${b.sitting}`}
          state={`${b.status === 'waiting' ? t('meals.resident.waitingAt', { n: b.position ?? 1 }) : t(`meals.statuses.${b.status}`)} · ${t('meals.resident.pay', { pay: yuan(b.payCents) })}`}
        />
      )}
      links={
        <div className="flex flex-wrap gap-3">
          <Link to={`/c/${slug}/me/meals`} className="rounded-md bg-brand-600 px-4 py-2 text-white" data-testid="my-meals-book">
            {t('me.sections.myMeals.book')}
          </Link>
          <Link to={`/c/${slug}/me/meals#card`} className="rounded-md border border-brand-600 px-4 py-2 text-brand-700">
            {t('me.sections.myMeals.card')}
          </Link>
        </div>
      }
    />
  );
}

type SchoolItem = { id: string; nameHint: string; self: boolean; title: string; weekday: number; startsAt: string; endsAt: string; room: string; status: string; position: number | null };

/** The senior school (issue 19): the courses the resident and their family study, wait for or are offered. */
function MySchool({ data, slug }: MySectionProps<{ ready: boolean; enrolments: SchoolItem[] }>) {
  const { t } = useTranslation();
  return (
    <SectionList
      section="mySchool"
      ready={data.ready}
      items={data.enrolments}
      item={(e) => (
        <li key={e.id} className="py-2" data-testid="my-school-item">
          <p className="text-slate-900">
            {e.title}
            {e.self ? '' : t('me.sections.myMeals.forFamily', { name: e.nameHint })}
          </p>
          <p className="text-sm text-slate-600">
            {t('school.when', { weekday: t(`school.weekdays.${e.weekday}` as 'school.weekdays.1'), from: e.startsAt, to: e.endsAt, room: e.room })} ·{' '}
            <span className={e.status === 'offered' ? 'font-medium text-amber-700' : ''}>{e.status === 'waiting' ? t('school.resident.position', { n: e.position ?? 1 }) : t(`school.statuses.${e.status}` as 'school.statuses.enrolled')}</span>
          </p>
        </li>
      )}
      links={
        <OpenLink to={`/c/${slug}/me/school`} testId="my-school-open">
          {t('me.sections.mySchool.open')}
        </OpenLink>
      }
    />
  );
}

type ServiceItem = { id: string; nameHint: string; self: boolean; service: string; startsAt: string; status: string };

/** The station's services (issue 19): the coming services booked for the resident and their family. */
function MyServices({ data, slug }: MySectionProps<{ ready: boolean; bookings: ServiceItem[] }>) {
  const { t, i18n } = useTranslation();
  return (
    <SectionList
      section="myServices"
      ready={data.ready}
      items={data.bookings}
      item={(b) => (
        <BookingLine
          key={b.id}
          booking={b}
          what={`${new Date(b.startsAt).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' })} · ${b.service}`}
          state={t(`services.statuses.${b.status}` as 'services.statuses.confirmed')}
        />
      )}
      links={
        <OpenLink to={`/c/${slug}/me/services`} testId="my-services-open">
          {t('me.sections.myServices.open')}
        </OpenLink>
      }
    />
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each section's data has its own shape
export const MY_PAGE_SECTION_VIEWS: Record<string, ComponentType<MySectionProps<any>>> = {
  myMeals: MyMeals,
  myServices: MyServices,
  mySchool: MySchool,
  myWishes: MyWishes,
  myVolunteering: MyVolunteering,
};
