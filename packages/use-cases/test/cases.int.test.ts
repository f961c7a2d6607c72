import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { auditEvents, buildings, casePhotos, cases, categories, containsAllTerms, createDb, type Db, foldedText, notifications, orgUnits, outbox, users, withTenant, withScope } from '@shequ/db';
import { countCases, foldText, formatTrackingCode, metricsOf, searchTerms } from '@shequ/domain';
import { adminUrlFromEnv, createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { withUrlParts } from '@shequ/db/provision';
import { type Actor, defineAbilityFor } from '@shequ/permissions';
import { acceptCase, addCaseNote, anonymousCaller, assignCase, closeUnratedCases, getCase, listCases, rateCase, reopenCase, replyToResident, resolveCase, revealReporterContact, newSubmissionKey, submitCase, trackCase, rejectCase, mergeCase, hideCasePhoto, staffPhoto, recordFollowUp, listCaseAssignees } from '../src/index.ts';
import { loadCaseFacts } from '../src/dashboards/rollups.ts';
import { communityCaseCounts } from '../src/cases/community-case-counts.ts';
import { listWorkspaces } from '../src/auth/workspaces.ts';
import { cleanStoredPhotos } from '../src/storage/clean-stored-photos.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { seedDemo } from '../src/seed/index.ts';
import { refusal } from './support.ts';

// A real 1×1 PNG: uploads are decoded and re-encoded without metadata (cleanPhoto), so a bare header would be refused.
const PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
let tdb: TestDatabase;
let owner: Db;
let app: Db;
let photoDir: string;
const cipher = createPersonalDataCipher('ab'.repeat(32));
let deps: { cipher: typeof cipher; storage: ReturnType<typeof localPhotoStorage> };
let jinyuan: string;
let bihai: string;
let categoryId: string;
let building1: string;
let building12: string;

async function actorFor(mobile: string, tenantId?: string): Promise<Actor> {
  const [u] = await owner.select().from(users).where(eq(users.mobile, mobile));
  const workspaces = await withScope(app, { userId: u!.id }, (tx) => listWorkspaces(tx, u!.id));
  const ws = tenantId ? workspaces.find((w) => w.tenantId === tenantId)! : workspaces[0]!;
  return { userId: u!.id, displayName: u!.displayName, workspace: ws };
}

const submit = (over: Partial<Parameters<typeof submitCase>[2]> = {}) =>
  submitCase(app, anonymousCaller(), { tenantId: jinyuan, categoryId, content: '3栋楼道的路灯坏了，晚上很黑', buildingId: building1, consent: false, photos: [], channel: 'qr', ...over, deps });

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 4 });
  await seedDemo(owner);
  photoDir = mkdtempSync(path.join(tmpdir(), 'shequ-photos-'));
  deps = { cipher, storage: localPhotoStorage(photoDir) };
  [{ id: jinyuan }] = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan'))) as [{ id: string }];
  [{ id: bihai }] = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'bihai'))) as [{ id: string }];
  await withTenant(owner, jinyuan, async (tx) => {
    categoryId = (await tx.select().from(categories).where(eq(categories.name, '设施维修')))[0]!.id;
    building1 = (await tx.select().from(buildings).where(eq(buildings.name, '1栋')))[0]!.id;
    building12 = (await tx.select().from(buildings).where(eq(buildings.name, '12栋')))[0]!.id;
  });
});

afterAll(async () => {
  await owner?.close();
  await app?.close();
  await tdb?.drop();
  rmSync(photoDir, { recursive: true, force: true });
});

