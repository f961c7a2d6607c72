import { invitationsLoader } from '~/routes/operator+/imports.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// CSV of the admins' invitation links made by one import.
export const loader = resourceRoute('page', invitationsLoader('operator'));
