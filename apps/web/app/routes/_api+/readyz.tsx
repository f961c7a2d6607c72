import type { LoaderFunctionArgs } from '@remix-run/node';
import { pingDatabase } from '@shequ/db';
import { db } from '~/lib/db.server.ts';
import { redis } from '~/lib/redis.server.ts';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

// Readiness: PostgreSQL and Redis answer and we are not shutting down. Load balancers stop sending traffic on 503.
export async function loader({ context }: LoaderFunctionArgs) {
  const checks: Record<string, string> = { shutdown: context.isShuttingDown() ? 'shutting down' : 'ok' };
  await Promise.all([
    withTimeout(pingDatabase(db), 2000).then(
      () => (checks.postgres = 'ok'),
      (e: Error) => (checks.postgres = e.message),
    ),
    withTimeout(redis.ping(), 2000).then(
      (pong) => (checks.redis = pong === 'PONG' ? 'ok' : 'no pong'),
      (e: Error) => (checks.redis = e.message),
    ),
  ]);
  const ok = Object.values(checks).every((v) => v === 'ok');
  return Response.json({ status: ok ? 'ok' : 'unavailable', checks }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
