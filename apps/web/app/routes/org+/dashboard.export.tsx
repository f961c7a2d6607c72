import type { LoaderFunctionArgs } from '@remix-run/node';
import { compareCommunities } from '@shequ/use-cases';
import { comparisonCsv, comparisonXlsx, download, periodFromUrl, sortFromUrl } from '~/routes/org+/dashboard.server.ts';
import { withActor } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireDashboardScope } from '~/routes/org+/dashboard.scope.server.ts';
import { requireActor } from '~/lib/session.server.ts';

// The comparison as Excel (.xlsx) or CSV, with the same scope checks as the page.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  const url = new URL(request.url);
  const period = periodFromUrl(url);
  return guard(() =>
    withActor(actor, async (tx) => {
      const scope = await requireDashboardScope(tx, actor, ability, 'org');
      const result = await compareCommunities(tx, scope, period, sortFromUrl(url));
      const rows = result.rows.map((r) => ({ name: r.community.name, street: r.community.streetName, rank: r.rank, metrics: r.metrics }));
      const base = `${scope.name}-社区比较-${period.value}`;
      if (url.searchParams.get('format') === 'csv') return download(comparisonCsv(rows, result.total.metrics), `${base}.csv`, 'text/csv; charset=utf-8');
      return download(await comparisonXlsx(`${scope.name} 社区比较`, period, rows, result.total.metrics), `${base}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    }),
  );
}
