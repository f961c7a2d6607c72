import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDate } from '@shequ/domain';
import { withTenant } from '@shequ/db';
import { anonymousCaller, listPublicDecisions } from '@shequ/use-cases';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { db } from '~/lib/db.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { ResidentPage } from '~/components/resident-page.tsx';

export const meta = pageTitle('cogovernance.decisionsTitle');

// The community's public page of consultation decisions (决议公开, 结果公开): anyone, signed in or not.
export async function loader({ params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const decisions = await withTenant(db, community.id, (tx) => listPublicDecisions(tx, anonymousCaller(), { tenantId: community.id }));
  return { slug: community.slug, decisions };
}

export default function PublicDecisions() {
  const { t } = useTranslation();
  const { slug, decisions } = useLoaderData<typeof loader>();
  return (
    <ResidentPage title={t('cogovernance.decisionsTitle')} intro={t('cogovernance.decisionsIntro')}>
      {decisions.length ? (
        <ul className="space-y-3" data-testid="public-decisions">
          {decisions.map((d) => (
            <li key={d.token} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <Link to={`/c/${slug}/decisions/${d.token}`} className="break-words font-medium text-slate-900 underline">
                {d.title}
              </Link>
              <p className="mt-1 text-sm text-slate-600">
                {t(`cogovernance.status.${d.status}`)} · {t('cogovernance.progress', { n: d.progress })} · {chinaDate(new Date(d.publishedAt))}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-slate-500">{t('cogovernance.decisionsEmpty')}</p>
      )}
    </ResidentPage>
  );
}
