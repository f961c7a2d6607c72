import { invitationsLoader } from '~/routes/operator+/imports.server.ts';

// CSV of the admins' invitation links made by one import.
export const loader = invitationsLoader('operator');
