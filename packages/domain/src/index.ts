// Pure rules: no I/O, no clocks, no randomness. Use cases in @shequ/use-cases apply them.
export * from './org/org-kind.ts';
export * from './org/admin-code.ts';
export * from './org/slug.ts';
export * from './identity/role.ts';
export * from './identity/contact.ts';
export * from './identity/password-policy.ts';
export * from './personal-data/mask.ts';
export * from './cases/lifecycle.ts';
export * from './cases/tracking-code.ts';
export * from './cases/intake.ts';
export * from './time/china-time.ts';
export * from './org/bulk-onboarding.ts';
export * from './time/working-calendar.ts';
export * from './cases/deadlines.ts';
export * from './notifications/kinds.ts';
export * from './metrics/definitions.ts';
export * from './metrics/periods.ts';
