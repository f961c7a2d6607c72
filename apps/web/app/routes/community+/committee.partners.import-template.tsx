import type { LoaderFunctionArgs } from '@remix-run/node';
import { partnerImportTemplate } from '@shequ/use-cases';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { committeeCaller } from './committee.server.ts';

/**
 * The partner units' import template (issue 18, as the residents' one): an .xlsx with the columns the import reads
 * and one example row (partnerImportTemplate; only those who may import units get it, others the 403 page).
 */
export const loader = resourceRoute('page', async ({ request }: LoaderFunctionArgs) => {
  const caller = await committeeCaller(request);
  const { fileName, bytes } = await runAsStaff(caller, (tx) => partnerImportTemplate(tx, caller));
  return download(bytes, fileName, FILE_TYPES.xlsx, 'partners-template.xlsx');
});
