import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { tenantUsage } from '@shequ/use-cases';
import { DataTable } from '~/components/ui/data-table.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge, tenantStatusTone } from '~/components/ui/status-badge.tsx';
import { db } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('usage.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'operator');
  return { rows: await guard(() => tenantUsage(db, caller)) };
}

function size(bytes: number) {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default function UsagePage() {
  const { t, i18n } = useTranslation();
  const { rows } = useLoaderData<typeof loader>();
  const when = (iso: string | Date | null) => (iso ? new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }) : t('usage.never'));
  return (
    <div className="space-y-4">
      <PageHeader title={t('usage.title')} description={t('usage.intro')} />
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        data-testid="usage-table"
        columns={[
          {
            id: 'community',
            header: t('usage.community'),
            className: 'font-medium text-slate-900',
            sortValue: (r) => r.name,
            cell: (r) => (
              <>
                {r.name}
                {r.inactive ? (
                  <Badge tone="progress" className="ml-2">
                    {t('usage.inactive')}
                  </Badge>
                ) : null}
              </>
            ),
          },
          { id: 'status', header: t('usage.status'), sortValue: (r) => r.status, cell: (r) => <Badge tone={tenantStatusTone(r.status)}>{t(`operatorConsole.status.${r.status}`)}</Badge> },
          { id: 'staff', header: t('usage.staff'), className: 'tabular-nums', sortValue: (r) => r.staff, cell: (r) => r.staff },
          { id: 'casesThisMonth', header: t('usage.casesThisMonth'), className: 'tabular-nums', sortValue: (r) => r.casesThisMonth, cell: (r) => r.casesThisMonth },
          { id: 'storage', header: t('usage.storage'), className: 'tabular-nums', sortValue: (r) => r.storageBytes, cell: (r) => size(r.storageBytes) },
          { id: 'lastActivity', header: t('usage.lastActivity'), className: 'whitespace-nowrap tabular-nums text-slate-500', sortValue: (r) => (r.lastActivity ? new Date(r.lastActivity).getTime() : null), cell: (r) => when(r.lastActivity) },
        ]}
      />
    </div>
  );
}
