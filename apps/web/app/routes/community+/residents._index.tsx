import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { findResidents, listRegisterChoices } from '@shequ/use-cases';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FilterPanel, FilterSelect } from '~/components/ui/filter-panel.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { optionalId, optionalText } from '~/lib/query-params.ts';
import { z } from '~/lib/validation.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { registerCaller } from './residents.server.ts';
import { PagedTable } from '~/components/ui/pager.tsx';

export const meta = pageTitle('residents.title');

/** Query parameters are user input too: anything malformed is ignored rather than an error. */
const querySchema = z.object({
  q: optionalText(40),
  tag: optionalId,
  grid: optionalId,
  building: optionalId,
  age: z.enum(['60', '80']).optional().catch(undefined),
  status: z.enum(['active', 'moved_out']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await registerCaller(request);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return runAsStaff(caller, async (tx) => {
    const choices = await listRegisterChoices(tx, caller);
    const result = await findResidents(tx, caller, {
      q: query.q ?? '',
      tagId: query.tag,
      gridId: query.grid,
      buildingId: query.building,
      minAge: query.age ? Number(query.age) : undefined,
      status: query.status ?? 'active',
      page: query.page ?? 1,
      pageSize: 50,
      cipher: caseDeps.cipher,
    });
    return { ...result, query, choices };
  });
}

export default function Residents() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { tenantId } = useScope();
  const ability = useAbility();
  const canImport = ability.can('create', subject('Resident', { tenantId, gridWorkerId: null }));
  const canCreate = ability.can('create', 'Resident');
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const link = (over: Record<string, string>) => `?${new URLSearchParams({ ...Object.fromEntries(params), ...over })}`;
  const q = data.query;
  const filtered = Boolean(q.q || q.tag || q.grid || q.building || q.age || q.status);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('residents.title')}
        description={t('residents.intro')}
        actions={
          <>
            {canImport ? (
              <Button asChild variant="secondary">
                <Link to="/community/residents/sign-ups" data-testid="resident-sign-ups">{t('me.signUps.title')}</Link>
              </Button>
            ) : null}
            {canImport ? (
              <Button asChild variant="secondary">
                <Link to="/community/residents/import">{t('residents.import')}</Link>
              </Button>
            ) : null}
            {canCreate ? (
              <Button asChild>
                <Link to="/community/residents/new" data-testid="resident-new">
                  {t('residents.new')}
                </Link>
              </Button>
            ) : null}
          </>
        }
      />
      <FilterPanel active={filtered} className="grid-cols-2 md:grid-cols-6" submit={{ label: t('residents.filters.search'), className: 'col-span-2 md:col-span-1', testId: 'resident-search-submit' }}>
        <Field id="q" label={t('residents.filters.q')} className="col-span-2" hint={t('residents.filters.qHint')}>
          <Input name="q" type="search" defaultValue={q.q ?? ''} data-testid="resident-search" />
        </Field>
        <FilterSelect id="tag" name="tag" label={t('residents.filters.tag')} value={q.tag} all={t('residents.filters.all')} options={data.choices.tags.map((tag) => ({ value: tag.id, label: `${tag.name}（${tag.people}）` }))} />
        <FilterSelect id="grid" name="grid" label={t('residents.filters.grid')} value={q.grid} all={t('residents.filters.all')} options={optionsOf(data.choices.grids)} />
        <FilterSelect id="building" name="building" label={t('residents.filters.building')} value={q.building} all={t('residents.filters.all')} options={optionsOf(data.choices.buildings)} />
        <FilterSelect id="age" name="age" label={t('residents.filters.age')} value={q.age} all={t('residents.filters.all')} options={(['60', '80'] as const).map((a) => ({ value: a, label: t(`residents.filters.age${a}`) }))} />
        <FilterSelect id="status" name="status" label={t('residents.filters.status')} value={q.status ?? 'active'} options={(['active', 'moved_out'] as const).map((v) => ({ value: v, label: t(`residents.status.${v}`) }))} />
      </FilterPanel>
      <PagedTable
        rows={data.rows}
        empty={t('residents.empty')}
        testId="residents"
        pager={{ page: data.page, pages, summary: t('residents.page', { page: data.page, total: data.total }), to: (n) => link({ page: String(n) }), summaryTestId: 'resident-count' }}
        columns={[
          {
            id: 'name',
            header: t('residents.columns.name'),
            className: 'whitespace-nowrap',
            cell: (r) => (
              <>
                <Link to={`/community/residents/${r.id}`} className="text-brand-700 underline">
                  {r.nameHint}
                </Link>
                {/* Found by the number of a record merged into this one (issue 16). */}
                {r.viaMerged ? (
                  <span className="block whitespace-normal text-xs text-slate-500" data-testid="found-via-merged">
                    {t('residents.foundViaMerged')}
                  </span>
                ) : null}
              </>
            ),
          },
          { id: 'mobile', header: t('residents.columns.mobile'), className: 'whitespace-nowrap tabular-nums', cell: (r) => r.mobileHint ?? '—' },
          { id: 'gender', header: t('residents.columns.gender'), cell: (r) => (r.gender ? t(`residents.gender.${r.gender}`) : '—') },
          { id: 'age', header: t('residents.columns.age'), className: 'tabular-nums', cell: (r) => (r.age === null ? '—' : r.age) },
          { id: 'address', header: t('residents.columns.address'), className: 'sm:whitespace-nowrap', cell: (r) => r.address || '—' },
          {
            id: 'tags',
            header: t('residents.columns.tags'),
            cell: (r) =>
              r.tags.length ? (
                <span className="inline-flex flex-wrap gap-1">
                  {r.tags.map((tag) => (
                    <Badge key={tag}>{tag}</Badge>
                  ))}
                </span>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}
