import { ImportsPage } from '~/components/bulk-import/imports-page.tsx';
import { importsAction, importsLoader } from '~/routes/operator+/imports.server.ts';

// Bulk onboarding: upload a file for its dry run; recent imports.
export const loader = importsLoader('org');
export const action = importsAction('org');
export default ImportsPage;
