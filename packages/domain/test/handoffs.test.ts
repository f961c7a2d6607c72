import { describe, expect, it } from 'vitest';
import { describeCaseEvent, fillTemplate, formatTrackingCode } from '../src/index.ts';

const names = { community: '金元社区', street: '金源街道', department: '区住房和城乡建设局', district: '观山湖区' };

describe('tracking codes look the same everywhere', () => {
  it('formats the stored form, the dashed form and what a resident typed alike', () => {
    expect(formatTrackingCode('1SQG7K6V3D')).toBe('1SQG7-K6V3D');
    expect(formatTrackingCode('1SQG7-K6V3D')).toBe('1SQG7-K6V3D');
    expect(formatTrackingCode('1sqg7 k6v3d')).toBe('1SQG7-K6V3D');
    // What cannot be a code is left alone, not cut in two.
    expect(formatTrackingCode('—')).toBe('—');
  });
});

describe('message templates', () => {
  it('leaves out a labelled part when there are no words for it, and keeps it when there are', () => {
    const template = '{{community}}上报诉求 {{code}}，请处理。{{#reason}}上报原因：{{reason}}{{/reason}}';
    expect(fillTemplate(template, { community: '金元社区', code: '1SQG7-K6V3D', reason: '' })).toBe('金元社区上报诉求 1SQG7-K6V3D，请处理。');
    expect(fillTemplate(template, { community: '金元社区', code: '1SQG7-K6V3D', reason: '涉及市政管网' })).toBe('金元社区上报诉求 1SQG7-K6V3D，请处理。上报原因：涉及市政管网');
  });
  it('treats a flag as a condition and prints no "true"', () => {
    expect(fillTemplate('超期。{{#escalated}}已自动上报街道。{{/escalated}}{{#supervised}}已提请督办。{{/supervised}}', { escalated: '1', supervised: '' })).toBe('超期。已自动上报街道。');
    expect(fillTemplate('{{a}}', { a: true })).toBe('');
  });
});

describe('the timeline, worded for its reader', () => {
  it('a reopened case reads as the resident’s own step to the resident and as the resident’s step to staff', () => {
    const reopen = { type: 'reopen', actorKind: 'resident', body: '灯还是不亮', data: { from: 'resolved', to: 'accepted', byLevel: 'resident', byName: '' } };
    expect(describeCaseEvent(reopen, 'resident', names)).toMatchObject({ key: 'reopen', text: '灯还是不亮' });
    const staff = describeCaseEvent(reopen, 'staff', names);
    expect(staff).toMatchObject({ key: 'reopen', text: '灯还是不亮' });
  });

  it('a department’s resolution is the department’s step, sent to its street for review, and its words reach staff only', () => {
    // As recorded before issue 15: no actor unit, private, the resolution as body.
    const old = { type: 'resolve', actorKind: 'staff', body: '已疏通管网', data: { from: 'forwarded', to: 'review' } };
    expect(describeCaseEvent(old, 'staff', names)).toMatchObject({ key: 'resolveForReview', values: { by: '区住房和城乡建设局' } });
    // As recorded now: public (the resident sees the step), the words as a note between the levels.
    const now = { type: 'resolve', actorKind: 'staff', body: null, data: { from: 'forwarded', to: 'review', byLevel: 'department', byName: '区住建局', toName: '金源街道', note: '已疏通管网' } };
    expect(describeCaseEvent(now, 'staff', names)).toMatchObject({ key: 'resolveForReview', values: { by: '区住建局', to: '金源街道' }, note: '已疏通管网' });
    const resident = describeCaseEvent(now, 'resident', names);
    expect(resident).toMatchObject({ key: 'resolveForReview', values: { by: '区住建局', to: '金源街道' }, text: null, note: null });
  });

  it('a street’s own resolution is the street’s, a community’s the community’s', () => {
    expect(describeCaseEvent({ type: 'resolve', actorKind: 'staff', body: '已修复', data: { from: 'escalated', to: 'resolved' } }, 'staff', names).values.by).toBe('金源街道');
    expect(describeCaseEvent({ type: 'resolve', actorKind: 'staff', body: '已修复', data: { from: 'accepted', to: 'resolved' } }, 'staff', names).values.by).toBe('金元社区');
  });

  it('carries the words of every hand-off to staff, old (reason) and new (note) alike, and never to the resident', () => {
    for (const [type, data] of [
      ['escalate', { from: 'accepted', to: 'escalated', toName: '金源街道', reason: '涉及管网' }],
      ['escalate', { from: 'accepted', to: 'escalated', toName: '金源街道', note: '涉及管网' }],
      ['forward', { from: 'escalated', to: 'forwarded', toName: '区住建局', co: [], note: '涉及管网' }],
      ['return', { from: 'forwarded', to: 'escalated', toName: '金源街道', note: '涉及管网' }],
      ['sendBack', { from: 'review', to: 'forwarded', toName: '区住建局', byLevel: 'street', byName: '金源街道', note: '涉及管网' }],
    ] as const) {
      const e = { type, actorKind: 'staff', body: null, data };
      expect(describeCaseEvent(e, 'staff', names).note).toBe('涉及管网');
      expect(describeCaseEvent(e, 'resident', names).note).toBeNull();
      expect(describeCaseEvent(e, 'resident', names).text).toBeNull();
    }
  });

  it('names co-handling departments, an assignee, a merge target and a reject reason', () => {
    expect(describeCaseEvent({ type: 'forward', actorKind: 'staff', body: null, data: { from: 'escalated', toName: '区住建局', co: ['区城管局', '区水务局'] } }, 'staff', names)).toMatchObject({ key: 'forwardCo', values: { co: '区城管局、区水务局' } });
    expect(describeCaseEvent({ type: 'assign', actorKind: 'staff', body: null, data: { from: 'accepted', assigneeId: 'u1', assigneeName: '刘伟' } }, 'staff', names)).toMatchObject({ key: 'assign', values: { assignee: '刘伟' } });
    expect(describeCaseEvent({ type: 'assign', actorKind: 'staff', body: null, data: { from: 'accepted', assigneeId: null } }, 'staff', names).key).toBe('unassign');
    expect(describeCaseEvent({ type: 'merge', actorKind: 'staff', body: null, data: { from: 'submitted', into: '1SQG7K6V3D' } }, 'staff', names).values.code).toBe('1SQG7-K6V3D');
    expect(describeCaseEvent({ type: 'reject', actorKind: 'staff', body: null, data: { from: 'submitted', reason: 'spam' } }, 'staff', names)).toMatchObject({ rejectReason: 'spam', note: null });
  });

  it('an older sendBack (which named the street as its target) goes back to the case’s department', () => {
    const old = { type: 'sendBack', actorKind: 'staff', body: '材料不全', data: { from: 'review', to: 'forwarded', toName: '金源街道' } };
    expect(describeCaseEvent(old, 'staff', names).values).toMatchObject({ by: '金源街道', to: '区住房和城乡建设局' });
  });
});
