import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CASE_ACTIONS,
  CASE_ACTORS,
  CASE_STATUSES,
  type CaseAction,
  type CaseActor,
  type CaseStatus,
  decide,
  formatTrackingCode,
  normalizeTrackingCode,
  submissionKeyOrNull,
  sniffImageType,
  cleanText,
  trackingCodeFromBytes,
} from '../src/index.ts';

/**
 * The expected outcome of every status × action × actor, written out by hand (not derived from RULES),
 * so a change to the rules must change this table too. `by` maps each allowed actor to the statuses it may act from.
 */
type Expect = { by: Partial<Record<CaseActor, CaseStatus[]>>; to?: CaseStatus | Partial<Record<CaseStatus, CaseStatus>>; responsible?: boolean };
const ALL: CaseStatus[] = [...CASE_STATUSES];
const forOffice = (from: CaseStatus[]) => ({ community_admin: from, community_staff: from });
const forHandlers = (from: CaseStatus[]) => ({ community_admin: from, community_staff: from, grid_worker: from });
const EXPECTED: Record<CaseAction, Expect> = {
  accept: { by: forHandlers(['submitted']), to: 'accepted', responsible: true },
  assign: { by: forOffice(['submitted', 'accepted']) },
  note: { by: { ...forHandlers(ALL), street_officer: ALL, department_handler: ALL }, responsible: true },
  reply: {
    by: { ...forHandlers(['submitted', 'accepted', 'escalated', 'forwarded', 'review', 'resolved']), street_officer: ['escalated', 'review', 'resolved'], department_handler: ['forwarded'] },
    responsible: true,
  },
  resolve: { by: { ...forHandlers(['accepted']), street_officer: ['escalated'], department_handler: ['forwarded'] }, to: { accepted: 'resolved', escalated: 'resolved', forwarded: 'review' }, responsible: true },
  approve: { by: { street_officer: ['review'] }, to: 'resolved' },
  sendBack: { by: { street_officer: ['review'] }, to: 'forwarded' },
  escalate: { by: { ...forHandlers(['submitted', 'accepted']), system: ['submitted', 'accepted'] }, to: 'escalated', responsible: true },
  forward: { by: { street_officer: ['escalated'] }, to: 'forwarded' },
  return: { by: { street_officer: ['escalated'], department_handler: ['forwarded'] }, to: { escalated: 'accepted', forwarded: 'escalated' } },
  requestInfo: { by: { ...forHandlers(['accepted']), street_officer: ['escalated'], department_handler: ['forwarded'] }, responsible: true },
  supplyInfo: { by: { resident: ['accepted', 'escalated', 'forwarded'] } },
  supervise: { by: { district_officer: ['submitted', 'accepted', 'escalated', 'forwarded', 'review'], system: ['submitted', 'accepted', 'escalated', 'forwarded', 'review'] } },
  remind: { by: { system: ['submitted', 'accepted', 'escalated', 'forwarded', 'review'] } },
  close: { by: forOffice(['resolved']), to: 'closed' },
  reject: { by: forOffice(['submitted', 'accepted']), to: 'rejected' },
  merge: { by: forOffice(['submitted', 'accepted']), to: 'merged' },
  hidePhoto: { by: forOffice(ALL) },
  rate: { by: { resident: ['resolved'] }, to: 'closed' },
  rateMerged: { by: { resident: ['merged'] } },
  reopen: { by: { resident: ['resolved'] }, to: 'accepted' },
  followUp: { by: forHandlers(['resolved']), to: 'closed', responsible: true },
  closeUnrated: { by: { system: ['resolved'] }, to: 'closed' },
};

