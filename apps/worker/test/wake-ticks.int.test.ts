import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createRedis, QUEUES, queuePrefix } from '@shequ/jobs';
import { forgetWakeTicks, scheduleWakeTicks } from '../src/handlers/index.ts';
import { REDIS_URL } from './support.ts';

const prefix = queuePrefix(`shequ-test-ticks-${randomBytes(4).toString('hex')}`);
const redis = createRedis(REDIS_URL, 'worker');
const queue = new Queue(QUEUES.deadlines, { connection: redis, prefix });

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.quit();
});

/** The reconcile sweep sets only the timers it has not set before (issue 14: 2,400 repeated adds every 15 s). */
describe('deadline timers set once per instant', () => {
  it('adds a new instant once, skips those set before, sets them all again after forgetting (Redis lost)', async () => {
    forgetWakeTicks();
    const now = Date.now();
    const ticks = [now + 60_000, now + 60_250, now + 60_500];
    expect(await scheduleWakeTicks(queue, ticks, now)).toHaveLength(3);
    expect(await queue.getDelayedCount()).toBe(3);
    // The next sweep finds the same instants and one more: only the new one is added.
    const next = [...ticks, now + 60_750];
    expect((await scheduleWakeTicks(queue, next, now)).map((j) => j.data.at)).toEqual([now + 60_750]);
    expect(await queue.getDelayedCount()).toBe(4);
    // Redis lost its data: the timers are gone and, once forgotten, every one is set again.
    await queue.obliterate({ force: true });
    expect(await scheduleWakeTicks(queue, next, now)).toHaveLength(0);
    forgetWakeTicks();
    expect(await scheduleWakeTicks(queue, next, now)).toHaveLength(4);
    expect(await queue.getDelayedCount()).toBe(4);
  });

  it('forgets instants that have passed, so the memory stays the horizon’s size', async () => {
    forgetWakeTicks();
    const now = Date.now();
    await scheduleWakeTicks(queue, [now + 120_000], now);
    // Later than that instant, the same number is new again (it was dropped as past, not kept for ever).
    expect(await scheduleWakeTicks(queue, [now + 120_000], now + 130_000)).toHaveLength(1);
  });
});
