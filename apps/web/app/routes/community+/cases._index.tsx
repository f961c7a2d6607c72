import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from '~/lib/validation.ts';
import { CASE_SORTS, CASE_STATUSES, chinaDayEnd, chinaDayStart, formatTrackingCode } from '@shequ/domain';
import { withTenant } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { listCaseAssignees, listCases, listCommunityChoices } from '@shequ/use-cases';
import { Button } from '~/components/ui/button.tsx';
import { Checkbox } from '~/components/ui/checkbox-group.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FilterPanel, FilterSelect } from '~/components/ui/filter-panel.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf } from '~/components/ui/select.tsx';
import { Badge, caseStatusTone } from '~/components/ui/status-badge.tsx';
import { db } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { cn } from '~/lib/utils.ts';
import { optionalId, optionalText, queryFilterDay } from '~/lib/query-params.ts';
import { pageTitle } from '~/lib/meta.ts';
import { PagedTable } from '~/components/ui/pager.tsx';

export const meta = pageTitle('cases.inbox');

/** Query parameters are user input too: a malformed choice is ignored rather than an error; a day that is not real is the 400 page (queryFilterDay). */
const querySchema = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  category: optionalId,
  grid: optionalId,
  building: optionalId,
  assignee: z.union([z.literal('me'), z.literal('none'), z.string().uuid()]).optional().catch(undefined),
  q: optionalText(100),
  overdue: z.literal('1').optional().catch(undefined),
  sort: z.enum(CASE_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});


