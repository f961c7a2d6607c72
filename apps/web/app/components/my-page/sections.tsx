import type { ComponentType } from 'react';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { type CaseStatus, formatTrackingCode } from '@shequ/domain';

/**
 * How each section of "我的" looks (decision 035), by the key its loader has in MY_PAGE_SECTIONS
 * (packages/use-cases/src/resident-access/my-page.ts). To add a section: register its loader there, then its
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each section's data has its own shape
export const MY_PAGE_SECTION_VIEWS: Record<string, ComponentType<MySectionProps<any>>> = {
  myWishes: MyWishes,
};
