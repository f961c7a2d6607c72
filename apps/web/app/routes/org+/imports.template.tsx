import { templateLoader } from '~/routes/operator+/imports.server.ts';

// The bulk onboarding template (CSV with the expected header row).
export const loader = templateLoader('org');
