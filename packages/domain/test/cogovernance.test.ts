import { describe, expect, it } from 'vitest';
import {
  adoptionProblem,
  claimStartTooEarly,
  earliestMeetingStart,
  meetingStartTooEarly,
  occurrencesAhead,
  meetingActTooEarly,
  occurrenceHorizon,
  peopleServedMax,
  DEFAULT_CONSULTATION_RULES as R,
  normalizeCode,
  occurrenceStatus,
  promiseCounts,
  promiseRate,
  quorumMet,
  quorumNeeded,
  seatFor,
  thresholdMet,
  votesNeeded,
  weightedProgress,
} from '../src/index.ts';

// Issue 18: the committee's pure rules at their edges (POLICY.md 四议两公开: ≥ 2/3 attending, > 1/2 of those present).
describe('quorum and threshold', () => {
  it('counts two thirds exactly, with integers', () => {
    expect(quorumMet(R, 9, 6)).toBe(true);
    expect(quorumMet(R, 9, 5)).toBe(false);
    expect(quorumMet(R, 10, 7)).toBe(true); // 6.67 → 7
    expect(quorumMet(R, 10, 6)).toBe(false);
    expect(quorumMet(R, 0, 0)).toBe(false);
    expect(quorumNeeded(R, 10)).toBe(7);
    expect(quorumNeeded(R, 9)).toBe(6);
  });
  it('needs more than half of those present, abstentions included', () => {
    expect(thresholdMet(R, 6, 3)).toBe(false);
    expect(thresholdMet(R, 6, 4)).toBe(true);
    expect(thresholdMet(R, 7, 4)).toBe(true);
    expect(votesNeeded(R, 6)).toBe(4);
    expect(votesNeeded(R, 7)).toBe(4);
    expect(adoptionProblem(R, 9, 6, { for: 3, against: 0, abstain: 3 })).toBe('threshold');
    expect(adoptionProblem(R, 9, 5, { for: 5, against: 0, abstain: 0 })).toBe('quorum');
    expect(adoptionProblem(R, 9, 6, { for: 5, against: 1, abstain: 1 })).toBe('tooManyVotes');
    expect(adoptionProblem(R, 9, 6, { for: 4, against: 1, abstain: 1 })).toBeNull();
  });
});

describe('seats, codes, progress, promises kept', () => {
  it('seats up to capacity', () => {
    expect(seatFor(2, 1)).toBe('registered');
    expect(seatFor(2, 2)).toBe('waitlisted');
    expect(seatFor(null, 500)).toBe('registered');
  });
  it('reads a typed code loosely and refuses characters a slip never has', () => {
    expect(normalizeCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeCode('ABCDEFG0')).toBeNull();
    expect(normalizeCode('ABC')).toBeNull();
  });
  it('weights sub-items and reaches 100 only when all are done', () => {
    expect(weightedProgress(0, [{ weight: 3, progress: 100 }, { weight: 1, progress: 0 }])).toBe(75);
    expect(weightedProgress(0, [{ weight: 1, progress: 99 }, { weight: 1, progress: 100 }])).toBe(99);
    expect(weightedProgress(40, [])).toBe(40);
  });
  it('computes 承诺兑现率 from occurrences due, leaving out cancelled and future ones', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const at = (d: string) => new Date(d);
    const occ = [
      { status: 'delivered' as const, startsAt: at('2026-09-12T01:00:00Z') },
      { status: 'delivered' as const, startsAt: at('2026-10-10T01:00:00Z') },
      { status: 'missed' as const, startsAt: at('2026-11-14T01:00:00Z') },
      { status: 'scheduled' as const, startsAt: at('2026-08-08T01:00:00Z') }, // never checked in: missed
      { status: 'cancelled' as const, startsAt: at('2026-07-11T01:00:00Z') },
      { status: 'scheduled' as const, startsAt: at('2026-12-12T01:00:00Z') }, // not yet due
    ];
    expect(promiseRate(occ, now)).toBe(50);
    expect(promiseRate(occ.slice(0, 3), now)).toBe(66.7);
    expect(promiseRate([], now)).toBeNull();
    // The counts shown beside the rate are its own numerator and denominator (应履约 4 = delivered 2 + missed 2), the
    // one to come apart; each occurrence listed as counted (the one never checked in: missed).
    expect(promiseCounts(occ, now)).toEqual({ due: 4, kept: 2, upcoming: 1 });
    expect(occ.map((o) => occurrenceStatus(o, now))).toEqual(['delivered', 'delivered', 'missed', 'missed', 'cancelled', 'scheduled']);
  });
});

