import { ImportReport } from '~/components/bulk-import/import-report.tsx';
import { importAction, importLoader } from '~/routes/operator+/imports.server.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';

// Named by its file: two imports open in two tabs are told apart.
export const meta = pageTitle('bulkImport.title', dataField('fileName'));

// One bulk onboarding file: its dry-run report, the import, its progress and the invitation list.
export const loader = importLoader('org');
export const action = importAction('org');
export default ImportReport;
