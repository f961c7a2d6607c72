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
  sniffImageType,
  cleanText,
  trackingCodeFromBytes,
} from '../src/index.ts';

/**
 * The expected outcome of every status × action × actor, written out by hand (not derived from RULES),
 * so a change to the rules must change this table too.
 */
const OFFICE = ['community_admin', 'community_staff'];
const HANDLERS = [...OFFICE, 'grid_worker'];
const EXPECTED: Record<CaseAction, { from: CaseStatus[]; by: string[]; to?: CaseStatus; responsible?: boolean }> = {
  accept: { from: ['submitted'], by: HANDLERS, to: 'accepted', responsible: true },
  assign: { from: ['submitted', 'accepted'], by: OFFICE },
  note: { from: [...CASE_STATUSES], by: HANDLERS, responsible: true },
  reply: { from: ['submitted', 'accepted', 'resolved'], by: HANDLERS, responsible: true },
  resolve: { from: ['accepted'], by: HANDLERS, to: 'resolved', responsible: true },
  close: { from: ['resolved'], by: OFFICE, to: 'closed' },
  reject: { from: ['submitted', 'accepted'], by: OFFICE, to: 'rejected' },
  merge: { from: ['submitted', 'accepted'], by: OFFICE, to: 'merged' },
  hidePhoto: { from: [...CASE_STATUSES], by: OFFICE },
  rate: { from: ['resolved'], by: ['resident'], to: 'closed' },
  reopen: { from: ['resolved'], by: ['resident'], to: 'accepted' },
  followUp: { from: ['resolved'], by: HANDLERS, to: 'closed', responsible: true },
  closeUnrated: { from: ['resolved'], by: ['system'], to: 'closed' },
};

describe('case lifecycle: every status × action × actor', () => {
  for (const status of CASE_STATUSES)
    for (const action of CASE_ACTIONS)
      for (const actor of CASE_ACTORS)
        for (const responsible of [true, false]) {
          const exp = EXPECTED[action];
          const roleOk = exp.by.includes(actor);
          const statusOk = exp.from.includes(status);
          const responsibleOk = actor !== 'grid_worker' || !exp.responsible || responsible;
          const label = `${status} × ${action} × ${actor}${actor === 'grid_worker' ? (responsible ? ' (responsible)' : ' (not responsible)') : ''}`;
          it(label, () => {
            const d = decide(action, actor as CaseActor, { status, reopenCount: 0, actorIsResponsible: responsible });
            if (!roleOk) expect(d).toEqual({ ok: false, reason: 'not_allowed_for_role' });
            else if (!statusOk) expect(d).toEqual({ ok: false, reason: 'wrong_status' });
            else if (!responsibleOk) expect(d).toEqual({ ok: false, reason: 'not_responsible' });
            else expect(d).toEqual({ ok: true, next: exp.to ?? status });
          });
        }

  it('a resident can reopen only once', () => {
    expect(decide('reopen', 'resident', { status: 'resolved', reopenCount: 0 })).toEqual({ ok: true, next: 'accepted' });
    expect(decide('reopen', 'resident', { status: 'resolved', reopenCount: 1 })).toEqual({ ok: false, reason: 'reopen_used' });
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
});
