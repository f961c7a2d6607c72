import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from '~/lib/validation.ts';
import { CASE_STATUSES, chinaDayEnd, chinaDayStart, formatTrackingCode } from '@shequ/domain';
import { assertCan } from '@shequ/permissions';
import { listHeldCases } from '@shequ/use-cases';
import { Alert } from '~/components/ui/alert.tsx';
import { Checkbox } from '~/components/ui/checkbox-group.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FilterPanel, FilterSelect } from '~/components/ui/filter-panel.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf } from '~/components/ui/select.tsx';
import { Badge, caseStatusTone } from '~/components/ui/status-badge.tsx';
import { withActor } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { cn } from '~/lib/utils.ts';
import { optionalText, queryFilterDay } from '~/lib/query-params.ts';
import { pageTitle } from '~/lib/meta.ts';
import { isMessageKey } from '~/lib/i18n.ts';
import { Pager } from '~/components/ui/pager.tsx';

export const meta = pageTitle('held.title');

/** Query parameters are user input too: a malformed choice is ignored rather than an error; a day that is not real is the 400 page (queryFilterDay). */
const querySchema = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  mine: z.literal('1').optional().catch(undefined),
  community: z.string().uuid().optional().catch(undefined),
  category: optionalText(40),
  overdue: z.literal('1').optional().catch(undefined),
  q: optionalText(100),
  sort: z.enum(['escalated_desc', 'due_asc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  done: z.enum(['resolve', 'return']).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  await guard(() => assertCan(ability, 'access', 'OrgConsole'));
  // A day that is not a real one: the 400 page naming it (queryFilterDay), not every day quietly.
  const query = { ...querySchema.parse(Object.fromEntries(new URL(request.url).searchParams)), from: queryFilterDay(request, 'from'), to: queryFilterDay(request, 'to') };
  const result = await withActor(actor, (tx) =>
    listHeldCases(tx, { actor, ability }, {
      status: query.status ? [query.status] : undefined,
      mine: query.mine === '1',
      overdue: query.overdue === '1',
      communityId: query.community,
      category: query.category,
      q: query.q,
      from: query.from ? chinaDayStart(query.from) : null,
      to: query.to ? chinaDayEnd(query.to) : null,
      sort: query.sort,
      page: query.page,
    }),
  );
  return { ...result, role: actor.workspace.role, done: query.done ?? null };
}

export default function HeldCasesPage() {
  const { t, i18n } = useTranslation();
  const statusLabel = (status: string) => { const key = `cases.status.${status}`; return isMessageKey(i18n, key) ? String(t(key)) : status; };
  const { rows, total, page, pageSize, counts, role, done, options } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const supervision = role === 'district_officer';
  const time = (iso: string | Date | null) => (iso ? new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }) : '—');
  const withParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    next.delete('page');
    return `?${next.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = ['q', 'community', 'category', 'from', 'to', 'sort', 'mine', 'overdue'].some((k) => params.get(k));
  return (
    <div className="space-y-4">
      <PageHeader title={supervision ? t('held.supervisionTitle') : t('held.title')} description={supervision ? t('held.supervisionIntro') : t('held.intro')} />
      {done ? (
        <Alert tone="success" data-testid="handed-on">
          {t(`held.done.${done}`)}
        </Alert>
      ) : null}
      <nav className="-mx-3 flex gap-2 overflow-x-auto px-3 pb-1 text-sm sm:mx-0 sm:flex-wrap sm:px-0" aria-label={t('cases.columns.status')}>
        <Link to={withParam('status', null)} className={cn('shrink-0 whitespace-nowrap rounded-full px-3 py-1', !params.get('status') ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700')}>
          {t('cases.all')}
        </Link>
        {(['escalated', 'forwarded', 'review', 'resolved', 'closed'] as const).map((s) => (
          <Link key={s} to={withParam('status', s)} className={cn('shrink-0 whitespace-nowrap rounded-full px-3 py-1', params.get('status') === s ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700')}>
            {t(`cases.status.${s}`)} <span className="tabular-nums">{counts[s] ?? 0}</span>
          </Link>
        ))}
      </nav>
      <FilterPanel active={filtered} className="grid-cols-2 text-sm md:grid-cols-4 lg:grid-cols-6" submit={{ label: t('cases.filter') }}>
        {params.get('status') ? <input type="hidden" name="status" value={params.get('status')!} /> : null}
        <Field id="held-q" label={t('cases.search')} className="col-span-2">
          <Input name="q" defaultValue={params.get('q') ?? ''} maxLength={100} placeholder={t('cases.searchPlaceholder')} className="h-9 text-sm" />
        </Field>
        <FilterSelect id="held-community" name="community" label={t('held.community')} value={params.get('community')} all={t('cases.all')} options={optionsOf(options.communities)} />
        <FilterSelect id="held-category" name="category" label={t('cases.category')} value={params.get('category')} all={t('cases.all')} options={options.categories.map((c) => ({ value: c, label: c }))} />
        <Field id="held-from" label={t('cases.from')}>
          <DateInput name="from" size="sm" defaultValue={params.get('from') ?? ''} />
        </Field>
        <Field id="held-to" label={t('cases.to')}>
          <DateInput name="to" size="sm" defaultValue={params.get('to') ?? ''} />
        </Field>
        <FilterSelect id="held-sort" name="sort" label={t('cases.sort')} value={params.get('sort') ?? 'escalated_desc'} options={(['escalated_desc', 'due_asc'] as const).map((s) => ({ value: s, label: t(`held.sorts.${s}`) }))} />
        {role === 'street_officer' ? <Checkbox name="mine" value="1" defaultChecked={params.get('mine') === '1'} label={t('held.mine')} className="self-end pb-2" /> : null}
        <Checkbox name="overdue" value="1" defaultChecked={params.get('overdue') === '1'} label={t('held.overdueOnly')} className="self-end pb-2" />
      </FilterPanel>
      <DataTable
        rows={rows}
        rowKey={(r) => r.caseId}
        pageSize={0}
        empty={t('held.empty')}
        data-testid="held-cases"
        rowClassName={(r) => (r.overdue ? 'bg-red-50' : undefined)}
        columns={[
          {
            id: 'code',
            header: t('cases.columns.code'),
            className: 'whitespace-nowrap font-mono',
            cell: (r) => (
              <Link to={`/org/cases/${r.communityId}/${r.caseId}`} className="text-brand-700 underline">
                {formatTrackingCode(r.trackingCode)}
              </Link>
            ),
          },
          { id: 'community', header: t('held.community'), cell: (r) => r.community },
          {
            id: 'summary',
            header: t('held.summary'),
            className: 'sm:max-w-md',
            cell: (r) => (
              <>
                <span className="text-slate-500">[{r.category}]</span> {r.summary}
              </>
            ),
          },
          {
            id: 'status',
            header: t('cases.columns.status'),
            cell: (r) => (
              <span className="inline-flex flex-wrap gap-1">
                <Badge tone={caseStatusTone(r.status)}>{statusLabel(r.status)}</Badge>
                {r.heldByMe ? <Badge tone="progress">{t('held.heldByMe')}</Badge> : null}
                {r.overdue ? <Badge tone="danger">{t('cases.detail.overdue')}</Badge> : null}
              </span>
            ),
          },
          { id: 'escalatedAt', header: t('held.escalatedAt'), className: 'whitespace-nowrap tabular-nums text-slate-600', cell: (r) => time(r.escalatedAt) },
          { id: 'dueAt', header: t('held.due'), className: 'whitespace-nowrap tabular-nums text-slate-600', cell: (r) => time(r.dueAt) },
        ]}
      />
      <Pager page={page} pages={pages} summary={t('cases.page', { page, total })} to={(n) => `?${new URLSearchParams({ ...Object.fromEntries(params), page: String(n) })}`} />
    </div>
  );
}
