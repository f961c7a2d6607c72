import type { LoaderFunctionArgs } from '@remix-run/node';
import { pingDatabase } from '@shequ/db';
import { db } from '~/lib/db.server.ts';
import { redisReady } from '@shequ/jobs';
import { redis, redisPrefix } from '~/lib/redis.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

/** Each check gives up after this, so the answer comes within a second whatever hangs behind it. */
const CHECK_MS = 700;

// Readiness: PostgreSQL and Redis answer and we are not shutting down. Load balancers stop sending traffic on 503.
// Redis is asked for a key under the queues' prefix: on a cluster, the node that holds the queues' slot answers.
export const loader = resourceRoute('json', async ({ context }: LoaderFunctionArgs) => {
  const checks: Record<string, string> = { shutdown: context.isShuttingDown() ? 'shutting down' : 'ok' };
  await Promise.all([
    withTimeout(pingDatabase(db), CHECK_MS).then(
      () => (checks.postgres = 'ok'),
      (e: Error) => (checks.postgres = e.message),
    ),
    withTimeout(redisReady(redis, redisPrefix), CHECK_MS).then(
      (ok) => (checks.redis = ok),
      (e: Error) => (checks.redis = e.message),
    ),
  ]);
  const ok = Object.values(checks).every((v) => v === 'ok');
  return Response.json({ status: ok ? 'ok' : 'unavailable', checks }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
});
