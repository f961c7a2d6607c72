export * from './onboarding-file.ts';
export * from './staff-caller.ts';
