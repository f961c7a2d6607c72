import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportMealClaim } from '@shequ/use-cases';
import { caseDeps } from '~/lib/deps.server.ts';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { mealCaller, monthParam } from './meals.server.ts';

/** The month's subsidy claim for 民政 as an Excel file (a resource route: no page). */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const month = monthParam(request);
  const claim = await runAsStaff(caller, (tx) => exportMealClaim(tx, caller, { month, cipher: caseDeps.cipher }));
  return download(claim.bytes, claim.fileName, FILE_TYPES.xlsx, `meal-claim-${month}.xlsx`);
}
