import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportServiceClaim } from '@shequ/use-cases';
import { caseDeps } from '~/lib/deps.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { mealCaller, monthParam } from './meals.server.ts';

/** The month's subsidy claim for the station's services as an Excel file (a resource route: no page). */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const month = monthParam(request);
  const claim = await runAsStaff(caller, (tx) => exportServiceClaim(tx, caller, { month, cipher: caseDeps.cipher }));
  return new Response(claim.bytes, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="service-claim-${month}.xlsx"; filename*=UTF-8''${encodeURIComponent(claim.fileName)}`,
      'Cache-Control': 'no-store',
    },
  });
}
