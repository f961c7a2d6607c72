// The worker's entry point. With WORKER_PROCESSES > 1 (for machines where PostgreSQL runs elsewhere) a supervisor forks that many
// worker processes (process.ts) — deadline wake-ups are CPU-bound in the worker, so a post-holiday burst drains on
// every core — restarts any that dies, answers health checks, and stops them all cleanly on SIGTERM. With 1, the
// single process does everything itself.
import cluster from 'node:cluster';
import { readEnv } from './env.ts';

const env = readEnv();
if (cluster.isPrimary && env.WORKER_PROCESSES > 1) await import('./supervisor.ts');
else await import('./process.ts');
