import { randomBytes, randomUUID } from 'node:crypto';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@shequ/db/testing';
import { queuePrefix } from '@shequ/jobs';
import { type RedisCluster, startRedisCluster } from '@shequ/jobs/testing';
import type * as Queues from '~/lib/queues.server.ts';
import type * as RedisConnections from '~/lib/redis.server.ts';
import type * as ResidentLimits from '~/lib/resident-limits.server.ts';
import type * as Readyz from '~/routes/_api+/readyz.tsx';

// The web app on a real three-node Redis Cluster (decision 032): with REDIS_CLUSTER_NODES its connections are
// Cluster clients. Residents' limits count in the cluster and jobs are enqueued while the slot of the hash-tagged
// prefix moves to another node with its keys; nothing falls back or fails. With that node down, readiness is 503
// within a second. (The worker's side, with jobs flowing, is apps/worker/test/redis-cluster.int.test.ts.)
const prefixBase = `shequ-web-cluster-${randomBytes(4).toString('hex')}`;
const prefix = queuePrefix(prefixBase);
let tdb: TestDatabase;
let cluster: RedisCluster | null = null;
let limits: typeof ResidentLimits;
let connections: typeof RedisConnections;
let queues: typeof Queues;
let readyz: typeof Readyz;

const ready = async () => {
  const started = Date.now();
  const res = await readyz.loader({ context: { isShuttingDown: () => false }, request: new Request('http://localhost/readyz'), params: {} } as unknown as LoaderFunctionArgs);
  return { status: res.status, ms: Date.now() - started, body: (await res.json()) as { checks: Record<string, string> } };
};
/** The count a limit holds in the cluster (read through a Cluster client, wherever the slot is now). */
const counted = async (ip: string) => Number(await connections.redis.get(`${prefix}:limit:submit-ip:${ip}`));

beforeAll(async () => {
  tdb = await createTestDatabase();
  cluster = await startRedisCluster(3);
  // Read once, at import: the app's environment points at the cluster.
  process.env.DATABASE_APP_URL = tdb.appUrl;
  process.env.REDIS_CLUSTER_NODES = cluster.nodes;
  process.env.REDIS_PREFIX = prefixBase;
  process.env.RESIDENT_SUBMITS_PER_IP = '4';
  process.env.RESIDENT_SUBMITS_PER_COMMUNITY = '100000'; // the flow below may exceed the default 600 an hour
  process.env.LOG_LEVEL = 'silent';
  connections = await import('~/lib/redis.server.ts');
  limits = await import('~/lib/resident-limits.server.ts');
  queues = await import('~/lib/queues.server.ts');
  readyz = await import('~/routes/_api+/readyz.tsx');
  for (let i = 0; i < 50 && (connections.redis.status !== 'ready' || connections.limiterRedis.status !== 'ready'); i++) await new Promise((r) => setTimeout(r, 100));
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([connections?.limiterRedis.quit(), connections?.redis.quit()]);
  await cluster?.stop();
  const { db } = await import('~/lib/db.server.ts');
  await db.close();
  await tdb?.drop();
});

describe('the web app on a Redis Cluster', () => {
  it('counts residents’ limits and enqueues jobs in the cluster while the queues’ slot moves, without a failure or a fallback', async () => {
    expect(connections.redis).toBeInstanceOf(Cluster);
    expect(connections.limiterRedis).toBeInstanceOf(Cluster);
    expect((await ready()).status).toBe(200);
    // Limits hold across the cluster: 4 submissions an hour from one address, the fifth refused.
    const first = [];
    for (let i = 0; i < 5; i++) first.push((await limits.takeSubmission('10.1.0.1', 'community-a')).ok);
    expect(first).toEqual([true, true, true, true, false]);
    expect(await counted('10.1.0.1')).toBe(5);

    const slot = Number(await cluster!.node(cluster!.ports[0]!).call('CLUSTER', 'KEYSLOT', prefix));
    const from = await cluster!.owner(slot);
    const to = cluster!.ports.find((p) => p !== from)!;
    // Submissions and jobs keep coming from many addresses while the slot moves.
    let flowing = true;
    const ips: string[] = [];
    const failures: unknown[] = [];
    const flow = (async () => {
      for (let i = 0; flowing; i++) {
        const ip = `10.2.${Math.floor(i / 250)}.${i % 250}`;
        ips.push(ip);
        await Promise.all([
          limits.takeSubmission(ip, 'community-b').then((r) => r.ok || failures.push(`refused ${ip}`)),
          queues.enqueueOnboardingImport({ importId: randomUUID() }).catch((e: Error) => failures.push(e.message)),
          queues.enqueueDeadlineRecompute(2027).catch((e: Error) => failures.push(e.message)),
        ]);
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    const moved = await cluster!.moveSlot(slot, to);
    await new Promise((r) => setTimeout(r, 1000));
    flowing = false;
    await flow;
    console.log(`web on cluster: slot ${slot} moved ${from} → ${to} with ${moved.keys} keys in ${moved.ms} ms; ${ips.length} submissions and ${2 * ips.length} jobs meanwhile`);
    expect(failures).toEqual([]);
    expect(moved.keys).toBeGreaterThan(0);
    expect(await cluster!.owner(slot)).toBe(to);
    // Every submission counted in the cluster (none fell back to the per-process memory limiter).
    const counts = await Promise.all(ips.map(counted));
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    const waiting = await queues.queueCounts();
    expect(waiting?.onboarding?.waiting).toBe(ips.length);
    expect((await ready()).status).toBe(200);
  }, 120_000);

  it('is not ready while the node holding the queues is down, and says so within a second', async () => {
    const slot = Number(await cluster!.node(cluster!.ports[0]!).call('CLUSTER', 'KEYSLOT', prefix));
    await cluster!
      .node(await cluster!.owner(slot))
      .call('SHUTDOWN', 'NOSAVE')
      .catch(() => undefined);
    for (let i = 0; i < 3; i++) {
      const r = await ready();
      console.log(`web readiness with the queues' node down: ${r.status} in ${r.ms} ms ${JSON.stringify(r.body.checks)}`);
      expect(r.status).toBe(503);
      expect(r.ms).toBeLessThan(1000);
      expect(r.body.checks.redis).not.toBe('ok');
      expect(r.body.checks.postgres).toBe('ok');
    }
  }, 60_000);
});
