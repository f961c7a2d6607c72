import type { LoaderFunctionArgs } from '@remix-run/node';
import { residentImportTemplate } from '@shequ/use-cases';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { registerCaller } from './residents.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

/**
 * The residents' import template (issue 16): an .xlsx with the columns the import reads and one example row, built
 * for the caller's community (residentImportTemplate; only those who may import get it, others the 403 page).
 */
export const loader = resourceRoute('page', async ({ request }: LoaderFunctionArgs) => {
  const caller = await registerCaller(request);
  const { fileName, bytes } = await runAsStaff(caller, (tx) => residentImportTemplate(tx, caller));
  return download(bytes, fileName, FILE_TYPES.xlsx, 'residents-template.xlsx');
});
