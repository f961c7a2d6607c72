import { describe, expect, it } from 'vitest';
import { assessmentCurrent, mealBookingActions, serviceAgeCheck, serviceBookingActions } from '../src/index.ts';

// Decision 044: a service's prerequisite of a recent ability assessment.
describe('assessmentCurrent', () => {
  it('holds with no prerequisite, and with an assessment no older than the days given', () => {
    expect(assessmentCurrent(null, null, '2026-12-10')).toBe(true);
    expect(assessmentCurrent(180, null, '2026-12-10')).toBe(false);
    expect(assessmentCurrent(180, '2026-06-13', '2026-12-10')).toBe(true);
    expect(assessmentCurrent(180, '2026-06-12', '2026-12-10')).toBe(false);
    // An assessment dated after the service does not count for it.
    expect(assessmentCurrent(180, '2026-12-11', '2026-12-10')).toBe(false);
  });
});

describe('serviceAgeCheck', () => {
  it('counts the age on the service’s day from the register’s birth (a month counts from its first day); no minimum lets anyone book', () => {
    expect(serviceAgeCheck(60, '1966-12', '2026-11-30')).toBe('tooYoung');
    expect(serviceAgeCheck(60, '1966-11', '2026-11-30')).toBe('ok');
    expect(serviceAgeCheck(60, '1966-11-30', '2026-11-30')).toBe('ok');
    expect(serviceAgeCheck(60, '2018-06-01', '2026-11-30')).toBe('tooYoung');
    expect(serviceAgeCheck(60, null, '2026-11-30')).toBe('noBirth');
    expect(serviceAgeCheck(null, null, '2026-11-30')).toBe('ok');
    expect(serviceAgeCheck(0, '2018-06-01', '2026-11-30')).toBe('ok');
  });
});

describe('serviceBookingActions and mealBookingActions', () => {
  const start = new Date('2026-12-10T09:00:00+08:00');
  it('a service booking: confirm when requested; cancel before the start; done or no-show from it', () => {
    expect(serviceBookingActions('confirmed', start, new Date('2026-12-10T08:59:59+08:00'))).toEqual({ confirm: false, cancel: true, done: false, noShow: false });
    expect(serviceBookingActions('confirmed', start, start)).toEqual({ confirm: false, cancel: false, done: true, noShow: true });
    expect(serviceBookingActions('requested', start, start)).toEqual({ confirm: true, cancel: false, done: false, noShow: false });
    expect(serviceBookingActions('done', start, start)).toEqual({ confirm: false, cancel: false, done: false, noShow: false });
  });
  it('a meal booking: cancel before the cut-off; give away after it to someone waiting; confirm a delivery on its day only', () => {
    const cutoff = new Date('2026-12-09T16:00:00+08:00');
    const booked = { status: 'booked', mode: 'delivery', day: '2026-12-10' };
    expect(mealBookingActions(booked, cutoff, new Date('2026-12-09T15:59:00+08:00'), '2026-12-09', true)).toEqual({ cancel: true, offer: false, deliver: false });
    expect(mealBookingActions(booked, cutoff, new Date('2026-12-09T16:00:00+08:00'), '2026-12-09', true)).toEqual({ cancel: false, offer: true, deliver: false });
    expect(mealBookingActions(booked, cutoff, new Date('2026-12-09T16:00:00+08:00'), '2026-12-09', false)).toEqual({ cancel: false, offer: false, deliver: false });
    expect(mealBookingActions(booked, cutoff, new Date('2026-12-10T12:00:00+08:00'), '2026-12-10', false)).toEqual({ cancel: false, offer: false, deliver: true });
    expect(mealBookingActions({ ...booked, mode: 'dine_in' }, cutoff, new Date('2026-12-10T12:00:00+08:00'), '2026-12-10', false).deliver).toBe(false);
    expect(mealBookingActions({ ...booked, status: 'waiting' }, cutoff, new Date('2026-12-09T10:00:00+08:00'), '2026-12-09', true)).toEqual({ cancel: true, offer: false, deliver: false });
  });
});
