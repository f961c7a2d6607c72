import { describe, expect, it } from 'vitest';
import { ownerChange, type Queued, splitQueue } from '~/components/care/offline-queue.ts';

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
});
