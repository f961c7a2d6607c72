import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listOfficerCommunities } from '@shequ/use-cases';
import { DataTable } from '~/components/ui/data-table.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { withActor } from '~/lib/db.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';

// The officer's own workspace by name ("金源街道工作台"), as its heading says: not a bare 概览.
export const meta = pageTitle('console.org.title', null, (d) => ({ unit: (d as { unit?: string }).unit ?? '' }));

// Street and district officers see the communities below them (hierarchy only: no tenant rows cross this page).
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'org');
  return { unit: caller.actor.workspace.orgUnitName, communities: await withActor(caller.actor, (tx) => listOfficerCommunities(tx, caller)) };
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
