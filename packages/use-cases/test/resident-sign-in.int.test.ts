import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { categories, orgUnits, outbox, residentSessions, residentSignInCodes, residentSignUps, withScope, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  anonymousCaller,
  backfillReporterMobileIndex,
  actorScope,
  chooseResidentCommunity,
  countRegisteredResidents,
  getMyPage,
  listResidentSignUps,
  mergeResidents,
  moveOutResident,
  registerResident,
  requestResidentSignInCode,
  RESIDENT_CODE_TTL_MS,
  residentCaller,
  resolveResidentSession,
  resolveResidentSignUp,
  revokeResidentSessions,
  signInResidentWithCode,
  signOutResident,
  submitCase,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 16 / decision 035: residents sign in with a six-digit text-message code. Expiry, single use, wrong codes
// counted, limits per number and per community, the first sign-in linking the number to the register (or leaving a
// sign-up for staff), a number known in two communities, revocable sessions kept apart per community, "我的".
const db = seededDatabase();
const cipher = createPersonalDataCipher('7e'.repeat(32));
const anon = anonymousCaller();
const T0 = new Date('2026-11-29T03:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
let serial = 0;
/** A fresh mobile for each test, so limits and links of one do not touch another. */
const freshMobile = () => `1365${String(process.pid % 1000).padStart(3, '0')}${String(++serial).padStart(4, '0')}`;

const unitId = async (code: string) => (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, code)))[0]!.id;
const JINYUAN = '520115001001';
const BIHAI = '520115001002';
async function staffOf(mobile: string, community: string) {
  const tenantId = await unitId(community);
  const actor = await db.actorFor(mobile, tenantId);
  return { tenantId, caller: { actor, ability: defineAbilityFor(actor) } };
}

/** Asks for a code and reads it back from the outbox, as the development mailbox would show it. */
async function askCode(tenantId: string, mobile: string, now = T0) {
  await withTenant(db.app, tenantId, (tx) => requestResidentSignInCode(tx, anon, { tenantId, mobile, cipher }, now));
  const [message] = await db.owner
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.kind, 'resident_sign_in_code'), eq(outbox.recipient, outbox.recipient)))
    .orderBy(sql`${outbox.createdAt} desc, ${outbox.id} desc`)
    .limit(1);
  const body = cipher.decrypt(message!.body.slice('sealed:'.length));
  expect(cipher.decrypt(message!.recipient.slice('sealed:'.length))).toBe(mobile);
  return /(\d{6})/.exec(body)![1]!;
}
const signIn = (tenantId: string, mobile: string, code: string, now = T0) => withTenant(db.app, tenantId, (tx) => signInResidentWithCode(tx, anon, { tenantId, mobile, code, cipher }, now));
const resolve = (tenantId: string, token: string, now = T0) => withTenant(db.app, tenantId, (tx) => resolveResidentSession(tx, anon, { tenantId, token }, now));
const wrong = (code: string) => (code === '000000' ? '000001' : '000000');