describe('service post recurrence', () => {
  it('finds the second Saturday of each month at its time, China time', async () => {
    const { occurrencesBetween } = await import('../src/index.ts');
    expect(occurrencesBetween('monthly:2:6', '09:30', '2026-09-01', '2026-11-30').map((d) => d.toISOString())).toEqual([
      '2026-09-12T01:30:00.000Z',
      '2026-10-10T01:30:00.000Z',
      '2026-11-14T01:30:00.000Z',
    ]);
    expect(occurrencesBetween('weekly:3', '14:00', '2026-11-01', '2026-11-14')).toHaveLength(2);
    expect(occurrencesBetween('monthly:5:6', '09:00', '2026-11-01', '2026-11-30')).toHaveLength(0);
    expect(occurrencesBetween('daily', '09:00', '2026-11-01', '2026-11-30')).toEqual([]);
  });
});

describe('a meeting’s record and a post’s occurrences (decision 062)', () => {
  it('opens attendance an hour before the start and votes at the start', () => {
    const start = new Date('2026-12-03T06:30:00Z');
    expect(meetingActTooEarly('attendance', start, new Date('2026-12-03T05:29:59Z'))).toBe(true);
    expect(meetingActTooEarly('attendance', start, new Date('2026-12-03T05:30:00Z'))).toBe(false);
    expect(meetingActTooEarly('vote', start, new Date('2026-12-03T06:29:59Z'))).toBe(true);
    expect(meetingActTooEarly('vote', start, start)).toBe(false);
  });

  it('generates three months ahead across the year end and bounds the people served', () => {
    expect(occurrenceHorizon('2026-11-30')).toBe('2027-02-28');
    expect(occurrenceHorizon('2026-12-31')).toBe('2027-03-31');
    expect(occurrenceHorizon('2027-11-30')).toBe('2028-02-29');
    expect(peopleServedMax(20)).toBe(40);
    expect(peopleServedMax(null)).toBe(500);
  });
});

describe('what is scheduled is scheduled ahead (decision 074)', () => {
  it('a meeting starts from the next whole minute; a claim from today; occurrences only after now', () => {
    const now = new Date('2026-11-30T02:00:30Z'); // 10:00:30 China time
    expect(earliestMeetingStart(now)).toEqual(new Date('2026-11-30T02:01:00Z'));
    expect(earliestMeetingStart(new Date('2026-11-30T02:00:00Z'))).toEqual(new Date('2026-11-30T02:01:00Z'));
    expect(meetingStartTooEarly(new Date('2026-11-30T02:00:00Z'), now)).toBe(true);
    expect(meetingStartTooEarly(new Date('2026-11-29T06:30:00Z'), now)).toBe(true);
    expect(meetingStartTooEarly(new Date('2026-11-30T02:01:00Z'), now)).toBe(false);
    expect(claimStartTooEarly('2026-11-29', '2026-11-30')).toBe(true);
    expect(claimStartTooEarly('2026-11-30', '2026-11-30')).toBe(false);
    // Mondays at 09:00 China time; at 10:00 on Monday 30 November that day's has passed.
    expect(occurrencesAhead('weekly:1', '09:00', '2026-11-30', '2026-12-07', now).map((d) => d.toISOString())).toEqual(['2026-12-07T01:00:00.000Z']);
    expect(occurrencesAhead('weekly:1', '09:00', '2026-11-30', '2026-12-07', new Date('2026-11-30T00:59:00Z')).length).toBe(2);
  });
});
