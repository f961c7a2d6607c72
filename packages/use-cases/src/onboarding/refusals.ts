import { defineRefusals } from '../refusal.ts';

/** Refusals of onboarding a community (one by one and from a file). */
export const ONBOARDING_REFUSALS = defineRefusals({
  invalid: [
    'onboarding.street.invalid',
    'onboarding.name.invalid',
    'onboarding.slug.invalid',
    'onboarding.code.invalid',
    'onboarding.adminName.invalid',
    'onboarding.adminMobile.invalid',
    'onboarding.adminMobile.required',
    'onboarding.adminEmail.invalid',
    'bulkImport.empty',
    'bulkImport.tooLarge',
    'bulkImport.tooManyRows',
    'bulkImport.unreadable',
    'bulkImport.oldExcel',
    'bulkImport.missingColumns',
  ],
  notFound: ['onboarding.notFound', 'bulkImport.notFound'],
  conflict: ['onboarding.name.taken', 'onboarding.slug.taken', 'onboarding.code.taken', 'onboarding.noPendingAdmin', 'bulkImport.nothingToImport'],
  unavailable: ['bulkImport.queueDown'],
});
