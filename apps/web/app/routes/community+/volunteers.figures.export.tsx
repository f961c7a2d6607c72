import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportVolunteerFigures } from '@shequ/use-cases';
import { caseDeps } from '~/lib/deps.server.ts';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { queryYear } from '~/lib/query-params.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

/** The year's volunteer figures as an Excel file (a resource route: no page); names are opened, so it is audited. */
export const loader = resourceRoute('page', async ({ request }: LoaderFunctionArgs) => {
  const caller = await requireActor(request, 'community');
  const year = queryYear(request);
  const file = await runAsStaff(caller, (tx) => exportVolunteerFigures(tx, caller, { year, cipher: caseDeps.cipher }));
  return download(file.bytes, file.fileName, FILE_TYPES.xlsx, `volunteers-${year}.xlsx`);
});
