// The forms' Zod schemas, one beside each use case (issue 13): safe for the browser (no database, no Node), so a page
// validates with the same schema as the server (Conform). Messages are i18n keys.
export * from './accounts/invite-unit-account.schema.ts';
export * from './accounts/change-membership-role.schema.ts';
export * from './accounts/remove-membership.schema.ts';
export * from './accounts/reissue-unit-invitation.schema.ts';
export * from './auth/request-password-reset-code.schema.ts';
export * from './auth/reset-password-with-code.schema.ts';
// The residents' register (decision 034): its schemas and refusal codes.
export * from './residents/schemas.ts';
export { RESIDENT_REFUSALS, type ResidentRefusal, residentRefusalKey } from './residents/refusals.ts';
