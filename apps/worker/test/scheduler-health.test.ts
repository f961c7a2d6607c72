import { describe, expect, it } from 'vitest';
import { schedulerCheckEvery, schedulersHealth } from '../src/scheduler-health.ts';

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
