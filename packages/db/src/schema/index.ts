export * from './org.ts';
export * from './identity.ts';
export * from './community.ts';
export * from './cases.ts';
export * from './escalation.ts';
export * from './notifications.ts';
export * from './rollups.ts';
export * from './residents.ts';
