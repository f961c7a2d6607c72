import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listCareRoster, rosterPerson } from '@shequ/use-cases';
import { CareTabs, stateTone, tierTone } from '~/components/care/care-tabs.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { endText, minuteText, careCaller } from './care.server.ts';

export const meta = pageTitle('care.title');

const STATES = ['overdue', 'due_soon', 'due', 'upcoming', 'visited'] as const;
type StateFilter = (typeof STATES)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The care roster (issue 20), phone-first: the office sees every recipient, a grid worker the people of their grids
 * (listCareRoster applies the register's scope). Counts per state for the chosen grid, the written definitions of
 * the states, and the people, overdue first, grouped by grid.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await careCaller(request);
  const url = new URL(request.url);
  const gridParam = url.searchParams.get('grid');
  const stateParam = url.searchParams.get('state');
  const gridId = gridParam && UUID.test(gridParam) ? gridParam : null;
  const state = (STATES as readonly string[]).includes(stateParam ?? '') ? (stateParam as StateFilter) : null;
  const roster = await runAsStaff(caller, (tx) => listCareRoster(tx, caller, {}));
  const grids = [...new Map(roster.rows.filter((r) => r.gridId).map((r) => [r.gridId!, r.gridName ?? ''])).entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const inGrid = gridId ? roster.rows.filter((r) => r.gridId === gridId) : roster.rows;
  const stateOf = (r: (typeof inGrid)[number]): StateFilter | null => (r.window?.state === 'visited_late' ? 'visited' : ((r.window?.state ?? null) as StateFilter | null));
  const counts = { all: inGrid.length, overdue: 0, due_soon: 0, due: 0, upcoming: 0, visited: 0 };
  for (const r of inGrid) {
    const s = stateOf(r);
    if (s) counts[s]++;
  }
  const shown = state ? inGrid.filter((r) => stateOf(r) === state) : inGrid;
  return {
    gridId,
    state,
    grids,
    counts,
    rosterSize: roster.rows.length,
    dueSoonDays: roster.dueSoonDays,
    rows: shown.map((r) => ({
      ...rosterPerson(r),
      overridden: r.overridden,
      worker: r.responsibleWorker,
      due: r.window && !r.window.state.startsWith('visited') ? endText(r.window.closesAt) : null,
      openWindows: r.openWindows,
      lastVisit: r.lastVisitAt ? minuteText(r.lastVisitAt) : null,
    })),
  };
}

export default function CareRosterPage() {
  const { t } = useTranslation();
  const tt = useLooseT();
  const page = useLoaderData<typeof loader>();
  const link = (state: string | null) => {
    const q = new URLSearchParams();
    if (page.gridId) q.set('grid', page.gridId);
    if (state) q.set('state', state);
    const s = q.toString();
    return s ? `/community/care?${s}` : '/community/care';
  };
  const groups = new Map<string, typeof page.rows>();
  for (const r of page.rows) groups.set(r.gridName ?? '—', [...(groups.get(r.gridName ?? '—') ?? []), r]);
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('care.title')} description={t('care.intro')} />
      <CareTabs />
      <Form method="get" noValidate className="flex flex-wrap items-end gap-2">
        {page.state ? <input type="hidden" name="state" value={page.state} /> : null}
        <label className="min-w-0 flex-1 text-sm text-slate-700">
          <span className="mb-1 block">{t('care.filter.grid')}</span>
          <Select name="grid" size="sm" defaultValue={page.gridId ?? ''} placeholder={t('care.filter.allGrids')} options={page.grids.map((g) => ({ value: g.id, label: g.name }))} data-testid="care-grid-filter" />
        </label>
        <Button type="submit" variant="secondary" size="sm">
          {t('care.filter.apply')}
        </Button>
      </Form>
      <nav className="flex flex-wrap gap-1.5" aria-label={t('care.definitions.title')} data-testid="care-counts">
        <Link to={link(null)} className={chip(page.state === null)}>
          {t('care.counts.all', { count: page.counts.all })}
        </Link>
        {STATES.map((s) => (
          <Link key={s} to={link(s)} className={chip(page.state === s)} data-testid={`care-count-${s}`}>
            {tt(`care.counts.${s}`, { count: page.counts[s] })}
          </Link>
        ))}
      </nav>
      <details className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700" data-testid="care-definitions" open>
        <summary className="cursor-pointer font-medium">{t('care.definitions.title')}</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>{t('care.definitions.due')}</li>
          <li>{t('care.definitions.dueSoon', { days: page.dueSoonDays })}</li>
          <li>{t('care.definitions.overdue')}</li>
          <li>{t('care.definitions.visited')}</li>
          <li data-testid="care-definitions-meets">{t('care.definitions.meets')}</li>
          <li>{t('care.definitions.kinds')}</li>
        </ul>
        <Link to="/community/care/rules" className="mt-2 inline-block text-brand-700 underline" data-testid="care-rules-link">
          {t('care.rules.link')}
        </Link>
      </details>
      {/* A community whose roster has no one yet (a fresh one): how people join it and which tiers apply. */}
      {page.rows.length === 0 && page.rosterSize === 0 ? (
        <EmptyState title={t('care.emptyRoster.title')} testId="care-roster-none">
          <p>{t('care.emptyRoster.text')}</p>
          <p className="mt-1">{t('care.emptyRoster.rules')}</p>
          <Link to="/community/residents" className="mt-2 inline-block font-medium text-brand-700 underline">
            {t('care.emptyRoster.register')}
          </Link>
        </EmptyState>
      ) : page.rows.length === 0 ? (
        <EmptyState title={t('care.empty')} />
      ) : null}
      {[...groups.entries()].map(([grid, rows]) => (
        <section key={grid} className="space-y-2" data-testid="care-grid-group">
          <h2 className="text-base font-semibold text-slate-800">{grid}</h2>
          <ul className="space-y-2">
            {rows.map((r) => (
              <li key={r.residentId}>
                <Card data-testid="care-row" data-resident-id={r.residentId}>
                  <CardBody className="space-y-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link to={`/community/care/${r.residentId}`} className="text-base font-medium text-brand-700 underline" data-testid="care-row-name">
                        {r.nameHint}
                      </Link>
                      <Badge tone={tierTone(r.tier)}>{tt(`care.tier.${r.tier}`)}</Badge>
                      {r.state ? (
                        <Badge tone={stateTone(r.state)} data-testid="care-row-state">
                          {tt(`care.state.${r.state}`)}
                        </Badge>
                      ) : null}
                      {r.reason && r.reason !== 'routine' ? <Badge tone="info">{tt(`care.reason.${r.reason}`)}</Badge> : null}
                    </div>
                    <p className="break-words text-sm text-slate-600">{r.address || '—'}</p>
                    <p className="text-xs text-slate-500">
                      {r.due ? `${t('care.row.due', { at: r.due })} · ` : null}
                      {r.lastVisit ? t('care.row.lastVisit', { at: r.lastVisit }) : t('care.row.never')}
                      {r.openWindows > 1 ? ` · ${t('care.row.more', { count: r.openWindows - 1 })}` : null}
                    </p>
                    <p className="text-xs text-slate-500">{r.worker ? t('care.row.worker', { name: r.worker }) : t('care.row.noWorker')}</p>
                    <div className="flex flex-wrap gap-2">
                      <Button asChild size="sm">
                        <Link to={`/community/care/${r.residentId}/visit`} data-testid="care-row-visit">
                          {t('care.row.visit')}
                        </Link>
                      </Button>
                      <Button asChild size="sm" variant="secondary">
                        <Link to={`/community/care/${r.residentId}`}>{t('care.row.open')}</Link>
                      </Button>
                    </div>
                  </CardBody>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

const chip = (active: boolean) => `rounded-full px-3 py-1 text-sm ${active ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`;
