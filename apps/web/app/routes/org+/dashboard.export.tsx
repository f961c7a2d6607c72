import type { LoaderFunctionArgs } from '@remix-run/node';
import { compareCommunities } from '@shequ/use-cases';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { comparisonFilterFromUrl, exportRefusal, figuresCsv, figuresXlsx, periodFromUrl, sortFromUrl } from '~/routes/org+/dashboard.server.ts';
import { withActor } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireDashboardScope } from '~/routes/org+/dashboard.scope.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// The comparison as Excel (.xlsx) or CSV, with the same scope checks, period and filters as the page.
export const loader = resourceRoute('page', async ({ request }: LoaderFunctionArgs) => {
  const { actor, ability } = await requireActor(request, 'org');
  const url = new URL(request.url);
  const choice = periodFromUrl(url);
  return guard(() =>
    withActor(actor, async (tx) => {
      const scope = await requireDashboardScope(tx, { actor, ability }, 'org');
      if (!choice.ok) return exportRefusal(choice);
      const { period } = choice;
      const result = await compareCommunities(tx, { actor, ability }, { scope, period, sortBy: sortFromUrl(url), filter: comparisonFilterFromUrl(url) });
      const table = {
        title: `${scope.name} 社区比较`,
        period,
        rowsAre: 'community' as const,
        rows: result.rows.map((r) => ({ name: r.community.name, street: r.community.streetName, rank: r.rank, metrics: r.metrics })),
        total: result.total.metrics,
      };
      const base = `${scope.name}-社区比较-${period.value}`;
      if (url.searchParams.get('format') === 'csv') return download(figuresCsv(table), `${base}.csv`, FILE_TYPES.csv);
      return download(await figuresXlsx(table), `${base}.xlsx`, FILE_TYPES.xlsx);
    }),
  );
});
