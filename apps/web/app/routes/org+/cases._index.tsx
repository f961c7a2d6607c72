import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from '~/lib/validation.ts';
import { CASE_STATUSES, chinaDayEnd, chinaDayStart, formatTrackingCode } from '@shequ/domain';
import { withoutTenant } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import { listHeldCases } from '@shequ/use-cases';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { cn } from '~/lib/utils.ts';
import { optionalDay, optionalText } from '~/lib/query-params.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('held.title');

/** Query parameters are user input too: anything malformed is ignored rather than an error. */
const querySchema = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  mine: z.literal('1').optional().catch(undefined),
  community: z.string().uuid().optional().catch(undefined),
  category: optionalText(40),
  overdue: z.literal('1').optional().catch(undefined),
  q: optionalText(100),
  from: optionalDay,
  to: optionalDay,
  sort: z.enum(['escalated_desc', 'due_asc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  done: z.enum(['resolve', 'return']).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  await guard(() => assertCan(ability, 'access', 'OrgConsole'));
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await withoutTenant(db, (tx) =>
    listHeldCases(tx, actor, ability, {
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
  const { rows, total, page, pageSize, counts, role, done, options } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== 'idle';
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
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{supervision ? t('held.supervisionTitle') : t('held.title')}</h1>
        <p className="mt-1 text-sm text-slate-500">{supervision ? t('held.supervisionIntro') : t('held.intro')}</p>
      </div>
      {done ? (
        <Alert tone="success" data-testid="handed-on">
          {t(`held.done.${done}`)}
        </Alert>
      ) : null}
      <nav className="flex flex-wrap gap-2 text-sm" aria-label={t('cases.columns.status')}>
        <Link to={withParam('status', null)} className={cn('rounded-full px-3 py-1', !params.get('status') ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700')}>
          {t('cases.all')}
        </Link>
        {(['escalated', 'forwarded', 'review', 'resolved', 'closed'] as const).map((s) => (
          <Link key={s} to={withParam('status', s)} className={cn('rounded-full px-3 py-1', params.get('status') === s ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700')}>
            {t(`cases.status.${s}`)} <span className="tabular-nums">{counts[s] ?? 0}</span>
          </Link>
        ))}
      </nav>
      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        {params.get('status') ? <input type="hidden" name="status" value={params.get('status')!} /> : null}
        <label className="text-slate-600">
          {t('cases.search')}
          <Input name="q" defaultValue={params.get('q') ?? ''} maxLength={100} placeholder={t('cases.searchPlaceholder')} className="mt-1 h-9 w-56 text-sm" />
        </label>
        <label className="text-slate-600">
          {t('held.community')}
          <select name="community" defaultValue={params.get('community') ?? ''} className="mt-1 block h-9 rounded-md border border-slate-300 bg-white px-2">
            <option value="">{t('cases.all')}</option>
            {options.communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-slate-600">
          {t('cases.category')}
          <select name="category" defaultValue={params.get('category') ?? ''} className="mt-1 block h-9 rounded-md border border-slate-300 bg-white px-2">
            <option value="">{t('cases.all')}</option>
            {options.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="text-slate-600">
          {t('cases.from')}
          <Input type="date" name="from" defaultValue={params.get('from') ?? ''} className="mt-1 h-9 text-sm" />
        </label>
        <label className="text-slate-600">
          {t('cases.to')}
          <Input type="date" name="to" defaultValue={params.get('to') ?? ''} className="mt-1 h-9 text-sm" />
        </label>
        <label className="text-slate-600">
          {t('cases.sort')}
          <select name="sort" defaultValue={params.get('sort') ?? 'escalated_desc'} className="mt-1 block h-9 rounded-md border border-slate-300 bg-white px-2">
            {(['escalated_desc', 'due_asc'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`held.sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {role === 'street_officer' ? (
          <label className="flex items-center gap-1 text-slate-600">
            <input type="checkbox" name="mine" value="1" defaultChecked={params.get('mine') === '1'} /> {t('held.mine')}
          </label>
        ) : null}
        <label className="flex items-center gap-1 text-slate-600">
          <input type="checkbox" name="overdue" value="1" defaultChecked={params.get('overdue') === '1'} /> {t('held.overdueOnly')}
        </label>
        <Button size="sm" disabled={busy}>
          {t('cases.filter')}
        </Button>
      </Form>
      {rows.length === 0 ? (
        <EmptyState title={t('held.empty')} />
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="held-cases">
            <thead className="bg-slate-50 text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">{t('cases.columns.code')}</th>
                <th className="px-4 py-2 font-medium">{t('held.community')}</th>
                <th className="px-4 py-2 font-medium">{t('held.summary')}</th>
                <th className="px-4 py-2 font-medium">{t('cases.columns.status')}</th>
                <th className="px-4 py-2 font-medium">{t('held.escalatedAt')}</th>
                <th className="px-4 py-2 font-medium">{t('held.due')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.caseId} className={r.overdue ? 'bg-red-50' : undefined}>
                  <td className="px-4 py-2 font-mono">
                    <Link to={`/org/cases/${r.communityId}/${r.caseId}`} className="text-brand-700 underline">
                      {formatTrackingCode(r.trackingCode)}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{r.community}</td>
                  <td className="max-w-md px-4 py-2">
                    <span className="text-slate-500">[{r.category}]</span> {r.summary}
                  </td>
                  <td className="px-4 py-2">
                    {t(`cases.status.${r.status}` as never)}
                    {r.heldByMe ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">{t('held.heldByMe')}</span> : null}
                    {r.overdue ? <span className="ml-1 rounded bg-red-100 px-1 text-xs text-red-800">{t('cases.detail.overdue')}</span> : null}
                  </td>
                  <td className="px-4 py-2 tabular-nums text-slate-600">{time(r.escalatedAt)}</td>
                  <td className="px-4 py-2 tabular-nums text-slate-600">{time(r.dueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <div className="flex items-center gap-3 text-sm text-slate-600">
        <span>{t('cases.page', { page, total })}</span>
        {page > 1 ? <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page - 1) })}`}>{t('cases.prev')}</Link> : null}
        {page < pages ? <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page + 1) })}`}>{t('cases.next')}</Link> : null}
      </div>
    </div>
  );
}
