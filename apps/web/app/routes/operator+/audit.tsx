import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from '~/lib/validation.ts';
import { chinaDayEnd, chinaDayStart } from '@shequ/domain';
import { isUuid, withTenant } from '@shequ/db';
import { assertCan, ForbiddenError } from '@shequ/permissions';
import { listAuditActorNames, listAuditEvents, listOrgUnits } from '@shequ/use-cases';
import { Button } from '~/components/ui/button.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FilterPanel } from '~/components/ui/filter-panel.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { db, withMaintenance } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { optionalId, optionalText, queryFilterDay } from '~/lib/query-params.ts';
import { pageTitle } from '~/lib/meta.ts';
import { isMessageKey } from '~/lib/i18n.ts';

export const meta = pageTitle('auditLog.title');

const query = z.object({ community: optionalId, action: optionalText(60) });

// Operators read one community's audit log at a time, inside that community's tenant context.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'operator');
  const { ability } = caller;
  await guard(() => assertCan(ability, 'read', 'AuditLog'));
  // A day that is not a real one: the 400 page naming it (queryFilterDay), not every day quietly.
  const q = { ...query.parse(Object.fromEntries(new URL(request.url).searchParams)), from: queryFilterDay(request, 'from'), to: queryFilterDay(request, 'to') };
  const communities = (await guard(() => withMaintenance(caller.actor, 'audit log', (tx) => listOrgUnits(tx, caller, { kind: 'community' })))).map(({ id, name }) => ({ id, name }));
  const chosen = isUuid(q.community) && communities.some((c) => c.id === q.community) ? q.community : null;
  if (!chosen) return { communities, query: q, events: null };
  try {
    const events = await withTenant(db, chosen, (tx) =>
      listAuditEvents(tx, caller, {
        tenantId: chosen,
        action: q.action,
        from: q.from ? chinaDayStart(q.from) : null,
        to: q.to ? chinaDayEnd(q.to) : null,
      }),
    );
    const actorIds = events.flatMap((e) => (e.actorUserId && !e.actor ? [e.actorUserId] : []));
    const names = actorIds.length ? await withMaintenance(caller.actor, 'audit log', (tx) => listAuditActorNames(tx, caller, { ids: actorIds })) : new Map<string, string>();
    return { communities, query: q, events: events.map(({ actorUserId, ...e }) => ({ ...e, actor: e.actor ?? (actorUserId ? (names.get(actorUserId) ?? null) : null) })) };
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
      <PageHeader title={t('auditLog.title')} />
      <FilterPanel active={Boolean(q.community)} className="items-end sm:grid-cols-5">
        <Field id="audit-community" label={t('auditLog.community')} className="sm:col-span-2">
          <Select name="community" size="sm" defaultValue={q.community ?? ''} placeholder={t('auditLog.chooseCommunity')} options={optionsOf(communities)} />
        </Field>
        <Field id="audit-action" label={t('auditLog.action')}>
          <Input name="action" defaultValue={q.action ?? ''} className="h-9 text-sm" />
        </Field>
        <Field id="audit-from" label={t('cases.from')}>
          <DateInput name="from" size="sm" defaultValue={q.from ?? ''} />
        </Field>
        <div className="flex items-end gap-2">
          <Field id="audit-to" label={t('cases.to')} className="min-w-0 flex-1">
            <DateInput name="to" size="sm" defaultValue={q.to ?? ''} />
          </Field>
          <Button size="sm">{t('auditLog.filter')}</Button>
        </div>
      </FilterPanel>
      {events === null ? null : (
        <DataTable
          rows={events}
          rowKey={(e) => e.id}
          empty={t('auditLog.empty')}
          data-testid="audit-table"
          columns={[
            { id: 'at', header: t('auditLog.at'), className: 'whitespace-nowrap tabular-nums text-slate-500', cell: (e) => new Date(e.at).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai' }) },
            { id: 'actor', header: t('auditLog.actor'), sortValue: (e) => e.actor, cell: (e) => e.actor ?? '—' },
            { id: 'action', header: t('auditLog.action'), sortValue: (e) => e.action, cell: (e) => { const key = `auditLog.actions.${e.action}`; return isMessageKey(i18n, key) ? t(key) : e.action; } },
            { id: 'subject', header: t('auditLog.subject'), className: 'font-mono text-xs text-slate-500', cell: (e) => `${e.subjectType} ${e.subjectId?.slice(0, 8) ?? ''}` },
          ]}
        />
      )}
    </div>
  );
}
