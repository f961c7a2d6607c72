import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Db } from '@shequ/db';
import { anonymousCaller, readWorkLag } from '@shequ/use-cases';
import { type RedisClient, redisReady } from '@shequ/jobs';
import { metricsAllowed } from './metrics-access.ts';

export type Probe = () => Promise<Record<string, 'ok' | string>>;

/**
 * Every health answer is given within this (ms), whatever hangs behind it (a Redis that never answers, say). The
 * promise is one second; the rest is left for a busy event loop (measured on a loaded two-core machine with a
 * Redis Cluster node down: answers given at 900 ms arrived after up to 1.5 s).
 */
export const HEALTH_ANSWER_MS = 700;

/** The value of `work`, or `fallback` if it takes longer than `ms` or fails; never throws. */
export async function within<T>(work: () => Promise<T>, ms: number, fallback: (reason: string) => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<T>((resolve) => {
        timer = setTimeout(() => resolve(fallback(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } catch (e) {
    return fallback((e as Error).message ?? String(e));
  } finally {
    clearTimeout(timer);
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * /healthz: the process is alive. /readyz: it can do work (see probeReadiness); 503 otherwise, always within a
 * second. /metrics: queue counts, scheduler repairs and deadline lateness; 503 with the reason if they cannot be
 * read in time. No request can take the process down: every error ends in a response.
 */
export function startHealthServer(port: number, metrics: () => Promise<unknown>, ready: Probe, metricsToken?: string): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/metrics') {
        if (!metricsAllowed(req, metricsToken)) return send(res, 403, { error: 'metrics: localhost or METRICS_TOKEN only' });
        type Answer = { ok: true; value: unknown } | { ok: false; error: string };
        const body = await within<Answer>(async () => ({ ok: true, value: await metrics() }), HEALTH_ANSWER_MS, (error) => ({ ok: false, error }));
        return body.ok ? send(res, 200, body.value) : send(res, 503, { error: body.error });
      }
      if (path === '/healthz') return send(res, 200, { status: 'ok' });
      if (path === '/readyz') {
        const checks = await within(ready, HEALTH_ANSWER_MS, (error) => ({ probe: error }));
        const ok = Object.values(checks).every((v) => v === 'ok');
        return send(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks });
      }
      send(res, 404, { error: 'not found' });
    })().catch((e) => send(res, 500, { error: (e as Error).message }));
  });
  return new Promise((resolve) => server.listen(port, '0.0.0.0', () => resolve(server)));
}

/** How old the oldest unsent message and the oldest overdue wake-up may get before the worker says it is behind. */
export const READY_MAX_LAG_MS = 2 * 60 * 1000;

/**
 * Whether a process can work: not shutting down; PostgreSQL and Redis answer (each within the answer time; on a
 * Redis Cluster, the node that holds the queues' slot);
 * its job schedulers exist; and neither a pending outbox message nor a due deadline has waited longer than
 * READY_MAX_LAG_MS (work is happening, not just possible).
 */
export async function probeReadiness(db: Db, redis: RedisClient, prefix: string, shuttingDown: boolean, schedulers: () => string = () => 'ok'): Promise<Record<string, string>> {
  const ms = HEALTH_ANSWER_MS - 100;
  const checks: Record<string, string> = { shutdown: shuttingDown ? 'shutting down' : 'ok', schedulers: schedulers() };
  const [postgres, redisCheck] = await Promise.all([
    within(
      async () => {
        // Each age read in its system scope (the sweeps' own), as row-level security requires across communities.
        const { outboxMs, deadlineMs } = await readWorkLag(db, anonymousCaller(), { label: 'readiness' });
        const lag = (v: number | null, what: string) => (v != null && v > READY_MAX_LAG_MS ? `${what} waiting ${Math.round(v / 1000)} s` : 'ok');
        return { postgres: 'ok', outbox: lag(outboxMs, 'oldest pending message'), deadlines: lag(deadlineMs, 'oldest due deadline') };
      },
      ms,
      (error) => ({ postgres: error }) as Record<string, string>,
    ),
    // A read under the queues' prefix: on a cluster, answered by the node that holds the queues (see redisReady).
    within(() => redisReady(redis, prefix), ms, (error) => error),
  ]);
  return { ...checks, ...postgres, redis: redisCheck };
}
