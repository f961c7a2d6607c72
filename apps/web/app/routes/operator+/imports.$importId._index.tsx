import { ImportReport } from '~/components/bulk-import/import-report.tsx';
import { importAction, importLoader } from '~/routes/operator+/imports.server.ts';

// One bulk onboarding file: its dry-run report, the import, its progress and the invitation list.
export const loader = importLoader('operator');
export const action = importAction('operator');
export default ImportReport;
