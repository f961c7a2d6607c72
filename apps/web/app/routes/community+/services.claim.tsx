import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { exportServiceClaim } from '@shequ/use-cases';
import { caseDeps } from '~/lib/deps.server.ts';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { readQueryPeriod } from '~/lib/query-params.ts';
import { chinaToday, mealCaller } from './meals.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

/** The month's subsidy claim for the station's services as an Excel file (a resource route: no page). */
export const loader = resourceRoute('page', async ({ request }: LoaderFunctionArgs) => {
  const caller = await mealCaller(request);
  // A month that cannot be read gives no file (never another month's, as 2026-13 once did): the settlement page of
  // that address says why, in the app's layout (its 400 page), where another month can be chosen.
  const asked = readQueryPeriod(request, 'month', chinaToday().slice(0, 7));
  if (!asked.ok) throw redirect(`/community/services/settlement?${new URL(request.url).searchParams.toString()}`);
  const month = asked.value;
  const claim = await runAsStaff(caller, (tx) => exportServiceClaim(tx, caller, { month, cipher: caseDeps.cipher }));
  return download(claim.bytes, claim.fileName, FILE_TYPES.xlsx, `service-claim-${month}.xlsx`);
});
