import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { asc } from 'drizzle-orm';
import { useTranslation } from 'react-i18next';
import { z } from '~/lib/validation.ts';
import { CASE_SORTS, CASE_STATUSES, chinaDayEnd, chinaDayStart, formatTrackingCode } from '@shequ/domain';
import { buildings, categories, grids, withTenant } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { listCaseAssignees, listCases } from '@shequ/use-cases';
import { Button } from '~/components/ui/button.tsx';
import { Card } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { cn } from '~/lib/utils.ts';
import { optionalDay, optionalId, optionalText } from '~/lib/query-params.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('cases.inbox');

/** Query parameters are user input too: anything malformed is ignored rather than an error. */
const querySchema = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  category: optionalId,
  grid: optionalId,
  building: optionalId,
  assignee: z.union([z.literal('me'), z.literal('none'), z.string().uuid()]).optional().catch(undefined),
  q: optionalText(100),
  overdue: z.literal('1').optional().catch(undefined),
  from: optionalDay,
  to: optionalDay,
  sort: z.enum(CASE_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});


export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'read', 'Case'));
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return withTenant(db, tenantId, async (tx) => {
    const result = await listCases(tx, actor, ability, {
      status: query.status ? [query.status] : undefined,
      categoryId: query.category,
      gridId: query.grid,
      buildingId: query.building,
      assignee: query.assignee,
      q: query.q,
      overdue: query.overdue === '1',
      from: query.from ? chinaDayStart(query.from) : null,
      to: query.to ? chinaDayEnd(query.to) : null,
      sort: query.sort,
      page: query.page,
    });
    const [cats, gridRows, buildingRows, staff] = await Promise.all([
      tx.select({ id: categories.id, name: categories.name }).from(categories).orderBy(asc(categories.sortOrder)),
      tx.select({ id: grids.id, name: grids.name }).from(grids).orderBy(asc(grids.name)),
      tx.select({ id: buildings.id, name: buildings.name }).from(buildings).orderBy(asc(buildings.name)),
      listCaseAssignees(tx, tenantId),
    ]);
    const canCreate = ability.can('create', subject('Case', { tenantId, assigneeId: null, gridWorkerId: null, holderOrgUnitId: tenantId }));
    return { ...result, query, canCreate, options: { categories: cats, grids: gridRows, buildings: buildingRows, staff: [...new Map(staff.map(({ id, name }) => [id, { id, name }])).values()] } };
  });
}

function Select({ name, label, value, options, all }: { name: string; label: string; value?: string; options: { id: string; name: string }[]; all: string }) {
  return (
    <label className="text-sm text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ''} className="mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900">
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function Inbox() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const q = data.query;
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    return `?${next.toString()}`;
  };
  const allCount = Object.values(data.counts).reduce((a, b) => a + b, 0);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold text-slate-900">{t('cases.inbox')}</h1>
        {data.canCreate ? (
          <Link to="/community/cases/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            {t('cases.newCase')}
          </Link>
        ) : null}
      </div>
      <nav aria-label={t('cases.columns.status')} className="flex flex-wrap gap-1">
        {[null, ...CASE_STATUSES].map((s) => (
          <Link
            key={s ?? 'all'}
            to={link({ status: s })}
            aria-current={(q.status ?? null) === s ? 'page' : undefined}
            className={cn('rounded-full border px-3 py-1 text-sm', (q.status ?? null) === s ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-slate-200 bg-white text-slate-600 hover:bg-slate-50')}
          >
            {s ? t(`cases.status.${s}`) : t('cases.all')} <span className="tabular-nums text-slate-500">{s ? data.counts[s] : allCount}</span>
          </Link>
        ))}
      </nav>
      <Form method="get" className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-4 lg:grid-cols-8" role="search">
        {q.status ? <input type="hidden" name="status" value={q.status} /> : null}
        <label className="col-span-2 text-sm text-slate-600">
          {t('cases.search')}
          <Input name="q" defaultValue={q.q ?? ''} placeholder={t('cases.searchPlaceholder')} className="mt-1 h-9 text-sm" />
        </label>
        <Select name="category" label={t('cases.category')} value={q.category} options={data.options.categories} all={t('cases.all')} />
        <Select name="grid" label={t('cases.grid')} value={q.grid} options={data.options.grids} all={t('cases.all')} />
        <Select name="building" label={t('cases.building')} value={q.building} options={data.options.buildings} all={t('cases.all')} />
        <Select
          name="assignee"
          label={t('cases.assignee')}
          value={q.assignee}
          options={[{ id: 'me', name: t('cases.assigneeMe') }, { id: 'none', name: t('cases.assigneeNone') }, ...data.options.staff]}
          all={t('cases.all')}
        />
        <label className="text-sm text-slate-600">
          {t('cases.from')}
          <Input type="date" name="from" defaultValue={q.from ?? ''} className="mt-1 h-9 text-sm" />
        </label>
        <label className="text-sm text-slate-600">
          {t('cases.to')}
          <Input type="date" name="to" defaultValue={q.to ?? ''} className="mt-1 h-9 text-sm" />
        </label>
        <label className="text-sm text-slate-600">
          {t('cases.sort')}
          <select name="sort" defaultValue={q.sort ?? 'created_desc'} className="mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm">
            {CASE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`cases.sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-end gap-1 pb-2 text-sm text-slate-600">
          <input type="checkbox" name="overdue" value="1" defaultChecked={q.overdue === '1'} /> {t('held.overdueOnly')}
        </label>
        <div className="col-span-2 flex items-end gap-2 md:col-span-1">
          <Button type="submit" size="sm">
            {t('cases.filter')}
          </Button>
          <Link to="?" className="text-sm text-slate-500 underline">
            {t('cases.reset')}
          </Link>
        </div>
      </Form>
      {data.rows.length === 0 ? (
        <EmptyState title={t('cases.empty')} />
      ) : (
        <Card className={cn('overflow-x-auto', navigation.state === 'loading' && 'opacity-60')}>
          <table className="w-full text-left text-sm" data-testid="inbox">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                {(['code', 'content', 'category', 'place', 'status', 'assignee', 'createdAt'] as const).map((c) => (
                  <th key={c} scope="col" className="whitespace-nowrap px-4 py-2 font-medium">
                    {t(`cases.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.rows.map((r) => (
                <tr key={r.id} className="hover:bg-slate-50">
                  <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">
                    <Link to={`/community/cases/${r.id}`} className="text-brand-700 underline">
                      {formatTrackingCode(r.trackingCode)}
                    </Link>
                  </td>
                  <td className="max-w-xs truncate px-4 py-2 text-slate-900">{r.excerpt}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-700">{r.category}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-700">{[r.building, r.grid].filter(Boolean).join(' · ') || '—'}</td>
                  <td className="whitespace-nowrap px-4 py-2">
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t(`cases.status.${r.status}`)}</span>
                    {r.overdue ? <span className="ml-1 rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">{t('cases.detail.overdue')}</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-700">{r.assignee ?? '—'}</td>
                  <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-500">
                    {new Date(r.createdAt).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span>{t('cases.page', { page: data.page, total: data.total })}</span>
        <span className="flex gap-2">
          {data.page > 1 ? <Link to={link({ page: String(data.page - 1) })}>{t('cases.prev')}</Link> : null}
          {data.page < pages ? <Link to={link({ page: String(data.page + 1) })}>{t('cases.next')}</Link> : null}
        </span>
      </div>
    </div>
  );
}
