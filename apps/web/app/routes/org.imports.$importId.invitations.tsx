import { invitationsLoader } from '~/lib/bulk-import.server.ts';

// CSV of the admins' invitation links made by one import.
export const loader = invitationsLoader('org');
