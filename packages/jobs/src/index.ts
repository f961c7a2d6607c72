export * from './queues.ts';
export * from './redis.ts';
