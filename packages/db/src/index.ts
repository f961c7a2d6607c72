export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export { newId } from './schema/columns.ts';
export * from './client.ts';
export * from './scope.ts';
export * from './pipeline.ts';
export * from './errors.ts';
export * from './like.ts';
export * from './uuid-array.ts';
