import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withTenant } from '@shequ/db';
import { anonymousCaller, listHonourWall } from '@shequ/use-cases';
import { db } from '~/lib/db.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { ResidentPage } from '~/components/resident-page.tsx';

export const meta = pageTitle('volunteers.wall.title');

// The community's honour wall (荣誉墙, issue 17): approved recognitions of volunteers who agreed to be shown, public,
// with masked names (the wall is open to anyone), star levels and citations. 360 px first.
export async function loader({ params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const wall = await withTenant(db, community.id, (tx) => listHonourWall(tx, anonymousCaller(), { tenantId: community.id }));
  return { community: community.name, wall };
}

export default function HonourWall() {
  const { t } = useTranslation();
  const { community, wall } = useLoaderData<typeof loader>();
  return (
    <ResidentPage title={t('volunteers.wall.title')} intro={t('volunteers.wall.intro', { community })}>
      {wall.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-slate-500">{t('volunteers.wall.empty')}</p>
      ) : (
        <ul className="space-y-3" data-testid="honour-wall">
          {wall.map((w) => (
            <li key={w.id} className="rounded-xl border border-amber-200 bg-amber-50 p-4 shadow-sm">
              <p className="text-lg font-semibold text-amber-900">
                {w.year} {w.title}
              </p>
              <p className="mt-1 text-slate-900">
                {w.nameHint} <span className="text-amber-600">{'★'.repeat(w.stars)}</span>
              </p>
              <p className="mt-2 break-words text-slate-700">{w.citation}</p>
            </li>
          ))}
        </ul>
      )}
    </ResidentPage>
  );
}
