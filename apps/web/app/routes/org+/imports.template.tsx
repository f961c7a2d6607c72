import { templateLoader } from '~/routes/operator+/imports.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// The bulk onboarding template (CSV with the expected header row).
export const loader = resourceRoute('page', templateLoader('org'));
