import { ImportsPage } from '~/components/bulk-import/imports-page.tsx';
import { importsAction, importsLoader } from '~/routes/operator+/imports.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('bulkImport.title');

// Bulk onboarding: upload a file for its dry run; recent imports.
export const loader = importsLoader('operator');
export const action = importsAction('operator');
export default ImportsPage;