describe('a wish from submission to a 5-star close', () => {
  it('goes through the grid worker of the building and back to the resident', async () => {
    const before = await withTenant(app, jinyuan, (tx) => communityCaseCounts(tx, jinyuan));
    const { id, trackingCode } = await submit({ name: '王小明', mobile: '138 1234 5678', consent: true, photos: [PNG] });
    expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);

    // Stored encrypted: nothing in the row reads as the number or the name.
    const [raw] = await withTenant(owner, jinyuan, (tx) => tx.execute(sql`select row_to_json(c)::text as j from cases c where id = ${id}`));
    expect(String((raw as { j: string }).j)).not.toMatch(/13812345678|王小明/);

    const grid = await actorFor('13800000006');
    const gridAbility = defineAbilityFor(grid);
    const inbox = await withTenant(app, jinyuan, (tx) => listCases(tx, { actor: grid, ability: gridAbility }, { q: '路灯' }));
    expect(inbox.rows.map((r) => r.trackingCode)).toContain(trackingCode);
    expect(inbox.rows[0]!.reporterHint).toBe('王** 138****5678');

    const call = { tenantId: jinyuan, caseId: id };
    const caller = { actor: grid, ability: gridAbility };
    await withTenant(app, jinyuan, (tx) => acceptCase(tx, caller, call));
    expect(await refusal(withTenant(app, jinyuan, (tx) => acceptCase(tx, caller, call)))).toBe('case.refused.wrong_status');
    await withTenant(app, jinyuan, (tx) => addCaseNote(tx, caller, { ...call, body: '已联系物业电工' }));
    await withTenant(app, jinyuan, (tx) => replyToResident(tx, caller, { ...call, body: '您好，已安排电工明天上午维修。' }));
    await withTenant(app, jinyuan, (tx) => resolveCase(tx, caller, { ...call, resolution: '已更换 3 栋楼道灯泡。' }));

    const tracked = await withTenant(app, jinyuan, (tx) => trackCase(tx, anonymousCaller(), { tenantId: jinyuan, code: trackingCode.toLowerCase() }));
    expect(tracked.status).toBe('resolved');
    expect(tracked.events.map((e) => e.type)).toEqual(['submitted', 'accept', 'reply', 'resolve']);
    expect(tracked.events.find((e) => e.type === 'reply')!.body).toBe('您好，已安排电工明天上午维修。');
    expect(JSON.stringify(tracked)).not.toMatch(/刘伟|已联系物业电工/);
    expect(tracked.photoIds).toHaveLength(1);

    await withTenant(app, jinyuan, (tx) => rateCase(tx, anonymousCaller(), { tenantId: jinyuan, code: trackingCode, rating: 5, comment: '很及时' }));
    const after = await withTenant(app, jinyuan, (tx) => communityCaseCounts(tx, jinyuan));
    expect(after.yearCollected).toBe(before.yearCollected + 1);
    expect(after.yearClosed).toBe(before.yearClosed + 1);
    const [row] = await withTenant(app, jinyuan, (tx) => tx.select().from(cases).where(eq(cases.id, id)));
    expect(row).toMatchObject({ status: 'closed', closeKind: 'rated', rating: 5 });
  });
});

describe('long texts are refused, never cut short (t37: a cut split an emoji and the rating answered 500)', () => {
  it('a rating comment of 500 characters ending in an emoji is kept whole; 501 is refused beside the field; a 不予受理 说明 over 500 likewise', async () => {
    const grid = await actorFor('13800000006');
    const caller = { actor: grid, ability: defineAbilityFor(grid) };
    const rated = await submit({ name: '王小明', mobile: '138 1234 5678', consent: true });
    const call = { tenantId: jinyuan, caseId: rated.id };
    await withTenant(app, jinyuan, (tx) => acceptCase(tx, caller, call));
    await withTenant(app, jinyuan, (tx) => resolveCase(tx, caller, { ...call, resolution: '已处理。' }));
    const rate = (comment: string) => withTenant(app, jinyuan, (tx) => rateCase(tx, anonymousCaller(), { tenantId: jinyuan, code: rated.trackingCode, rating: 3, comment }));
    expect(await refusal(rate(`${'好'.repeat(500)}😀`))).toBe('case.ratingComment.tooLong');
    const whole = `${'好'.repeat(499)}😀`;
    await rate(whole);
    const [row] = await withTenant(app, jinyuan, (tx) => tx.select({ ratingComment: cases.ratingComment }).from(cases).where(eq(cases.id, rated.id)));
    expect(row!.ratingComment).toBe(whole);

    const rejected = await submit({ name: '王小明', mobile: '138 1234 5678', consent: true });
    const admin = await actorFor('13800000004');
    const office = { actor: admin, ability: defineAbilityFor(admin) };
    const reject = (note: string) => withTenant(app, jinyuan, (tx) => rejectCase(tx, office, { tenantId: jinyuan, caseId: rejected.id, reason: 'spam', note }));
    expect(await refusal(reject('说'.repeat(501)))).toBe('case.rejectNote.tooLong');
    await reject('说'.repeat(500));
  });
});

