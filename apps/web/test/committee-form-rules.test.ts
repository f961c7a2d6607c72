import { describe, expect, it } from 'vitest';
import { parseForm } from '../app/lib/parse-form.ts';
import { committeeDeskFormSchema, meetingPageFormSchema, partnersPageFormSchema } from '@shequ/use-cases/schemas';

// Issue 18's outside tester: the committee's forms said their problems one round after another (地点, then 议程,
// then an end before the start), and "abc" in a number field was told 此项填写有误. The pages' schemas, as the browser
// and the action parse them (with Conform's coercion), now say every rule a form alone can tell, all at once.
const fd = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const errors = (o: Record<string, string>, schema: Parameters<typeof parseForm>[1]) => parseForm(fd(o), schema).reply().error ?? {};
const ITEM = '0190aaaa-0000-7000-8000-000000000000';

describe('the meeting form (scheduleMeeting)', () => {
  it('says every problem of an empty form at once: topic, start, place, agenda', () => {
    expect(errors({ intent: 'meeting', topic: '', startsAt: '', endsAt: '', place: '', onlineUrl: '' }, committeeDeskFormSchema)).toEqual({
      topic: ['refusals.consultation.topic.required'],
      startsAt: ['validation.required'],
      place: ['refusals.consultation.place.required'],
      matterIds: ['refusals.consultation.agenda.empty'],
    });
  });
  it('says a start in the past and an end before it together', () => {
    const e = errors({ intent: 'meeting', topic: '桥', startsAt: '2020-01-01T10:00', endsAt: '2019-01-01T10:00', place: '长廊', matterIds: ITEM }, committeeDeskFormSchema);
    expect(e.startsAt?.[0]).toMatch(/^refusals\.consultation\.time\.past\?earliest=/);
    expect(e.endsAt).toEqual(['refusals.consultation.time.invalid?start=2020-01-01%2010%3A00']);
  });
  it('refuses a meeting longer than 12 hours, naming it', () => {
    expect(errors({ intent: 'meeting', topic: '桥', startsAt: '2030-01-01T10:00', endsAt: '2030-01-20T10:00', place: '长廊', matterIds: ITEM }, committeeDeskFormSchema)).toEqual({ endsAt: ['refusals.consultation.time.tooLong?hours=12'] });
  });
  it('names the bounds of a seat count that is not a number', () => {
    expect(errors({ intent: 'meeting', topic: '桥', startsAt: '2030-01-01T10:00', place: '长廊', matterIds: ITEM, capacity: 'abc' }, committeeDeskFormSchema)).toEqual({ capacity: ['validation.wholeBetween?min=1&max=10000'] });
  });
});

describe('the matter form (createMatter)', () => {
  it('asks a matter from a wish for a wish', () => {
    expect(errors({ intent: 'matter', title: '理发', source: 'wish' }, committeeDeskFormSchema)).toEqual({ caseIds: ['refusals.consultation.wishes.invalid'] });
    expect(errors({ intent: 'matter', title: '理发', source: 'staff' }, committeeDeskFormSchema)).toEqual({});
  });
});

describe('the meeting page’s forms', () => {
  it('reschedule: an end before the start, and an old end left 19 days later', () => {
    expect(errors({ intent: 'reschedule', startsAt: '2030-01-01T10:00', endsAt: '2030-01-01T09:00' }, meetingPageFormSchema)).toEqual({ endsAt: ['refusals.consultation.time.invalid?start=2030-01-01%2010%3A00'] });
    expect(errors({ intent: 'reschedule', startsAt: '2030-01-01T10:00', endsAt: '2030-01-20T10:00' }, meetingPageFormSchema)).toEqual({ endsAt: ['refusals.consultation.time.tooLong?hours=12'] });
    expect(errors({ intent: 'reschedule', startsAt: '2030-01-01T10:00', endsAt: '' }, meetingPageFormSchema)).toEqual({});
  });
  it('votes: "abc" is told the bounds; more votes than 实到 are refused', () => {
    expect(errors({ intent: 'decide', itemId: ITEM, outcome: 'adopted', votesFor: 'abc' }, meetingPageFormSchema)).toEqual({ votesFor: ['validation.wholeBetween?min=0&max=100000'] });
    expect(errors({ intent: 'decide', itemId: ITEM, outcome: 'adopted', votesFor: '5', votesAgainst: '3', votesAbstain: '0', attending: '7' }, meetingPageFormSchema)).toEqual({ votesFor: ['refusals.consultation.votes.tooMany?attending=7'] });
    expect(errors({ intent: 'decide', itemId: ITEM, outcome: 'adopted', votesFor: '5', votesAgainst: '2', votesAbstain: '0', attending: '7' }, meetingPageFormSchema)).toEqual({});
  });
});

describe('the partner unit register form', () => {
  it('says 退出日期 before 加入日期, with an empty name at once', () => {
    expect(errors({ intent: 'register', name: '', kind: 'enterprise', memberSince: '2025-01-01', memberUntil: '2024-01-01' }, partnersPageFormSchema)).toEqual({
      name: ['refusals.partner.name.required'],
      memberUntil: ['refusals.partner.membership.invalid'],
    });
  });
});
