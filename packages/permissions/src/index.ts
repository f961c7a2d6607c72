export * from './actor.ts';
export * from './ability.ts';
export * from './forbidden.ts';
