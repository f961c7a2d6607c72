import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { tenantUsage } from '@shequ/use-cases';
import { Card } from '~/components/ui/card.tsx';
import { db } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('usage.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const { ability } = await requireActor(request, 'operator');
  return { rows: await guard(() => tenantUsage(db, ability)) };
}

function size(bytes: number) {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default function UsagePage() {
  const { t, i18n } = useTranslation();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{t('usage.title')}</h1>
        <p className="mt-1 text-sm text-slate-500">{t('usage.intro')}</p>
      </div>
      <Card className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="usage-table">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {(['community', 'status', 'staff', 'casesThisMonth', 'storage', 'lastActivity'] as const).map((c) => (
                <th key={c} scope="col" className="whitespace-nowrap px-4 py-2 font-medium">
                  {t(`usage.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="px-4 py-2 font-medium text-slate-900">
                  {r.name}
                  {r.inactive ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">{t('usage.inactive')}</span> : null}
                </td>
                <td className="px-4 py-2 text-slate-600">{t(`operatorConsole.status.${r.status}`)}</td>
                <td className="px-4 py-2 tabular-nums">{r.staff}</td>
                <td className="px-4 py-2 tabular-nums">{r.casesThisMonth}</td>
                <td className="px-4 py-2 tabular-nums">{size(r.storageBytes)}</td>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-500">
                  {r.lastActivity ? new Date(r.lastActivity).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }) : t('usage.never')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
