// Demo data for development, tests and benches (`@shequ/use-cases/seed`); never called by a request.
export * from './demo.ts';
export * from './demo-history.ts';
export * from './seeded-random.ts';
export * from './demo-residents.ts';
export * from './demo-care.ts';
export * from './demo-meals.ts';
export * from './demo-cogovernance.ts';
export * from './demo-party.ts';
export * from './demo-school.ts';
export * from './demo-services.ts';
export * from './demo-volunteers.ts';
