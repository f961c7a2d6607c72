import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { and, asc, eq } from 'drizzle-orm';
import { useTranslation } from 'react-i18next';
import { z } from '~/lib/validation.ts';
import { chinaDayEnd, chinaDayStart } from '@shequ/domain';
import { isUuid, orgUnits, withoutTenant, withTenant } from '@shequ/db';
import { assertCan, ForbiddenError } from '@shequ/permissions';
import { listAuditEvents } from '@shequ/use-cases';
import { Button } from '~/components/ui/button.tsx';
import { Card } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { optionalDay, optionalId, optionalText } from '~/lib/query-params.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('auditLog.title');

const query = z.object({ community: optionalId, action: optionalText(60), from: optionalDay, to: optionalDay });

// Operators read one community's audit log at a time, inside that community's tenant context.
export async function loader({ request }: LoaderFunctionArgs) {
  const { ability } = await requireActor(request, 'operator');
  await guard(() => assertCan(ability, 'read', 'AuditLog'));
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const communities = await withoutTenant(db, (tx) =>
    tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.kind, 'community'))).orderBy(asc(orgUnits.adminCode), asc(orgUnits.name)),
  );
  const chosen = isUuid(q.community) && communities.some((c) => c.id === q.community) ? q.community : null;
  if (!chosen) return { communities, query: q, events: null };
  try {
    const events = await withTenant(db, chosen, (tx) =>
      listAuditEvents(tx, ability, chosen, {
        action: q.action,
        from: q.from ? chinaDayStart(q.from) : null,
        to: q.to ? chinaDayEnd(q.to) : null,
      }),
    );
    return { communities, query: q, events };
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { communities, query: q, events } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">{t('auditLog.title')}</h1>
      <Form method="get" className="grid items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5">
        <label className="text-sm text-slate-600 sm:col-span-2">
          {t('auditLog.community')}
          <select name="community" defaultValue={q.community ?? ''} className="mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm">
            <option value="">{t('auditLog.chooseCommunity')}</option>
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm text-slate-600">
          {t('auditLog.action')}
          <Input name="action" defaultValue={q.action ?? ''} className="mt-1 h-9 text-sm" />
        </label>
        <label className="text-sm text-slate-600">
          {t('cases.from')}
          <Input type="date" name="from" defaultValue={q.from ?? ''} className="mt-1 h-9 text-sm" />
        </label>
        <div className="flex items-end gap-2">
          <label className="flex-1 text-sm text-slate-600">
            {t('cases.to')}
            <Input type="date" name="to" defaultValue={q.to ?? ''} className="mt-1 h-9 text-sm" />
          </label>
          <Button size="sm">{t('auditLog.filter')}</Button>
        </div>
      </Form>
      {events === null ? null : events.length === 0 ? (
        <EmptyState title={t('auditLog.empty')} />
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                {(['at', 'actor', 'action', 'subject'] as const).map((c) => (
                  <th key={c} scope="col" className="px-4 py-2 font-medium">
                    {t(`auditLog.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-500">{new Date(e.at).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai' })}</td>
                  <td className="px-4 py-2">{e.actor ?? '—'}</td>
                  <td className="px-4 py-2">{i18n.exists(`auditLog.actions.${e.action}`) ? t(`auditLog.actions.${e.action}` as never) : e.action}</td>
                  <td className="px-4 py-2 font-mono text-xs text-slate-500">
                    {e.subjectType} {e.subjectId?.slice(0, 8)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
