import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { useTranslation } from 'react-i18next';
import { orgUnits, withoutTenant } from '@shequ/db';
import { subject } from '@shequ/permissions';
import { DataTable } from '~/components/ui/data-table.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
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
      <PageHeader titleTestId="console-title" title={t('console.org.title', { unit: data.unit })} description={t('console.org.intro')} />
      <section className="space-y-2">
        <h2 className="text-base font-semibold text-slate-900">{t('console.org.communities')}</h2>
        <DataTable
          rows={data.communities}
          rowKey={(c) => c.id}
          empty={t('common.empty')}
          columns={[
            { id: 'name', header: t('orgKinds.community'), className: 'font-medium text-slate-900', sortValue: (c) => c.name, cell: (c) => c.name },
            { id: 'street', header: t('console.org.street'), sortValue: (c) => c.streetName, cell: (c) => c.streetName },
            { id: 'code', header: t('console.org.code'), className: 'tabular-nums text-slate-500', sortValue: (c) => c.code, cell: (c) => c.code ?? '—' },
            { id: 'residents', header: t('console.org.residents'), className: 'tabular-nums sm:text-right', sortValue: (c) => c.residents, cell: (c) => c.residents?.toLocaleString() ?? '—' },
          ]}
        />
      </section>
    </div>
  );
}