describe('bad input is refused whole, with the field named', () => {
  it.each([
    ['empty content', { content: '   ' }, 'intake.content.required'],
    ['1,001 characters', { content: '字'.repeat(1001) }, 'intake.content.tooLong'],
    ['an invalid mobile', { mobile: '12345', consent: true }, 'intake.mobile.invalid'],
    ['contact without consent', { mobile: '13812345678', consent: false }, 'intake.consent.required'],
    ['a 6 MB image', { photos: [new Uint8Array(6 * 1024 * 1024).fill(0xff)] }, 'intake.photos.tooLarge'],
    ['a text file as a photo', { photos: [new TextEncoder().encode('just text, named photo.jpg')] }, 'intake.photos.badType'],
    ['four photos', { photos: [PNG, PNG, PNG, PNG] }, 'intake.photos.tooMany'],
    ['a category of another community', { categoryId: '00000000-0000-7000-8000-000000000000' }, 'intake.category.invalid'],
    ['a building of another community', { buildingId: '00000000-0000-7000-8000-000000000000' }, 'intake.building.invalid'],
    ['a replaced or unknown QR code', { qrToken: 'not-a-real-token-000000' }, 'intake.qr.replaced'],
  ])('%s', async (_label, over, code) => {
    const before = await withTenant(app, jinyuan, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(cases));
    expect(await refusal(submit(over as never))).toBe(code);
    const after = await withTenant(app, jinyuan, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(cases));
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('keeps markup and SQL as inert text', async () => {
    const nasty = `<script>alert(1)</script>'); DROP TABLE cases; --`;
    const { trackingCode } = await submit({ content: nasty });
    const tracked = await withTenant(app, jinyuan, (tx) => trackCase(tx, anonymousCaller(), { tenantId: jinyuan, code: trackingCode }));
    expect(tracked.content).toBe(nasty);
  });
});

describe('the same form sent twice', () => {
  const count = async () => (await withTenant(app, jinyuan, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(cases)))[0]!.n;
  const photoFiles = () => readdirSync(path.join(photoDir, jinyuan)).length;

  it('stores one case, and both sendings get its tracking code; the repeat’s photo is not kept', async () => {
    const key = newSubmissionKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const first = await submit({ submissionKey: key, content: '同一张表单：2栋门口积水', photos: [PNG] });
    const [before, photosBefore] = [await count(), photoFiles()];
    const again = await submit({ submissionKey: key, content: '同一张表单：2栋门口积水', photos: [PNG] });
    expect(again).toEqual({ id: first.id, trackingCode: first.trackingCode, repeated: true });
    expect(first.repeated).toBe(false);
    expect(await count()).toBe(before);
    expect(photoFiles()).toBe(photosBefore);
  });

  it('stores one case when both arrive at once', async () => {
    const key = newSubmissionKey();
    const before = await count();
    const both = await Promise.all([submit({ submissionKey: key, content: '双击提交：路灯不亮' }), submit({ submissionKey: key, content: '双击提交：路灯不亮' })]);
    expect(both[0].trackingCode).toBe(both[1].trackingCode);
    expect(both.map((o) => o.repeated).sort()).toEqual([false, true]);
    expect(await count()).toBe(before + 1);
  });

  it('stores a new case when the same form comes back with other words', async () => {
    const key = newSubmissionKey();
    const first = await submit({ submissionKey: key, content: '先写的：电梯异响' });
    const edited = await submit({ submissionKey: key, content: '改过的：电梯异响，还有楼道灯坏了' });
    expect(edited.repeated).toBe(false);
    expect(edited.trackingCode).not.toBe(first.trackingCode);
  });

  it('is per community: the same key in another community is another case', async () => {
    const key = newSubmissionKey();
    const here = await submit({ submissionKey: key, content: '同一个键：两个社区' });
    const [bihaiCategory] = await withTenant(app, bihai, (tx) => tx.select({ id: categories.id }).from(categories).where(eq(categories.tenantId, bihai)).limit(1));
    const there = await submitCase(app, anonymousCaller(), { tenantId: bihai, categoryId: bihaiCategory!.id, content: '同一个键：两个社区', consent: false, photos: [], channel: 'qr', submissionKey: key, deps });
    expect(there.repeated).toBe(false);
    expect(there.id).not.toBe(here.id);
  });
});

describe('who may touch a case', () => {
  it('a grid worker cannot act on a case of another grid, and does not see it', async () => {
    const { id, trackingCode } = await submit({ buildingId: building12 });
    const grid = await actorFor('13800000006');
    const ability = defineAbilityFor(grid);
    expect(await refusal(withTenant(app, jinyuan, (tx) => acceptCase(tx, { actor: grid, ability }, { tenantId: jinyuan, caseId: id })))).toBe('case.notFound');
    const inbox = await withTenant(app, jinyuan, (tx) => listCases(tx, { actor: grid, ability }, {}));
    expect(inbox.rows.map((r) => r.trackingCode)).not.toContain(trackingCode);
    // Once assigned to them, they can.
    const admin = await actorFor('13800000004');
    await withTenant(app, jinyuan, (tx) => assignCase(tx, { actor: admin, ability: defineAbilityFor(admin) }, { tenantId: jinyuan, caseId: id, assigneeId: grid.userId }));
    await withTenant(app, jinyuan, (tx) => acceptCase(tx, { actor: grid, ability }, { tenantId: jinyuan, caseId: id }));
  });

  it('staff of another community cannot list, open, act on or reveal it, even with its ids', async () => {
    const { id, trackingCode } = await submit({ mobile: '13912345678', consent: true });
    const outsider = await actorFor('13800000005', bihai);
    const ability = defineAbilityFor(outsider);
    const call = { tenantId: jinyuan, caseId: id };
    const caller = { actor: outsider, ability };
    // Under their own tenant context the row does not exist at all (RLS)…
    expect(await refusal(withTenant(app, bihai, (tx) => getCase(tx, { actor: outsider, ability }, { tenantId: bihai, caseId: id })))).toBe('case.notFound');
    expect(await refusal(withTenant(app, bihai, (tx) => trackCase(tx, anonymousCaller(), { tenantId: bihai, code: trackingCode })))).toBe('case.notFound');
    // …and even if the app were tricked into the other tenant's context, the ability refuses.
    expect(await refusal(withTenant(app, jinyuan, (tx) => getCase(tx, { actor: outsider, ability }, { tenantId: jinyuan, caseId: id })))).toBe('case.notFound');
    expect(await refusal(withTenant(app, jinyuan, (tx) => acceptCase(tx, caller, call)))).toBe('case.notFound');
    expect(await refusal(withTenant(app, jinyuan, (tx) => revealReporterContact(tx, { actor: outsider, ability }, { cipher, tenantId: jinyuan, caseId: id })))).toBe('case.notFound');
    const inbox = await withTenant(app, bihai, (tx) => listCases(tx, { actor: outsider, ability }, {}));
    expect(inbox.rows.map((r) => r.trackingCode)).not.toContain(trackingCode);
  });

  it('revealing a contact is audited', async () => {
    const { id } = await submit({ name: '李阿姨', mobile: '13712345678', consent: true });
    const admin = await actorFor('13800000004');
    const contact = await withTenant(app, jinyuan, (tx) => revealReporterContact(tx, { actor: admin, ability: defineAbilityFor(admin) }, { cipher, tenantId: jinyuan, caseId: id }));
    expect(contact).toEqual({ name: '李阿姨', mobile: '13712345678' });
    const audits = await withTenant(app, jinyuan, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.action, 'reveal_contact'), eq(auditEvents.subjectId, id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUserId).toBe(admin.userId);
  });
});

describe('after resolution', () => {
  async function resolved() {
    const { id, trackingCode } = await submit();
    const admin = await actorFor('13800000004');
    const call = { tenantId: jinyuan, caseId: id };
    const caller = { actor: admin, ability: defineAbilityFor(admin) };
    await withTenant(app, jinyuan, (tx) => acceptCase(tx, caller, call));
    await withTenant(app, jinyuan, (tx) => resolveCase(tx, caller, { ...call, resolution: '已处理' }));
    return { id, trackingCode, call, caller };
  }

  it('a resident can reopen once, with a reason', async () => {
    const { trackingCode, call, caller } = await resolved();
    expect(await refusal(withTenant(app, jinyuan, (tx) => reopenCase(tx, anonymousCaller(), { tenantId: jinyuan, code: trackingCode, reason: '  ' })))).toBe('case.reopenReason.required');
    await withTenant(app, jinyuan, (tx) => reopenCase(tx, anonymousCaller(), { tenantId: jinyuan, code: trackingCode, reason: '灯又坏了' }));
    await withTenant(app, jinyuan, (tx) => resolveCase(tx, caller, { ...call, resolution: '换了新灯具' }));
    expect(await refusal(withTenant(app, jinyuan, (tx) => reopenCase(tx, anonymousCaller(), { tenantId: jinyuan, code: trackingCode, reason: '还是不行' })))).toBe('case.refused.reopen_used');
  });

  it('closes as unrated after the configured days, once', async () => {
    const { id } = await resolved();
    const later = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    const first = await withTenant(app, jinyuan, (tx) => closeUnratedCases(tx, anonymousCaller(), { tenantId: jinyuan }, later));
    expect(first.closed).toBeGreaterThanOrEqual(1);
    expect((await withTenant(app, jinyuan, (tx) => closeUnratedCases(tx, anonymousCaller(), { tenantId: jinyuan }, later))).closed).toBe(0);
    const [row] = await withTenant(app, jinyuan, (tx) => tx.select().from(cases).where(eq(cases.id, id)));
    expect(row).toMatchObject({ status: 'closed', closeKind: 'unrated', rating: null });
  });

  it('a rejected case cannot be resolved', async () => {
    const { id } = await submit({ content: '广告：低价装修' });
    const admin = await actorFor('13800000004');
    const call = { tenantId: jinyuan, caseId: id };
    const caller = { actor: admin, ability: defineAbilityFor(admin) };
    expect(await refusal(withTenant(app, jinyuan, (tx) => rejectCase(tx, caller, { ...call, reason: 'nonsense' })))).toBe('case.rejectReason.invalid');
    await withTenant(app, jinyuan, (tx) => rejectCase(tx, caller, { ...call, reason: 'spam' }));
    expect(await refusal(withTenant(app, jinyuan, (tx) => resolveCase(tx, caller, { ...call, resolution: 'x' })))).toBe('case.refused.wrong_status');
  });
});

describe('search and filters', () => {
  it('finds Chinese text by any substring and treats % literally', async () => {
    await submit({ content: '希望在小区花园增设儿童滑梯' });
    const admin = await actorFor('13800000004');
    const ability = defineAbilityFor(admin);
    const hits = await withTenant(app, jinyuan, (tx) => listCases(tx, { actor: admin, ability }, { q: '儿童滑梯' }));
    expect(hits.rows.map((r) => r.excerpt)).toEqual(['希望在小区花园增设儿童滑梯']);
    expect((await withTenant(app, jinyuan, (tx) => listCases(tx, { actor: admin, ability }, { q: '%' }))).rows).toEqual([]);
    const open = await withTenant(app, jinyuan, (tx) => listCases(tx, { actor: admin, ability }, { status: ['submitted'], pageSize: 5 }));
    expect(open.rows.every((r) => r.status === 'submitted')).toBe(true);
    expect(open.counts.submitted).toBe(open.total);
    expect(open.rows.length).toBeLessThanOrEqual(5);
  });
});

describe('search reads what staff type as they meant it (issue 15)', () => {
  const search = async (q: string) => {
    const admin = await actorFor('13800000004');
    const ability = defineAbilityFor(admin);
    return (await withTenant(app, jinyuan, (tx) => listCases(tx, { actor: admin, ability }, { q, pageSize: 100 }))).rows;
  };
  const contents = async (q: string) => (await search(q)).map((r) => r.excerpt);

  it('several words must all match, in any order', async () => {
    await submit({ content: '5栋厨房漏水，楼下天花板湿了' });
    await submit({ content: '7栋漏水，已经找过物业' });
    expect(await contents('漏水 天花板')).toEqual(['5栋厨房漏水，楼下天花板湿了']);
    expect(await contents('天花板　漏水')).toEqual(['5栋厨房漏水，楼下天花板湿了']); // a full-width space between them
    expect(await contents('漏水 屋顶')).toEqual([]);
  });

  it('full-width and half-width forms, and upper and lower case, are the same', async () => {
    await submit({ content: '６栋电梯坏了' });
    await submit({ content: '活动室的ＷＩＦＩ连不上' });
    expect(await contents('6栋')).toEqual(['６栋电梯坏了']);
    expect(await contents('６栋 电梯')).toEqual(['６栋电梯坏了']);
    expect(await contents('wifi')).toEqual(['活动室的ＷＩＦＩ连不上']);
    expect(await contents('WiFi 活动室')).toEqual(['活动室的ＷＩＦＩ连不上']);
  });

  it('a tracking code finds its wish with or without its dash, in any case', async () => {
    const { trackingCode } = await submit({ content: '编号查找：南门的快递柜坏了' });
    const dashed = `${trackingCode.slice(0, 5)}-${trackingCode.slice(5)}`;
    for (const q of [trackingCode, dashed, dashed.toLowerCase(), trackingCode.toLowerCase(), ` ${dashed} `]) {
      expect((await search(q)).map((r) => r.trackingCode), q).toEqual([trackingCode]);
    }
  });

  it('the database folds stored text exactly as the domain folds typed text', async () => {
    const samples = ['６栋电梯坏了', 'ＷＩＦＩ', 'WiFi密码', '①号楼', '㈠单元', 'Ⅻ栋', 'ｶﾀｶﾅ', 'ÉCOLE', 'ΣΟΦΙΑ', 'ﬁle', '１３８ ００１３ ８０００', '　全角空格　'];
    const folded = await withScope(app, {}, (tx) => tx.execute<{ f: string }>(sql`select ${foldedText(sql`x`)} as f from jsonb_array_elements_text(${JSON.stringify(samples)}::jsonb) with ordinality as t(x, n) order by n`));
    expect(folded.map((r) => r.f)).toEqual(samples.map(foldText));
  });

  it('the search uses the trigram index on the folded text', async () => {
    // As the server's superuser (no row-level security), so the tenant's own index does not compete on a tiny table.
    const admin = createDb(withUrlParts(adminUrlFromEnv(), { database: tdb.name }), { max: 1 });
    const plan = await admin
      .transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        return tx.execute<{ 'QUERY PLAN': string }>(sql`explain select id from cases where ${containsAllTerms(cases.content, searchTerms('漏水 天花板'))}`);
      })
      .finally(() => admin.close());
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('cases_content_folded_trgm_idx');
  });
});

