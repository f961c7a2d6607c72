import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ResidentLimits from '~/lib/resident-limits.server.ts';
import type * as RedisConnections from '~/lib/redis.server.ts';

// The residents' rate limits against a real Redis reached through a proxy that can hang: it keeps the connections
// open and stops answering, as a stuck Redis or a network partition without resets does. Submissions must not
// hang with it, the limits must not switch off, and Redis must be used again once it answers.
const REDIS_URL = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `shequ-limits-${randomBytes(4).toString('hex')}`;

function hangingProxy() {
  let hung = false;
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(REDIS_URL.port || 6379), REDIS_URL.hostname);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    if (hung) for (const s of pair) s.pause(); // a reconnection made while hung hangs too
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of pair) s.on('error', end).on('close', end);
  });
  return {
    server,
    /** Stops (or resumes) reading and forwarding on every connection, without closing any. */
    hang(on: boolean) {
      hung = on;
      for (const pair of pairs) {
        for (const s of pair) {
          if (hung) s.pause();
          else s.resume();
        }
      }
    },
  };
}

const proxy = hangingProxy();
const direct = new Redis(REDIS_URL.toString(), { lazyConnect: true });
// Imported after REDIS_URL points at the proxy (the app reads its environment once, at import).
let limits: typeof ResidentLimits;
let connections: typeof RedisConnections;

beforeAll(async () => {
  await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
  process.env.REDIS_URL = `redis://127.0.0.1:${(proxy.server.address() as net.AddressInfo).port}`;
  process.env.REDIS_PREFIX = prefix;
  process.env.RESIDENT_SUBMITS_PER_IP = '4';
  process.env.LOG_LEVEL = 'silent';
  limits = await import('~/lib/resident-limits.server.ts');
  connections = await import('~/lib/redis.server.ts');
  await direct.connect();
  for (let i = 0; i < 50 && connections.limiterRedis.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  proxy.hang(false);
  await Promise.allSettled([connections?.limiterRedis.quit(), connections?.redis.quit()]);
  const keys = await direct.keys(`*${prefix}*`);
  if (keys.length) await direct.del(...keys);
  direct.disconnect();
  await new Promise((r) => proxy.server.close(r));
});

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};
const counted = async (ip: string) => Number(await direct.get(`${connections.redisPrefix}:limit:submit-ip:${ip}`));

describe('resident limits when Redis hangs', () => {
  it('count in Redis while it answers', async () => {
    expect((await limits.takeSubmission('10.0.0.1', 'community-a')).ok).toBe(true);
    expect(await counted('10.0.0.1')).toBe(1);
  });

  it('do not hang with it, stay on in memory, and go back to Redis once it answers', async () => {
    proxy.hang(true);
    // The first submission waits for the command timeout (1 s), not for Redis.
    const first = await timed(() => limits.takeSubmission('10.0.0.2', 'community-a'));
    expect(first.result.ok).toBe(true);
    expect(first.ms).toBeLessThan(2500);
    // The next ones do not wait at all, and the limit still holds (4 an hour from one IP).
    const next = await timed(() => limits.takeSubmission('10.0.0.2', 'community-a'));
    expect(next.ms).toBeLessThan(200);
    const more = [await limits.takeSubmission('10.0.0.2', 'community-a'), await limits.takeSubmission('10.0.0.2', 'community-a'), await limits.takeSubmission('10.0.0.2', 'community-a')];
    expect(more.map((r) => r.ok)).toEqual([true, true, false]);

    proxy.hang(false);
    await new Promise((r) => setTimeout(r, 5200)); // REDIS_RETRY_MS
    expect((await limits.takeSubmission('10.0.0.3', 'community-a')).ok).toBe(true);
    expect(await counted('10.0.0.3')).toBe(1);
  }, 20_000);
});
