import { templateLoader } from '~/lib/bulk-import.server.ts';

// The bulk onboarding template (CSV with the expected header row).
export const loader = templateLoader('org');
