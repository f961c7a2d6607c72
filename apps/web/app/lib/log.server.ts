import { pino } from 'pino';

/**
 * Process-level log for events outside a request (the request logger is context.log): the web process's one log
 * (server-app.mjs), so both share a destination; a log of its own where the app runs without it (tests).
 */
export const log =
  globalThis.__shequLog ?? pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'web' }, timestamp: pino.stdTimeFunctions.isoTime });