describe('photos carry only the picture (issue 15)', () => {
  // A phone photo as residents send it: 200×100 pixels stored sideways, EXIF saying "rotate 90°", the phone's make
  // and a GPS position in 贵阳.
  const phonePhoto = async () => {
    const pixels = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#c03030' } }).jpeg().toBuffer();
    return new Uint8Array(
      await sharp(pixels)
        .withMetadata({ orientation: 6 })
        .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '26/1 34/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '106/1 38/1 0/1' } })
        .jpeg()
        .toBuffer(),
    );
  };
  const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));

  it('an upload is stored without EXIF or GPS, turned the way its orientation said, and served so to staff and residents', async () => {
    const upload = await phonePhoto();
    expect(has(upload, 'Exif') && has(upload, 'TestPhone')).toBe(true); // the test's photo does carry them
    const { id, trackingCode } = await submit({ photos: [upload] });
    const admin = await actorFor('13800000004');
    const ability = defineAbilityFor(admin);
    const view = await withTenant(app, jinyuan, (tx) => getCase(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: id }));
    const photo = await withTenant(app, jinyuan, (tx) => staffPhoto(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: id, photoId: view.photos[0]!.id }));
    const served = (await deps.storage.get(photo.storageKey))!;
    expect(has(served, 'Exif')).toBe(false);
    expect(has(served, 'TestPhone')).toBe(false);
    const meta = await sharp(served).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 100, height: 200 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // The row records the stored size, and the resident's page lists the same photo.
    const [row] = await withTenant(owner, jinyuan, (tx) => tx.select().from(casePhotos).where(eq(casePhotos.caseId, id)));
    expect(row!.bytes).toBe(served.byteLength);
    expect((await withTenant(app, jinyuan, (tx) => trackCase(tx, anonymousCaller(), { tenantId: jinyuan, code: trackingCode }))).photoIds).toEqual([row!.id]);
  });

  it('a file that only starts like an image is refused', async () => {
    const fake = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode('not really a jpeg at all')]);
    expect(await refusal(submit({ photos: [fake] }))).toBe('intake.photos.badType');
  });

  it('the one-off job cleans photos stored before, and finds nothing to do the second time', async () => {
    const { id } = await submit({ photos: [PNG] });
    const [row] = await withTenant(owner, jinyuan, (tx) => tx.select().from(casePhotos).where(eq(casePhotos.caseId, id)));
    // As an upload was kept before this change: the phone's bytes, EXIF and GPS included.
    const old = await phonePhoto();
    const oldKey = `${jinyuan}/${row!.id}-old.jpg`;
    await deps.storage.put(oldKey, old);
    await withTenant(owner, jinyuan, (tx) => tx.update(casePhotos).set({ storageKey: oldKey, mime: 'image/jpeg', bytes: old.byteLength }).where(eq(casePhotos.id, row!.id)));

    const first = await cleanStoredPhotos(app, deps.storage, [jinyuan, bihai]);
    expect(first.cleaned).toBe(1);
    expect(first.failed).toBe(0);
    const [after] = await withTenant(owner, jinyuan, (tx) => tx.select().from(casePhotos).where(eq(casePhotos.id, row!.id)));
    expect(after!.storageKey).not.toBe(oldKey);
    const cleaned = (await deps.storage.get(after!.storageKey))!;
    expect(has(cleaned, 'Exif') || has(cleaned, 'TestPhone')).toBe(false);
    expect(await sharp(cleaned).metadata()).toMatchObject({ width: 100, height: 200 });
    expect(after!.bytes).toBe(cleaned.byteLength);
    expect(await deps.storage.get(oldKey)).toBeNull();
    expect((await cleanStoredPhotos(app, deps.storage, [jinyuan, bihai])).cleaned).toBe(0);
  });
});

