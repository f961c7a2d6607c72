import { pino } from 'pino';

/** Process-level log for events outside a request (the request logger is context.log). */
export const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'web' }, timestamp: pino.stdTimeFunctions.isoTime });
