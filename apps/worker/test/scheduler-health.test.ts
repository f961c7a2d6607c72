import { describe, expect, it } from 'vitest';
import { checkSchedulers, type ScheduledJob, schedulerCheckEvery, type SchedulerState, schedulersHealth } from '../src/scheduler-health.ts';

// Issue 14's readiness line, the part with a clock: the worker is not ready while its job schedulers (the periodic
// sweeps, the deadline reconcile, the outbox relay) cannot be confirmed in Redis. readiness.int checks that /readyz
// answers 503 on what this says; here, what it says when.
describe('the job schedulers’ readiness', () => {
  const every = schedulerCheckEvery(60_000); // 5 s: checked every 5 s unless the deadline reconcile runs more often
  const at = Date.parse('2026-11-30T08:00:00Z');

  it('is checked every 5 s, or every deadline reconcile when that is shorter', () => {
    expect(every).toBe(5000);
    expect(schedulerCheckEvery(2000)).toBe(2000);
  });

  it('is ready when a check found (or recreated) them just now', () => {
    expect(schedulersHealth({ lastCheck: at, error: null }, every, at)).toBe('ok');
    expect(schedulersHealth({ lastCheck: at - 10_000, error: null }, every, at)).toBe('ok');
  });

  it('is not ready before any check succeeded (boot could not reach Redis)', () => {
    expect(schedulersHealth({ lastCheck: 0, error: null }, every, at)).toBe('schedulers not checked recently');
  });

  it('is not ready when the last check failed: missing schedulers that could not be set again', () => {
    expect(schedulersHealth({ lastCheck: at, error: 'Connection is closed.' }, every, at)).toBe('scheduler check failed: Connection is closed.');
  });

  it('gives the checks three intervals and two seconds, then is not ready (the checks stopped or hang)', () => {
    const limit = 3 * every + 2000;
    expect(schedulersHealth({ lastCheck: at - limit, error: null }, every, at)).toBe('ok');
    expect(schedulersHealth({ lastCheck: at - limit - 1, error: null }, every, at)).toBe('schedulers not checked recently');
    // A shorter reconcile shortens the patience with it.
    const fast = schedulerCheckEvery(1000);
    expect(schedulersHealth({ lastCheck: at - 5001, error: null }, fast, at)).toBe('schedulers not checked recently');
  });

  it('reads the clock when no moment is given', () => {
    expect(schedulersHealth({ lastCheck: Date.now(), error: null }, every)).toBe('ok');
  });
});

describe('a check of the job schedulers', () => {
  const job = (name: string, queue: ScheduledJob['queue']): ScheduledJob => ({ name, every: 5000, opts: { removeOnComplete: true }, queue });

  it('sets the missing ones again and records a successful check, which readiness then reads as ok', async () => {
    const set: string[] = [];
    const queue: ScheduledJob['queue'] = {
      getJobScheduler: async (name) => (name === 'relay' ? null : { name }),
      upsertJobScheduler: async (name, repeat, template) => {
        expect(repeat).toEqual({ every: 5000 });
        expect(template).toEqual({ name, data: {}, opts: { removeOnComplete: true } });
        set.push(name);
      },
    };
    const state: SchedulerState = { recreated: 0, lastCheck: 0, missing: [], error: null };
    // At boot (never checked): set again, not counted as a repair.
    expect(await checkSchedulers([job('sweep', queue), job('relay', queue)], state, () => 1000)).toEqual(['relay']);
    expect(set).toEqual(['relay']);
    expect(state).toMatchObject({ lastCheck: 1000, error: null, recreated: 0 });
    expect(schedulersHealth(state, 5000, 1000)).toBe('ok');
    // Later, missing again (Redis lost them): set again and counted.
    expect(await checkSchedulers([job('relay', queue)], state, () => 6000)).toEqual(['relay']);
    expect(state).toMatchObject({ lastCheck: 6000, recreated: 1 });
  });

  it('records Redis refusing, and readiness then says the check failed; the last good check is kept', async () => {
    const state: SchedulerState = { recreated: 0, lastCheck: 1000, missing: [], error: null };
    const down: ScheduledJob['queue'] = {
      getJobScheduler: async () => {
        throw new Error('Connection is closed.');
      },
      upsertJobScheduler: async () => undefined,
    };
    expect(await checkSchedulers([job('sweep', down)], state, () => 2000)).toEqual([]);
    expect(state).toMatchObject({ lastCheck: 1000, error: 'Connection is closed.' });
    expect(schedulersHealth(state, 5000, 2000)).toBe('scheduler check failed: Connection is closed.');
  });
});
