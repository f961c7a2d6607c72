import { ImportsPage } from '~/components/bulk-import/imports-page.tsx';
import { importsAction, importsLoader } from '~/routes/operator+/imports.server.ts';
import { ONBOARDING_FILE_MAX_BYTES } from '@shequ/domain';
import { FORM_OVERHEAD_BYTES, takesBodyUpTo } from '~/lib/body-limit.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('bulkImport.title');

// Bulk onboarding: upload a file for its dry run; recent imports.
export const loader = importsLoader('org');
/** Bodies above this are answered without reading the form (decision 060): a file of 2 MB and the form. */
export const handle = takesBodyUpTo(ONBOARDING_FILE_MAX_BYTES + FORM_OVERHEAD_BYTES);
export const action = importsAction('org', handle);
export default ImportsPage;
