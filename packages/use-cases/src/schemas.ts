// The input schemas (issue 12: one Zod schema per input), each defined once beside its use case (`*.schema.ts`)
// and used three times: by Conform in the browser, by the route (through apps/web/app/lib/forms.server.ts) and by
// the use case. This entry point holds nothing that needs a server (zod and the domain's pure rules only), so the
// web app can bundle it for the browser. Messages are i18n keys (zh-CN and en; apps/web/test/forms.test.ts).
export { messageKeyErrorMap, splitMessage, VALIDATION_KEYS, z } from './zod.ts';
export * from './auth/sign-in.schema.ts';
export * from './auth/reset-password.schema.ts';
export * from './preferences/preferences.schema.ts';
export * from './cases/submit-case.schema.ts';
export * from './cases/resident-actions.schema.ts';
export * from './notifications/inbox.schema.ts';
export * from './settings/reply-templates.schema.ts';
export * from './grids/manage-grids.schema.ts';
export * from './qr/qr-codes.schema.ts';
export * from './notifications/deliver.schema.ts';
export * from './onboarding/set-community-status.schema.ts';
export * from './org/manage-org-units.schema.ts';
export * from './deadlines/calendars.schema.ts';
export * from './accounts/invitations.schema.ts';
export * from './deadlines/sla-settings.schema.ts';
export * from './onboarding/onboard-community.schema.ts';
export * from './onboarding/bulk/check-file.schema.ts';
export * from './cases/act-on-case.schema.ts';
// Accounts (issue 13).
export * from './accounts/invite-unit-account.schema.ts';
export * from './accounts/change-membership-role.schema.ts';
export * from './accounts/remove-membership.schema.ts';
export * from './accounts/reissue-unit-invitation.schema.ts';
export * from './accounts/unit-accounts-form.schema.ts';
export * from './auth/request-password-reset-code.schema.ts';
export * from './auth/reset-password-with-code.schema.ts';
// The residents' register (decision 034): its schemas and refusal codes.
export * from './residents/schemas.ts';
export { RESIDENT_REFUSALS, type ResidentRefusal } from './residents/refusals.ts';
// Meal help (decision 038).
export * from './meals/meals.schema.ts';
export * from './school/school.schema.ts';
export * from './elder-services/elder-services.schema.ts';
// The co-governance committee (issue 18, decision 037).
export * from './cogovernance/consultation.schema.ts';
// Residents' sign-in by text-message code (decision 035).
export * from './resident-access/resident-sign-in.schema.ts';
export * from './cogovernance/partners.schema.ts';
export * from './cogovernance/committee-forms.schema.ts';
// Visiting care (decision 039).
export * from './care/schemas.ts';
// Volunteer service (issue 17, decision 036).
export * from './volunteers/volunteers.schema.ts';
export * from './volunteers/volunteer-pages.schema.ts';
// The party organisation (issue 16).
export * from './party/party.schema.ts';