export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'read', 'Case'));
  // A day that is not a real one: the 400 page naming it (queryFilterDay), not every day quietly.
  const query = { ...querySchema.parse(Object.fromEntries(new URL(request.url).searchParams)), from: queryFilterDay(request, 'from'), to: queryFilterDay(request, 'to') };
  return withTenant(db, tenantId, async (tx) => {
    const result = await listCases(tx, { actor, ability }, {
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
    const [choices, staff] = await Promise.all([listCommunityChoices(tx, { actor, ability }, { communityId: tenantId }), listCaseAssignees(tx, { actor, ability }, { tenantId })]);
    const cats = choices.categories.map(({ id, name }) => ({ id, name }));
    const { grids: gridRows, buildings: buildingRows } = choices;
    const canCreate = ability.can('create', subject('Case', { tenantId, assigneeId: null, gridWorkerId: null, holderOrgUnitId: tenantId }));
    return { ...result, query, canCreate, options: { categories: cats, grids: gridRows, buildings: buildingRows, staff: [...new Map(staff.map(({ id, name }) => [id, { id, name }])).values()] } };
  });
}

export default function Inbox() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
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

  const filtered = Boolean(q.q || q.category || q.grid || q.building || q.assignee || q.from || q.to || q.overdue || q.sort);
  const time = (iso: string | Date) => new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('cases.inbox')}
        actions={
          data.canCreate ? (
            <Button asChild size="sm">
              <Link to="/community/cases/new">{t('cases.newCase')}</Link>
            </Button>
          ) : null
        }
      />
      {/* Status tabs: one row that scrolls sideways inside itself on a phone, never the page. */}
      <nav aria-label={t('cases.columns.status')} className="-mx-3 flex gap-1 overflow-x-auto px-3 pb-1 sm:mx-0 sm:flex-wrap sm:px-0">
        {[null, ...CASE_STATUSES].map((s) => (
          <Link
            key={s ?? 'all'}
            to={link({ status: s })}
            aria-current={(q.status ?? null) === s ? 'page' : undefined}
            className={cn('shrink-0 whitespace-nowrap rounded-full border px-3 py-1 text-sm', (q.status ?? null) === s ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-slate-200 bg-white text-slate-600 hover:bg-slate-50')}
          >
            {s ? t(`cases.status.${s}`) : t('cases.all')} <span className="tabular-nums text-slate-500">{s ? data.counts[s] : allCount}</span>
          </Link>
        ))}
      </nav>
      <FilterPanel active={filtered} className="grid-cols-2 md:grid-cols-4 lg:grid-cols-8" submit={{ label: t('cases.filter'), reset: t('cases.reset'), className: 'col-span-2 md:col-span-1' }}>
        {q.status ? <input type="hidden" name="status" value={q.status} /> : null}
        <Field id="filter-q" label={t('cases.search')} className="col-span-2">
          <Input name="q" defaultValue={q.q ?? ''} placeholder={t('cases.searchPlaceholder')} className="h-9 text-sm" />
        </Field>
        <FilterSelect id="filter-category" name="category" label={t('cases.category')} value={q.category} all={t('cases.all')} options={optionsOf(data.options.categories)} />
        <FilterSelect id="filter-grid" name="grid" label={t('cases.grid')} value={q.grid} all={t('cases.all')} options={optionsOf(data.options.grids)} />
        <FilterSelect id="filter-building" name="building" label={t('cases.building')} value={q.building} all={t('cases.all')} options={optionsOf(data.options.buildings)} />
        <FilterSelect
          id="filter-assignee"
          name="assignee"
          label={t('cases.assignee')}
          value={q.assignee}
          all={t('cases.all')}
          options={[{ value: 'me', label: t('cases.assigneeMe') }, { value: 'none', label: t('cases.assigneeNone') }, ...optionsOf(data.options.staff)]}
        />
        <Field id="filter-from" label={t('cases.from')}>
          <DateInput name="from" size="sm" defaultValue={q.from ?? ''} />
        </Field>
        <Field id="filter-to" label={t('cases.to')}>
          <DateInput name="to" size="sm" defaultValue={q.to ?? ''} />
        </Field>
        <FilterSelect id="filter-sort" name="sort" label={t('cases.sort')} value={q.sort ?? 'created_desc'} options={CASE_SORTS.map((s) => ({ value: s, label: t(`cases.sorts.${s}`) }))} />
        <Checkbox name="overdue" value="1" defaultChecked={q.overdue === '1'} label={t('held.overdueOnly')} className="self-end pb-2" />
      </FilterPanel>
      <PagedTable
        rows={data.rows}
        empty={t('cases.empty')}
        testId="inbox"
        pager={{ page: data.page, pages, summary: t('cases.page', { page: data.page, total: data.total }), to: (n) => link({ page: String(n) }) }}
        columns={[
          {
            id: 'code',
            header: t('cases.columns.code'),
            className: 'whitespace-nowrap font-mono text-xs',
            cell: (r) => (
              <Link to={`/community/cases/${r.id}`} className="text-brand-700 underline">
                {formatTrackingCode(r.trackingCode)}
              </Link>
            ),
          },
          { id: 'content', header: t('cases.columns.content'), className: 'text-slate-900 sm:max-w-xs sm:truncate', cell: (r) => r.excerpt },
          { id: 'category', header: t('cases.columns.category'), className: 'sm:whitespace-nowrap', cell: (r) => r.category },
          { id: 'place', header: t('cases.columns.place'), className: 'sm:whitespace-nowrap', cell: (r) => [r.building, r.grid].filter(Boolean).join(' · ') || '—' },
          {
            id: 'status',
            header: t('cases.columns.status'),
            className: 'whitespace-nowrap',
            cell: (r) => (
              <span className="inline-flex flex-wrap gap-1">
                <Badge tone={caseStatusTone(r.status)}>{t(`cases.status.${r.status}`)}</Badge>
                {r.overdue ? <Badge tone="danger">{t('cases.detail.overdue')}</Badge> : null}
              </span>
            ),
          },
          { id: 'assignee', header: t('cases.columns.assignee'), className: 'sm:whitespace-nowrap', cell: (r) => r.assignee ?? '—' },
          { id: 'createdAt', header: t('cases.columns.createdAt'), className: 'whitespace-nowrap tabular-nums text-slate-500', cell: (r) => time(r.createdAt) },
        ]}
      />
    </div>
  );
}