describe('residents sign in with a text-message code', () => {
  it('sends a six-digit code through the outbox, sealed; keeps neither the number nor the code in the clear; a code works once', async () => {
    const tenantId = await unitId(JINYUAN);
    const mobile = freshMobile();
    const code = await askCode(tenantId, mobile);
    expect(code).toMatch(/^\d{6}$/);
    const rows = await withTenant(db.owner, tenantId, (tx) => tx.execute(sql`select * from resident_sign_in_codes where tenant_id = ${tenantId}`));
    expect(JSON.stringify([...rows])).not.toContain(mobile);
    expect(JSON.stringify([...rows])).not.toContain(code);
    const messages = await db.owner.select().from(outbox).where(eq(outbox.kind, 'resident_sign_in_code'));
    expect(JSON.stringify(messages)).not.toContain(mobile);
    expect(JSON.stringify(messages)).not.toContain(code);

    const first = await signIn(tenantId, mobile, code, at(60_000));
    expect(first.ok).toBe(true);
    // Single use: the same code again is refused, and the resident is told to get a new one (any code typed now is).
    expect(await signIn(tenantId, mobile, code, at(61_000))).toEqual({ ok: false, reason: 'used' });
    expect(await signIn(tenantId, mobile, wrong(code), at(62_000))).toEqual({ ok: false, reason: 'used' });
    // A number that never asked for a code: not right, nothing more.
    expect(await signIn(tenantId, freshMobile(), code, at(63_000))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('lets a code expire after five minutes', async () => {
    const tenantId = await unitId(JINYUAN);
    const mobile = freshMobile();
    const code = await askCode(tenantId, mobile);
    expect(await signIn(tenantId, mobile, code, at(RESIDENT_CODE_TTL_MS + 1000))).toEqual({ ok: false, reason: 'expired' });
    // Just inside the five minutes it works.
    const again = freshMobile();
    const code2 = await askCode(tenantId, again);
    expect((await signIn(tenantId, again, code2, at(RESIDENT_CODE_TTL_MS - 1000))).ok).toBe(true);
  });

  it('counts wrong codes in the row: the fifth ends the code, and the right one no longer works', async () => {
    const tenantId = await unitId(JINYUAN);
    const mobile = freshMobile();
    const code = await askCode(tenantId, mobile);
    for (let i = 1; i <= 4; i++) expect(await signIn(tenantId, mobile, wrong(code), at(i * 1000))).toEqual({ ok: false, reason: 'invalid' });
    const index = cipher.blindIndex('mobile', mobile);
    const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(residentSignInCodes).where(eq(residentSignInCodes.mobileIndex, index)));
    expect(row!.attempts).toBe(4);
    expect(await signIn(tenantId, mobile, wrong(code), at(5000))).toEqual({ ok: false, reason: 'tooManyAttempts' });
    // The right code after the lockout is refused with the same reason (not "not right", which it is).
    expect(await signIn(tenantId, mobile, code, at(6000))).toEqual({ ok: false, reason: 'tooManyAttempts' });
  });

  it('limits codes per number (one a minute, five an hour) and per community', async () => {
    const tenantId = await unitId(JINYUAN);
    const mobile = freshMobile();
    const ask = (m: string, now: Date, limits?: { perCommunityHour: number }) => withTenant(db.app, tenantId, (tx) => requestResidentSignInCode(tx, anon, { tenantId, mobile: m, cipher, limits }, now));
    const base = at(2 * 3600_000);
    await ask(mobile, base);
    expect(await refusal(ask(mobile, new Date(base.getTime() + 30_000)))).toBe('residentSignIn.tooSoon');
    for (let i = 1; i <= 4; i++) await ask(mobile, new Date(base.getTime() + i * 61_000));
    expect(await refusal(ask(mobile, new Date(base.getTime() + 6 * 61_000)))).toBe('residentSignIn.tooMany');
    // An hour after the first, the number may ask again.
    await ask(mobile, new Date(base.getTime() + 3600_000 + 1000));

    // The community's hourly budget: counted over every number that asked in the last hour.
    const [{ n }] = await withTenant(db.owner, tenantId, (tx) =>
      tx.select({ n: sql<number>`count(*)::int` }).from(residentSignInCodes).where(and(eq(residentSignInCodes.tenantId, tenantId), sql`${residentSignInCodes.createdAt} > ${new Date(base.getTime() + 2000).toISOString()}::timestamptz`)),
    ) as [{ n: number }];
    const later = new Date(base.getTime() + 3600_000 + 2000);
    expect(await refusal(ask(freshMobile(), later, { perCommunityHour: n }))).toBe('residentSignIn.communityBusy');
    await ask(freshMobile(), later, { perCommunityHour: n + 1 });
    // Another community's budget is its own.
    const bihai = await unitId(BIHAI);
    await withTenant(db.app, bihai, (tx) => requestResidentSignInCode(tx, anon, { tenantId: bihai, mobile: freshMobile(), cipher, limits: { perCommunityHour: 1 } }, later));
  });

  it('links the first sign-in to the register entry with that number', async () => {
    const { tenantId, caller } = await staffOf('13800000004', JINYUAN);
    const mobile = freshMobile();
    const { id } = await withTenant(db.app, tenantId, (tx) => registerResident(tx, caller, { name: '罗秀芬', mobile, consent: true, consentChannel: 'in_person', cipher, now: T0 }));
    const outcome = await signIn(tenantId, mobile, await askCode(tenantId, mobile));
    expect(outcome).toMatchObject({ ok: true, residentId: id, pending: false, otherCommunities: [] });
    const self = await resolve(tenantId, (outcome as { token: string }).token);
    expect(self).toMatchObject({ tenantId, residentId: id, signUpId: null, mobileHint: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` });
  });

  it('links a sign-in with the number of a merged record to the record it was merged into (issue 16)', async () => {
    const { tenantId, caller } = await staffOf('13800000004', JINYUAN);
    const [kept, old] = [freshMobile(), freshMobile()];
    const keep = await withTenant(db.app, tenantId, (tx) => registerResident(tx, caller, { name: '合并甲', mobile: kept, consent: true, consentChannel: 'in_person', cipher, now: T0 }));
    const dup = await withTenant(db.app, tenantId, (tx) => registerResident(tx, caller, { name: '合并甲', mobile: old, consent: true, consentChannel: 'in_person', cipher, now: T0 }));
    await withTenant(db.app, tenantId, (tx) => mergeResidents(tx, caller, { keepId: keep.id, duplicateId: dup.id, now: T0 }));
    const outcome = await signIn(tenantId, old, await askCode(tenantId, old));
    expect(outcome).toMatchObject({ ok: true, residentId: keep.id, pending: false });
  });

  it('leaves a sign-up for staff when the register does not know the number; confirming registers and links it, dismissing ends the session', async () => {
    const { tenantId, caller } = await staffOf('13800000004', JINYUAN);
    const mobile = freshMobile();
    const outcome = await signIn(tenantId, mobile, await askCode(tenantId, mobile));
    expect(outcome).toMatchObject({ ok: true, residentId: null, pending: true });
    const token = (outcome as { token: string }).token;
    const self = await resolve(tenantId, token);
    expect(self!.signUpId).toBeTruthy();
    // A second sign-in of the same number reuses the open sign-up.
    const again = await signIn(tenantId, mobile, await askCode(tenantId, mobile, at(61_000)), at(62_000));
    expect((await resolve(tenantId, (again as { token: string }).token))!.signUpId).toBe(self!.signUpId);

    const waiting = await withTenant(db.app, tenantId, (tx) => listResidentSignUps(tx, caller));
    const entry = waiting.find((w) => w.id === self!.signUpId)!;
    expect(entry.mobileHint).toBe(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
    // A grid worker does not confirm sign-ups (people without a building are not theirs).
    const grid = await staffOf('13800000006', JINYUAN);
    expect(await refusal(withTenant(db.app, tenantId, (tx) => listResidentSignUps(tx, grid.caller)))).toBe('forbidden');

    const { residentId } = await withTenant(db.app, tenantId, (tx) => resolveResidentSignUp(tx, caller, { intent: 'confirm', signUpId: entry.id, name: '新居民甲', cipher }, at(70_000)));
    expect(residentId).toBeTruthy();
    expect((await resolve(tenantId, token))!.residentId).toBe(residentId);
    expect(await refusal(withTenant(db.app, tenantId, (tx) => resolveResidentSignUp(tx, caller, { intent: 'dismiss', signUpId: entry.id, cipher })))).toBe('residentSignUp.resolved');

    const stranger = freshMobile();
    const theirs = await signIn(tenantId, stranger, await askCode(tenantId, stranger));
    const strangerSelf = await resolve(tenantId, (theirs as { token: string }).token);
    await withTenant(db.app, tenantId, (tx) => resolveResidentSignUp(tx, caller, { intent: 'dismiss', signUpId: strangerSelf!.signUpId!, cipher }));
    expect(await resolve(tenantId, (theirs as { token: string }).token)).toBeNull();
    const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(residentSignUps).where(eq(residentSignUps.id, strangerSelf!.signUpId!)));
    expect(row).toMatchObject({ outcome: 'dismissed', residentId: null });
  });

  it('offers the other communities whose register knows the number, and moves the session to the one chosen', async () => {
    const jinyuan = await staffOf('13800000004', JINYUAN);
    const bihai = await staffOf('13800000005', BIHAI);
    const mobile = freshMobile();
    await withTenant(db.app, jinyuan.tenantId, (tx) => registerResident(tx, jinyuan.caller, { name: '两地人', mobile, consent: true, consentChannel: 'in_person', cipher, now: T0 }));
    const { id: inBihai } = await withTenant(db.app, bihai.tenantId, (tx) => registerResident(tx, bihai.caller, { name: '两地人', mobile, consent: true, consentChannel: 'phone', cipher, now: T0 }));

    const outcome = await signIn(jinyuan.tenantId, mobile, await askCode(jinyuan.tenantId, mobile));
    expect(outcome.ok && outcome.otherCommunities).toEqual([{ id: bihai.tenantId, name: '碧海社区', slug: 'bihai' }]);
    const from = (await resolve(jinyuan.tenantId, (outcome as { token: string }).token))!;
    const entered = await withTenant(db.app, bihai.tenantId, (tx) => chooseResidentCommunity(tx, anon, { step: 'enter', from, communityId: bihai.tenantId }));
    await withTenant(db.app, jinyuan.tenantId, (tx) => chooseResidentCommunity(tx, anon, { step: 'leave', from }));
    expect(await resolve(bihai.tenantId, entered!.token)).toMatchObject({ tenantId: bihai.tenantId, residentId: inBihai });
    expect(await resolve(jinyuan.tenantId, (outcome as { token: string }).token)).toBeNull();

    // A community whose register does not know the number cannot be chosen.
    const shijicheng = await unitId('520115002001');
    expect(await refusal(withTenant(db.app, shijicheng, (tx) => chooseResidentCommunity(tx, anon, { step: 'enter', from, communityId: shijicheng })))).toBe('residentSignIn.notRegistered');
    expect(await withTenant(db.app, shijicheng, (tx) => tx.select().from(residentSignUps))).toEqual([]);
    // The look-up answers nothing to a transaction that declared no community.
    expect([...(await withScope(db.app, {}, (tx) => tx.execute(sql`select * from resident_communities(${cipher.blindIndex('mobile', mobile)})`)))]).toEqual([]);
  });

  it('keeps a session to its community, and ends it on sign-out, when staff revoke it, or when the person moves out', async () => {
    const { tenantId, caller } = await staffOf('13800000004', JINYUAN);
    const bihai = await unitId(BIHAI);
    const mobile = freshMobile();
    const { id } = await withTenant(db.app, tenantId, (tx) => registerResident(tx, caller, { name: '会退出', mobile, consent: true, consentChannel: 'in_person', cipher, now: T0 }));
    const session = async (now: Date) => (await signIn(tenantId, mobile, await askCode(tenantId, mobile, now), now)) as { token: string };

    const a = await session(T0);
    // Another community's pages know nothing of it.
    expect(await resolve(bihai, a.token)).toBeNull();
    expect(await withTenant(db.app, bihai, (tx) => tx.select().from(residentSessions).where(eq(residentSessions.mobileIndex, cipher.blindIndex('mobile', mobile))))).toEqual([]);
    const self = (await resolve(tenantId, a.token))!;
    await withTenant(db.app, tenantId, (tx) => signOutResident(tx, residentCaller(self)));
    expect(await resolve(tenantId, a.token)).toBeNull();

    const b = await session(at(61_000));
    const c = await session(at(122_000));
    expect(await withTenant(db.app, tenantId, (tx) => revokeResidentSessions(tx, caller, { residentId: id }))).toEqual({ revoked: 2 });
    expect(await resolve(tenantId, b.token)).toBeNull();
    expect(await resolve(tenantId, c.token)).toBeNull();
    // Another community's staff cannot revoke them (the person is not theirs to see).
    const other = await staffOf('13800000005', BIHAI);
    expect(await refusal(withTenant(db.app, other.tenantId, (tx) => revokeResidentSessions(tx, other.caller, { residentId: id })))).toBe('resident.notFound');

    const d = await session(at(183_000));
    await withTenant(db.app, tenantId, (tx) => moveOutResident(tx, caller, { residentId: id, now: at(190_000) }));
    expect(await resolve(tenantId, d.token)).toBeNull();
    // And a session ends by itself after 30 days.
    const e = await session(at(250_000));
    expect(await resolve(tenantId, e.token, at(29 * 24 * 3600_000))).not.toBeNull();
    expect(await resolve(tenantId, e.token, at(31 * 24 * 3600_000))).toBeNull();
  });
});

describe('"我的": the resident’s own page', () => {
  it('shows the wishes sent earlier with the same number without signing in, and only those', async () => {
    const tenantId = await unitId(JINYUAN);
    const mobile = freshMobile();
    const [category] = await withTenant(db.app, tenantId, (tx) => tx.select().from(categories).where(eq(categories.active, true)).limit(1));
    const deps = { cipher, storage: localPhotoStorage('/tmp/h16/photos') };
    const first = await submitCase(db.app, anonymousCaller(), { tenantId, categoryId: category!.id, content: '楼道灯坏了，晚上看不见路', mobile, consent: true, photos: [], channel: 'qr', deps });
    const second = await submitCase(db.app, anonymousCaller(), { tenantId, categoryId: category!.id, content: '想报名老年学校的书法课', mobile: `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`, consent: true, photos: [], channel: 'qr', deps });
    await submitCase(db.app, anonymousCaller(), { tenantId, categoryId: category!.id, content: '别人的心愿', mobile: freshMobile(), consent: true, photos: [], channel: 'qr', deps });
    const outcome = (await signIn(tenantId, mobile, await askCode(tenantId, mobile))) as { token: string };
    const self = (await resolve(tenantId, outcome.token))!;
    const page = await withTenant(db.app, tenantId, (tx) => getMyPage(tx, residentCaller(self)));
    expect(page.pending).toBe(true);
    // 我的 also carries the sections other features register (meals, services, school); the wishes are one of them.
    expect(page.sections.map((s) => s.key)).toContain('myWishes');
    const wishes = page.sections.find((s) => s.key === 'myWishes')!.data as { trackingCode: string; excerpt: string; status: string }[];
    // Not confirmed as a person of the register yet: nothing of volunteering to show (issue 17).
    expect(page.sections.find((s) => s.key === 'myVolunteering')!.data).toMatchObject({ volunteer: false, mine: [] });
    expect(wishes.map((w) => w.trackingCode).sort()).toEqual([first.trackingCode, second.trackingCode].sort());
    expect(wishes.find((w) => w.trackingCode === first.trackingCode)).toMatchObject({ excerpt: '楼道灯坏了，晚上看不见路', status: 'submitted' });

    // A section added by another feature shows in its place.
    const extended = await withTenant(db.app, tenantId, (tx) => getMyPage(tx, residentCaller(self), { sections: [{ key: 'myMeals', load: async (_tx, s) => ({ mobileHint: s.mobileHint }) }] }));
    expect(extended.sections).toEqual([{ key: 'myMeals', data: { mobileHint: self.mobileHint } }]);
  });

  it('finds wishes sent before the keyed hash existed once they are backfilled', async () => {
    const tenantId = await unitId(JINYUAN);
    const mobile = freshMobile();
    const [category] = await withTenant(db.app, tenantId, (tx) => tx.select().from(categories).where(eq(categories.active, true)).limit(1));
    const old = await submitCase(db.app, anonymousCaller(), { tenantId, categoryId: category!.id, content: '很早以前的心愿', mobile, consent: true, photos: [], channel: 'qr', deps: { cipher, storage: localPhotoStorage('/tmp/h16/photos') } });
    // As before migration 0025: no index on the case.
    await withTenant(db.owner, tenantId, (tx) => tx.execute(sql`update cases set reporter_mobile_index = null where id = ${old.id}`));
    const self = (await resolve(tenantId, ((await signIn(tenantId, mobile, await askCode(tenantId, mobile))) as { token: string }).token))!;
    const wishes = async () => ((await withTenant(db.app, tenantId, (tx) => getMyPage(tx, residentCaller(self)))).sections.find((s) => s.key === 'myWishes')!.data as { trackingCode: string }[]).map((w) => w.trackingCode);
    expect(await wishes()).toEqual([]);
    const r = await withTenant(db.app, tenantId, (tx) => backfillReporterMobileIndex(tx, anon, { tenantId, cipher }));
    expect(r.filled).toBeGreaterThanOrEqual(1);
    expect(await wishes()).toEqual([old.trackingCode]);
    // Again: nothing left to fill for this key.
    expect((await withTenant(db.app, tenantId, (tx) => backfillReporterMobileIndex(tx, anon, { tenantId, cipher }))).filled).toBe(0);
  });
});

describe('streets and districts see counts of registered residents, not people', () => {
  it('answers resident_counts() per community in the officer’s reach, and nothing to other scopes', async () => {
    const { tenantId: jinyuan, caller } = await staffOf('13800000004', JINYUAN);
    await withTenant(db.app, jinyuan, (tx) => registerResident(tx, caller, { name: '计数用', consent: true, consentChannel: 'paper', cipher, now: T0 }));
    const [unit] = await db.owner.select({ streetId: orgUnits.streetId, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, jinyuan));
    const counts = async (scope: Parameters<typeof withScope>[1]) =>
      new Map([...(await withScope(db.app, scope, (tx) => tx.execute<{ community_id: string; registered: string }>(sql`select * from resident_counts()`)))].map((r) => [r.community_id, Number(r.registered)]));
    const [{ n }] = (await withTenant(db.owner, jinyuan, (tx) => tx.execute(sql`select count(*)::int as n from residents where tenant_id = ${jinyuan} and status = 'active'`))) as unknown as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    expect((await counts({ unitIds: [unit!.streetId!] })).get(jinyuan)).toBe(n);
    expect((await counts({ unitIds: [unit!.districtId!] })).get(jinyuan)).toBe(n);
    // Another street's officer: not in reach.
    const otherStreet = await unitId('520115002000');
    expect((await counts({ unitIds: [otherStreet] })).has(jinyuan)).toBe(false);
    // A community's own scope, a person, no scope: nothing (the community counts its own people on its pages).
    expect((await counts({ tenantId: jinyuan })).size).toBe(0);
    expect((await counts({})).size).toBe(0);
    // And people themselves stay out of an officer's reach.
    expect(await withScope(db.app, { unitIds: [unit!.streetId!] }, (tx) => tx.execute(sql`select id from residents limit 1`)).then((r) => [...r])).toEqual([]);
  });

  it('gives the street’s and district’s dashboard the register’s size per community (countRegisteredResidents), and refuses a community’s staff', async () => {
    const jinyuan = await unitId(JINYUAN);
    const [{ n }] = (await withTenant(db.owner, jinyuan, (tx) => tx.execute(sql`select count(*)::int as n from residents where tenant_id = ${jinyuan} and status = 'active'`))) as unknown as [{ n: number }];
    for (const mobile of ['13800000002', '13800000001']) {
      const actor = await db.actorFor(mobile);
      const counts = await withScope(db.app, actorScope(actor), (tx) => countRegisteredResidents(tx, { actor, ability: defineAbilityFor(actor) }));
      expect(counts[jinyuan]).toBe(n);
      expect(Object.values(counts).every((v) => typeof v === 'number')).toBe(true);
    }
    const { caller } = await staffOf('13800000004', JINYUAN);
    expect(await refusal(withScope(db.app, actorScope(caller.actor), (tx) => countRegisteredResidents(tx, caller)))).toBe('dashboard.noScope');
  });
});