describe('case lifecycle: every status × action × actor', () => {
  for (const status of CASE_STATUSES)
    for (const action of CASE_ACTIONS)
      for (const actor of CASE_ACTORS)
        for (const responsible of [true, false]) {
          const exp = EXPECTED[action];
          const from = exp.by[actor];
          const statusOk = from?.includes(status) ?? false;
          const responsibleOk = actor !== 'grid_worker' || !exp.responsible || responsible;
          // supplyInfo needs the holder to be waiting; requestInfo needs it not to be: both are set accordingly here.
          const awaitingResident = action === 'supplyInfo';
          const label = `${status} × ${action} × ${actor}${actor === 'grid_worker' ? (responsible ? ' (responsible)' : ' (not responsible)') : ''}`;
          it(label, () => {
            const d = decide(action, actor, { status, reopenCount: 0, actorIsResponsible: responsible, awaitingResident, followedCaseFinished: true });
            if (!from) expect(d).toEqual({ ok: false, reason: 'not_allowed_for_role' });
            else if (!statusOk) expect(d).toEqual({ ok: false, reason: 'wrong_status' });
            else if (!responsibleOk) expect(d).toEqual({ ok: false, reason: 'not_responsible' });
            else expect(d).toEqual({ ok: true, next: typeof exp.to === 'string' ? exp.to : (exp.to?.[status] ?? status) });
          });
        }

  it('the reporter of a merged wish rates once, and only when the case it follows is finished', () => {
    expect(decide('rateMerged', 'resident', { status: 'merged', reopenCount: 0, followedCaseFinished: true })).toEqual({ ok: true, next: 'merged' });
    expect(decide('rateMerged', 'resident', { status: 'merged', reopenCount: 0, followedCaseFinished: false })).toEqual({ ok: false, reason: 'not_finished' });
    expect(decide('rateMerged', 'resident', { status: 'merged', reopenCount: 0, followedCaseFinished: true, rated: true })).toEqual({ ok: false, reason: 'already_rated' });
  });

  it('a resident can reopen only once', () => {
    expect(decide('reopen', 'resident', { status: 'resolved', reopenCount: 0 })).toEqual({ ok: true, next: 'accepted' });
    expect(decide('reopen', 'resident', { status: 'resolved', reopenCount: 1 })).toEqual({ ok: false, reason: 'reopen_used' });
  });

  it('asking the resident for information waits for one answer', () => {
    expect(decide('requestInfo', 'street_officer', { status: 'escalated', reopenCount: 0, awaitingResident: true })).toEqual({ ok: false, reason: 'already_awaiting' });
    expect(decide('supplyInfo', 'resident', { status: 'escalated', reopenCount: 0, awaitingResident: false })).toEqual({ ok: false, reason: 'not_awaiting' });
  });

  it('an escalated case travels street → department → street review → resolved', () => {
    let status: CaseStatus = 'accepted';
    for (const [action, actor] of [
      ['escalate', 'community_staff'],
      ['forward', 'street_officer'],
      ['resolve', 'department_handler'],
      ['sendBack', 'street_officer'],
      ['resolve', 'department_handler'],
      ['approve', 'street_officer'],
    ] as const) {
      const d = decide(action, actor, { status, reopenCount: 0 });
      expect(d.ok, `${action} by ${actor} from ${status}`).toBe(true);
      if (d.ok) status = d.next;
    }
    expect(status).toBe('resolved');
  });

  it('finished cases never move again, whoever asks', () => {
    fc.assert(
      fc.property(fc.constantFrom<CaseStatus>('closed', 'rejected', 'merged'), fc.constantFrom(...CASE_ACTIONS), fc.constantFrom(...CASE_ACTORS), (status, action, actor) => {
        const d = decide(action, actor, { status, reopenCount: 0, actorIsResponsible: true });
        return !d.ok || d.next === status;
      }),
    );
  });
});

describe('tracking codes', () => {
  it('are 10 unambiguous characters, read back whatever the case, spacing or O/0 and I/1 slips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = trackingCodeFromBytes(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
        expect(normalizeTrackingCode(formatTrackingCode(code).toLowerCase())).toBe(code);
        expect(normalizeTrackingCode(` ${code.slice(0, 5)} ${code.slice(5)} `)).toBe(code);
      }),
    );
    expect(normalizeTrackingCode('ABCDE-FGHOI')).toBe('ABCDEFGH01');
    expect(normalizeTrackingCode('short')).toBeNull();
    expect(normalizeTrackingCode("ab'; drop--")).toBeNull();
  });
});

describe('intake', () => {
  it('recognises images by content, not by name', () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('hello, I am a text file'))).toBeNull();
  });
  it('cleans text but keeps markup as inert characters', () => {
    expect(cleanText('  路灯坏了\r\n<script>x</script>\u0007 ')).toBe('路灯坏了\n<script>x</script>');
  });
  it('takes a form’s submission key only in its own shape', () => {
    expect(submissionKeyOrNull('AbCdEfGhIjKlMnOpQrSt_-')).toBe('AbCdEfGhIjKlMnOpQrSt_-');
    for (const bad of [undefined, null, 42, '', 'short', 'x'.repeat(65), "AbCdEfGhIjKlMnOp'; drop", 'AbCdEfGhIjKlMnOp Qr', '路灯路灯路灯路灯路灯路灯路灯路灯']) expect(submissionKeyOrNull(bad)).toBeNull();
  });
});
