export * from './onboarding-file.ts';
export * from './staff-caller.ts';
// An invitation made directly (e2e fixtures: an invitation for an existing account, as onboarding would issue one).
export { createInvitation } from '../accounts/invitations.ts';
