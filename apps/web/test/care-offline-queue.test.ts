import { describe, expect, it } from 'vitest';
import { ownerChange, type Queued, readSyncAnswer, splitQueue } from '~/components/care/offline-queue.ts';

// Issue 20 / decision 053: the grid worker's phone app on a shared phone. The queue's rules without IndexedDB (the
// browser half is care-phone.e2e): an account sees and sends only its own records, another account's stay; a page is
// told apart from an older copy made for someone else.
const LIU = 'membership-liu';
const ZHANG = 'membership-zhang';
const rec = (id: string, owner: string, state: Queued['state'] = 'waiting', createdAt = 1): Queued => ({
  id,
  owner,
  ownerLabel: owner === LIU ? '刘伟 · 金元社区' : owner === ZHANG ? '张丽 · 金元社区' : '',
  intent: 'visit',
  residentId: 'r1',
  nameHint: '孟*兰',
  createdAt,
  fields: {},
  state,
});

describe('the care queue on a shared phone', () => {
  it('an account sees and sends only its own records; the others are counted, with whose they are', () => {
    const rows = [rec('a', LIU, 'waiting', 1), rec('b', ZHANG, 'waiting', 2), rec('c', LIU, 'refused', 3), rec('d', LIU, 'waiting', 4)];
    const zhang = splitQueue(rows, ZHANG);
    expect(zhang.own.map((r) => r.id)).toEqual(['b']);
    expect(zhang.toSend.map((r) => r.id)).toEqual(['b']);
    expect(zhang.others).toEqual({ count: 3, labels: ['刘伟 · 金元社区'] });
    const liu = splitQueue(rows, LIU);
    expect(liu.own.map((r) => r.id)).toEqual(['a', 'c', 'd']);
    // A refused record stays on the phone (with its message) but is not sent again by itself.
    expect(liu.toSend.map((r) => r.id)).toEqual(['a', 'd']);
    expect(liu.others).toEqual({ count: 1, labels: ['张丽 · 金元社区'] });
  });

  it('a record of the first version (no owner) is nobody’s to send: held, its owner unknown', () => {
    const rows = [rec('old', ''), rec('b', ZHANG)];
    expect(splitQueue(rows, ZHANG).toSend.map((r) => r.id)).toEqual(['b']);
    expect(splitQueue(rows, ZHANG).others).toEqual({ count: 1, labels: [''] });
    expect(splitQueue([], ZHANG)).toEqual({ own: [], toSend: [], others: { count: 0, labels: [] } });
  });

  it('a page of another account drops the earlier roster; an older copy made for someone else is stale', () => {
    // Nothing noted yet (a first page, or storage cleared): noted, and whatever roster is there is not this account's.
    expect(ownerChange(null, LIU, 100)).toEqual({ page: 'current', note: true, dropOthers: true });
    expect(ownerChange('garbage', LIU, 100)).toEqual({ page: 'current', note: true, dropOthers: true });
    expect(ownerChange({ owner: 5, at: 'x' }, LIU, 100)).toEqual({ page: 'current', note: true, dropOthers: true });
    // The same account again (a new page, or signed in again after its session ended): nothing dropped.
    expect(ownerChange({ owner: LIU, at: 100 }, LIU, 200)).toEqual({ page: 'current', note: true, dropOthers: false });
    // Another account signed in: its fresh page drops the earlier account's roster.
    expect(ownerChange({ owner: LIU, at: 100 }, ZHANG, 200)).toEqual({ page: 'current', note: true, dropOthers: true });
    // The service worker's copy of the app's page made for 刘伟, opened after 张丽 signed in: stale, changes nothing.
    expect(ownerChange({ owner: ZHANG, at: 200 }, LIU, 100)).toEqual({ page: 'stale', note: false, dropOthers: false });
    // An older copy of one's own page (opened offline): usable, changes nothing.
    expect(ownerChange({ owner: LIU, at: 200 }, LIU, 100)).toEqual({ page: 'current', note: false, dropOthers: false });
  });

  it('a 413 marks the record refused (too large) and is never taken for a lost session; a JSON refusal keeps its key (issue 20)', () => {
    // The web server's own plain-text 413 (a photo of 15 MB) and the route's JSON one: refused, not "signed out".
    for (const json of [false, true]) {
      expect(readSyncAnswer({ status: 413, redirected: false, json, answer: json ? { ok: false, key: 'refusals.care.photo.tooLarge', message: '照片超过 5MB…' } : null })).toEqual({
        kind: 'refused',
        message: 'refusals.care.photo.tooLarge',
        params: {},
        tooLarge: true,
      });
    }
    const tooLarge = rec('p', LIU, 'refused');
    expect(splitQueue([{ ...tooLarge, tooLarge: true }], LIU).toSend).toEqual([]); // not sent again by itself
    // A field's problem: the key (shown in the page's language) with its params, not the translated words.
    expect(readSyncAnswer({ status: 422, redirected: false, json: true, answer: { ok: false, key: 'refusals.resident.address.tooLong', message: '单元、房号最多 10 个字', params: { max: 10 } } })).toEqual({
      kind: 'refused',
      message: 'refusals.resident.address.tooLong',
      params: { max: 10 },
      tooLarge: false,
    });
    expect(readSyncAnswer({ status: 404, redirected: false, json: true, answer: { ok: false, key: 'refusals.care.notFound', message: '没有找到这位关爱对象', code: 'notFound' } })).toMatchObject({ kind: 'refused', message: 'refusals.care.notFound' });
    expect(readSyncAnswer({ status: 200, redirected: false, json: true, answer: { ok: true, status: 'conflict' } })).toEqual({ kind: 'stored', conflict: true });
    // A lost session, an old page, another account, a server error: the round stops, everything kept.
    expect(readSyncAnswer({ status: 200, redirected: true, json: false, answer: null })).toEqual({ kind: 'stop', why: 'signIn' });
    expect(readSyncAnswer({ status: 403, redirected: false, json: true, answer: { ok: false, code: 'csrf' } })).toEqual({ kind: 'stop', why: 'signIn' });
    expect(readSyncAnswer({ status: 409, redirected: false, json: true, answer: { ok: false, code: 'owner' } })).toEqual({ kind: 'stop', why: 'otherAccount' });
    expect(readSyncAnswer({ status: 502, redirected: false, json: false, answer: null })).toEqual({ kind: 'stop', why: 'error' });
  });
});
