import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { useTranslation } from 'react-i18next';
import { orgUnits, withoutTenant } from '@shequ/db';
import { subject } from '@shequ/permissions';
import { Card, CardHeader, CardTitle } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { db } from '~/lib/db.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('nav.overview');

const street = alias(orgUnits, 'street');

// Street and district officers see the communities below them (hierarchy only: no tenant rows cross this page).
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  const ws = actor.workspace;
  const scope =
    ws.role === 'street_officer' ? eq(orgUnits.streetId, ws.orgUnitId!) : ws.role === 'district_officer' ? eq(orgUnits.districtId, ws.orgUnitId!) : null;
  const rows = scope
    ? await withoutTenant(db, (tx) =>
        tx
          .select({
            id: orgUnits.id,
            name: orgUnits.name,
            code: orgUnits.adminCode,
            status: orgUnits.status,
            profile: orgUnits.profile,
            streetId: orgUnits.streetId,
            districtId: orgUnits.districtId,
            streetName: street.name,
          })
          .from(orgUnits)
          .leftJoin(street, eq(street.id, orgUnits.streetId))
          .where(and(eq(orgUnits.kind, 'community'), scope))
          .orderBy(asc(orgUnits.adminCode)),
      )
    : [];
  // Defence in depth: the ability must agree with the query for every row shown.
  const visible = rows.filter((r) => ability.can('read', subject('Community', { id: r.id, streetId: r.streetId!, districtId: r.districtId! })));
  return {
    unit: ws.orgUnitName,
    communities: visible.map(({ id, name, code, status, profile, streetName }) => ({ id, name, code, status, residents: profile.residents ?? null, streetName })),
  };
}

export default function OrgOverview() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900" data-testid="console-title">
          {t('console.org.title', { unit: data.unit })}
        </h1>
        <p className="mt-1 text-sm text-slate-500">{t('console.org.intro')}</p>
      </div>
      {data.communities.length === 0 ? (
        <EmptyState title={t('common.empty')} />
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>{t('console.org.communities')}</CardTitle>
          </CardHeader>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">{t('orgKinds.community')}</th>
                  <th scope="col" className="px-5 py-2 font-medium">{t('console.org.street')}</th>
                  <th scope="col" className="px-5 py-2 font-medium">{t('console.org.code')}</th>
                  <th scope="col" className="px-5 py-2 text-right font-medium">{t('console.org.residents')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.communities.map((c) => (
                  <tr key={c.id}>
                    <td className="px-5 py-2 font-medium text-slate-900">{c.name}</td>
                    <td className="px-5 py-2 text-slate-700">{c.streetName}</td>
                    <td className="px-5 py-2 tabular-nums text-slate-500">{c.code ?? '—'}</td>
                    <td className="px-5 py-2 text-right tabular-nums text-slate-700">{c.residents?.toLocaleString() ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </div>
  );
}