describe('merging, hiding photos, follow-ups and assignment', () => {
  it('merges a duplicate into another open case, and both timelines say so', async () => {
    const first = await submit({ content: '南门道闸坏了' });
    const dup = await submit({ content: '南门的道闸又坏了' });
    const admin = await actorFor('13800000004');
    const ability = defineAbilityFor(admin);
    const call = { tenantId: jinyuan, caseId: dup.id };
    const caller = { actor: admin, ability };
    expect(await refusal(withTenant(app, jinyuan, (tx) => mergeCase(tx, caller, { ...call, targetCode: dup.trackingCode })))).toBe('case.mergeTarget.invalid');
    expect(await refusal(withTenant(app, jinyuan, (tx) => mergeCase(tx, caller, { ...call, targetCode: 'ZZZZZ-ZZZZZ' })))).toBe('case.mergeTarget.invalid');
    await withTenant(app, jinyuan, (tx) => mergeCase(tx, caller, { ...call, targetCode: first.trackingCode.toLowerCase() }));
    const merged = await withTenant(app, jinyuan, (tx) => getCase(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: dup.id }));
    expect(merged.case).toMatchObject({ status: 'merged', mergedIntoId: first.id });
    const target = await withTenant(app, jinyuan, (tx) => getCase(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: first.id }));
    expect(target.events.map((e) => e.type)).toContain('merged_in');
    const tracked = await withTenant(app, jinyuan, (tx) => trackCase(tx, anonymousCaller(), { tenantId: jinyuan, code: dup.trackingCode }));
    // The merged wish follows the case it was merged into (see the next test).
    expect(tracked).toMatchObject({ status: 'submitted', mergedInto: { status: 'submitted' } });
  });

  it('a merged wish’s reporter follows the surviving case: its replies and outcome, its messages by SMS, and a rating that counts', async () => {
    const survivor = await submit({ content: '小区北门路灯不亮' });
    const dup = await submit({ content: '北门那盏路灯坏了好几天', mobile: '13912345678', consent: true });
    const quiet = await submit({ content: '北门路灯又不亮了' }); // merged too, no number left
    const admin = await actorFor('13800000004');
    const ability = defineAbilityFor(admin);
    const call = { tenantId: jinyuan };
    const caller = { actor: admin, ability };
    const smsFor = async (code: string) =>
      (await owner.select({ kind: outbox.kind, body: outbox.body, recipient: outbox.recipient }).from(outbox).where(eq(outbox.channel, 'sms'))).filter((m) => m.body.includes(formatTrackingCode(code)));
    await withTenant(app, jinyuan, (tx) => mergeCase(tx, caller, { ...call, caseId: dup.id, targetCode: survivor.trackingCode }));
    await withTenant(app, jinyuan, (tx) => mergeCase(tx, caller, { ...call, caseId: quiet.id, targetCode: survivor.trackingCode }));
    // Told of the merge, with their own code (the one they track by).
    expect((await smsFor(dup.trackingCode)).map((m) => m.kind)).toEqual(['case_merged']);
    // Before the outcome the reporter cannot rate.
    expect(await refusal(withTenant(app, jinyuan, (tx) => rateCase(tx, anonymousCaller(), { tenantId: jinyuan, code: dup.trackingCode, rating: 5 })))).toBe('case.refused.not_finished');

    await withTenant(app, jinyuan, (tx) => acceptCase(tx, caller, { ...call, caseId: survivor.id }));
    await withTenant(app, jinyuan, (tx) => replyToResident(tx, caller, { ...call, caseId: survivor.id, body: '已报修，电工明天到' }));
    await withTenant(app, jinyuan, (tx) => resolveCase(tx, caller, { ...call, caseId: survivor.id, resolution: '已更换北门路灯灯头' }));
    // Its replies and outcome reach the merged wish's reporter by SMS (before: nothing although a number was left).
    const messages = await smsFor(dup.trackingCode);
    expect(messages.map((m) => m.kind)).toEqual(['case_merged', 'case_replied', 'case_closed']);
    expect(cipher.decrypt(messages[1]!.recipient.slice('sealed:'.length))).toBe('13912345678');
    expect(await smsFor(quiet.trackingCode)).toEqual([]);

    // Their tracking page shows the surviving case's progress, replies and outcome (not the other reporter's words).
    const view = await withTenant(app, jinyuan, (tx) => trackCase(tx, anonymousCaller(), { tenantId: jinyuan, code: dup.trackingCode }));
    expect(view).toMatchObject({ status: 'resolved', mergedInto: { status: 'resolved' }, content: '北门那盏路灯坏了好几天', canRate: true, canReopen: false });
    expect(view.events.map((e) => e.body).filter(Boolean)).toEqual(['已报修，电工明天到', '已更换北门路灯灯头']);
    expect(JSON.stringify(view)).not.toContain('小区北门路灯不亮');

    // They rate; their wish stays merged; the handler hears of it on the surviving case; once only.
    await withTenant(app, jinyuan, (tx) => rateCase(tx, anonymousCaller(), { tenantId: jinyuan, code: dup.trackingCode, rating: 2, comment: '修得太慢' }));
    const [row] = await withTenant(owner, jinyuan, (tx) => tx.select().from(cases).where(eq(cases.id, dup.id)));
    expect(row).toMatchObject({ status: 'merged', rating: 2, ratingComment: '修得太慢' });
    expect(await refusal(withTenant(app, jinyuan, (tx) => rateCase(tx, anonymousCaller(), { tenantId: jinyuan, code: dup.trackingCode, rating: 5 })))).toBe('case.refused.already_rated');
    expect((await withTenant(app, jinyuan, (tx) => trackCase(tx, anonymousCaller(), { tenantId: jinyuan, code: dup.trackingCode }))).canRate).toBe(false);
    const rated = await owner.select().from(notifications).where(and(eq(notifications.subjectId, survivor.id), eq(notifications.kind, 'resident_rated')));
    expect(rated.map((n) => n.data)).toEqual(expect.arrayContaining([expect.objectContaining({ rating: 2, code: formatTrackingCode(survivor.trackingCode) })]));
    // Staff read that rating on the case they handled.
    const handled = await withTenant(app, jinyuan, (tx) => getCase(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: survivor.id }));
    expect(handled.events.find((e) => e.type === 'merged_rated')).toMatchObject({ public: false, body: '修得太慢', line: { key: 'merged_rated', values: { code: formatTrackingCode(dup.trackingCode), rating: '2' } } });
    // The surviving case's own reporter still rates it (and closes it).
    await withTenant(app, jinyuan, (tx) => rateCase(tx, anonymousCaller(), { tenantId: jinyuan, code: survivor.trackingCode, rating: 5 }));

    // The figures count every reporter's rating, as /help/metrics says: 2 ratings (5 and 2) of 3 reporters.
    const facts = (await withTenant(owner, jinyuan, (tx) => loadCaseFacts(tx, jinyuan))).map((f) => f.fact);
    const mine = facts.find((f) => f.mergedReporters === 2)!;
    expect(mine).toMatchObject({ rating: 5, mergedRatings: [2], excluded: false });
    // The merged wishes themselves are no requests of their own.
    expect(facts.filter((f) => f.excluded && f.rating === 2)).toHaveLength(1);
    const alone = countCases([mine], { from: new Date(0), to: new Date(Date.now() + 60_000) }, new Date(Date.now() + 60_000));
    expect(alone).toMatchObject({ received: 1, closed: 1, rated: 2, satisfied: 1, rateable: 3 });
    expect(metricsOf(alone)).toMatchObject({ satisfactionRate: 0.5, ratingRate: 2 / 3 });
  });

  it('offers only this community’s people as assignees, to the community’s own staff only', async () => {
    const caller = async (mobile: string, tenantId: string) => {
      const actor = await actorFor(mobile, tenantId);
      return { actor, ability: defineAbilityFor(actor) };
    };
    const admin = await caller('13800000004', jinyuan);
    const names = (await withTenant(app, jinyuan, (tx) => listCaseAssignees(tx, admin, { tenantId: jinyuan }))).map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['张丽', '陈晓', '刘伟']));
    expect(names).not.toContain('李红梅'); // a street officer
    const inBihai = await caller('13800000005', bihai);
    const bihaiNames = (await withTenant(app, bihai, (tx) => listCaseAssignees(tx, inBihai, { tenantId: bihai }))).map((a) => a.name);
    expect(bihaiNames).toEqual(['陈晓']);
    // Another community's id: refused (memberships have no RLS; the use case is what keeps them apart).
    expect(await refusal(withTenant(app, bihai, (tx) => listCaseAssignees(tx, admin, { tenantId: bihai })))).toBe('forbidden');
  });

  it('hides a photo from the resident but keeps it for staff', async () => {
    const { id, trackingCode } = await submit({ photos: [PNG] });
    const admin = await actorFor('13800000004');
    const ability = defineAbilityFor(admin);
    const view = await withTenant(app, jinyuan, (tx) => getCase(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: id }));
    const photoId = view.photos[0]!.id;
    await withTenant(app, jinyuan, (tx) => hideCasePhoto(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: id, photoId }));
    expect(await refusal(withTenant(app, jinyuan, (tx) => hideCasePhoto(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: id, photoId })))).toBe('case.photo.notFound');
    expect((await withTenant(app, jinyuan, (tx) => trackCase(tx, anonymousCaller(), { tenantId: jinyuan, code: trackingCode }))).photoIds).toEqual([]);
    const after = await withTenant(app, jinyuan, (tx) => getCase(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: id }));
    expect(after.photos[0]!.hiddenAt).not.toBeNull();
    expect(await withTenant(app, jinyuan, (tx) => staffPhoto(tx, { actor: admin, ability }, { tenantId: jinyuan, caseId: id, photoId }))).toMatchObject({ mime: 'image/png' });
  });

  it('records a phone follow-up as the close, and refuses assigning outside the community', async () => {
    const { id } = await submit();
    const admin = await actorFor('13800000004');
    const ability = defineAbilityFor(admin);
    const call = { tenantId: jinyuan, caseId: id };
    const caller = { actor: admin, ability };
    const [outsider] = await owner.select().from(users).where(eq(users.mobile, '13800000002'));
    expect(await refusal(withTenant(app, jinyuan, (tx) => assignCase(tx, caller, { ...call, assigneeId: outsider!.id })))).toBe('case.assignee.invalid');
    expect(await refusal(withTenant(app, jinyuan, (tx) => assignCase(tx, caller, { ...call, assigneeId: "x' or 1=1" })))).toBe('case.assignee.invalid');
    expect(await refusal(withTenant(app, jinyuan, (tx) => hideCasePhoto(tx, caller, { ...call, photoId: 'not-a-uuid' })))).toBe('case.photo.notFound');
    await withTenant(app, jinyuan, (tx) => acceptCase(tx, caller, call));
    expect(await refusal(withTenant(app, jinyuan, (tx) => recordFollowUp(tx, caller, { ...call, rating: 5 })))).toBe('case.refused.wrong_status');
    await withTenant(app, jinyuan, (tx) => resolveCase(tx, caller, { ...call, resolution: '已处理' }));
    expect(await refusal(withTenant(app, jinyuan, (tx) => recordFollowUp(tx, caller, { ...call, rating: 9 })))).toBe('case.rating.invalid');
    await withTenant(app, jinyuan, (tx) => recordFollowUp(tx, caller, { ...call, rating: 4, comment: '电话回访，居民表示满意' }));
    const [row] = await withTenant(app, jinyuan, (tx) => tx.select().from(cases).where(eq(cases.id, id)));
    expect(row).toMatchObject({ status: 'closed', closeKind: 'follow_up', rating: 4 });
  });

  it('the same accept sent twice at once applies once', async () => {
    const { id } = await submit();
    const admin = await actorFor('13800000004');
    const call = { tenantId: jinyuan, caseId: id };
    const caller = { actor: admin, ability: defineAbilityFor(admin) };
    const results = await Promise.allSettled([withTenant(app, jinyuan, (tx) => acceptCase(tx, caller, call)), withTenant(app, jinyuan, (tx) => acceptCase(tx, caller, call))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const view = await withTenant(app, jinyuan, (tx) => getCase(tx, { actor: admin, ability: caller.ability }, { tenantId: jinyuan, caseId: id }));
    expect(view.events.filter((e) => e.type === 'accept')).toHaveLength(1);
  });
});

describe('a changed personal-data key', () => {
  it('makes a reveal fail with a clear refusal, not a crash', async () => {
    const { id } = await submit({ mobile: '13711112222', consent: true });
    const admin = await actorFor('13800000004');
    const otherKey = createPersonalDataCipher('cd'.repeat(32));
    expect(await refusal(withTenant(app, jinyuan, (tx) => revealReporterContact(tx, { actor: admin, ability: defineAbilityFor(admin) }, { cipher: otherKey, tenantId: jinyuan, caseId: id })))).toBe('case.contactUnreadable');
  });
});
