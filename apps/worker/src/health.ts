import { createServer, type Server } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '@shequ/db';

export type Probe = () => Promise<Record<string, 'ok' | string>>;

/**
 * /healthz: the process is alive. /readyz: it can do work (PostgreSQL and Redis answer, not shutting down);
 * an orchestrator stops routing to it, or restarts it, on failure. /metrics: queue counts and deadline lateness.
 */
export function startHealthServer(port: number, metrics: () => Promise<unknown>, ready: Probe): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      try {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await metrics()));
      } catch (e) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (e as Error).message }));
      }
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (path === '/readyz') {
      const checks = await ready();
      const ok = Object.values(checks).every((v) => v === 'ok');
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks }));
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(port, '0.0.0.0', () => resolve(server)));
}

/** Whether a process can work: PostgreSQL and Redis answer, and it is not shutting down. */
export async function probeReadiness(db: Db, redis: Redis, shuttingDown: boolean): Promise<Record<string, string>> {
  const checks: Record<string, string> = { shutdown: shuttingDown ? 'shutting down' : 'ok' };
  try {
    await db.execute(sql`select 1`);
    checks.postgres = 'ok';
  } catch (e) {
    checks.postgres = (e as Error).message;
  }
  try {
    checks.redis = (await redis.ping()) === 'PONG' ? 'ok' : 'no pong';
  } catch (e) {
    checks.redis = (e as Error).message;
  }
  return checks;
}
