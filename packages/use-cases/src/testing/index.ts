export * from './onboarding-file.ts';
