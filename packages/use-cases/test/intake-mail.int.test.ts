import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { caseEvents, cases, categories, grids, memberships, notifications, notificationSettings, orgUnits, outbox, users, withScope, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, setNotificationChannels, submitCase } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// A new wish's email to its grid worker: the address comes from the community's cached facts (deadlines/policy.ts),
// so the intake statement does not read `users` (issue 13's intake figure); these tests show the cache never sends a
// message the person turned off in this process, and never loses one for a grid worker the cache does not know yet.
const seeded = seededDatabase();
const cipher = createPersonalDataCipher('cd'.repeat(32));
let deps: { cipher: typeof cipher; storage: ReturnType<typeof localPhotoStorage> };
let jinyuan: string;
let categoryId: string;
let building1: string;
let grid1: string;

const submit = (content: string) =>
  submitCase(seeded.app, anonymousCaller(), { tenantId: jinyuan, categoryId, content, buildingId: building1, consent: false, photos: [], channel: 'qr', deps });
const mailsFor = async (caseId: string) => {
  const [routed] = await seeded.owner.select().from(notifications).where(and(eq(notifications.subjectId, caseId), eq(notifications.kind, 'case_routed')));
  // Without the bell's notice there is no code to find the mail by (and '' would match every mail).
  expect(routed).toBeDefined();
  const rows = await seeded.owner.select({ recipient: outbox.recipient, body: outbox.body }).from(outbox).where(and(eq(outbox.kind, 'case_routed'), eq(outbox.channel, 'email')));
  // The outbox row has no case id; the body names the tracking code, which only this case has.
  const code = String((routed!.data as { code: string }).code);
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  return rows.filter((r) => r.body.includes(code)).map((r) => r.recipient);
};

beforeAll(async () => {
  deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-mail-'))) };
  jinyuan = (await seeded.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')))[0]!.id;
  await withTenant(seeded.owner, jinyuan, async (tx) => {
    categoryId = (await tx.select().from(categories).where(eq(categories.name, '设施维修')))[0]!.id;
    const [b] = await tx.execute<{ id: string; grid_id: string }>(sql`select id, grid_id from buildings where name = '1栋'`);
    building1 = b!.id as string;
    grid1 = b!.grid_id as string;
  });
});

describe('the grid worker’s email for a new wish', () => {
  it('goes to the address they have, and stops in this process as soon as they turn email off', async () => {
    const first = await submit('1栋门口的路灯不亮了，晚上看不清台阶');
    expect(await mailsFor(first.id)).toEqual(['grid@demo.shequ.cn']);

    const [grid] = await seeded.owner.select({ id: users.id }).from(users).where(eq(users.mobile, '13800000006'));
    const gridActor = await seeded.actorFor('13800000006');
    const gridCaller = { actor: gridActor, ability: defineAbilityFor(gridActor) };
    await withScope(seeded.app, { userId: grid!.id }, (tx) => setNotificationChannels(tx, gridCaller, { channels: ['sms'] }));
    const second = await submit('1栋电梯按钮失灵，按了没有反应');
    expect(await mailsFor(second.id)).toEqual([]);
    // The bell still rings: only the outside channel follows the setting.
    expect(await seeded.owner.select().from(notifications).where(and(eq(notifications.subjectId, second.id), eq(notifications.userId, grid!.id)))).toHaveLength(1);

    await withScope(seeded.app, { userId: grid!.id }, (tx) => setNotificationChannels(tx, gridCaller, { channels: ['email'] }));
    const third = await submit('1栋楼道的窗户玻璃碎了，请尽快更换');
    expect(await mailsFor(third.id)).toEqual(['grid@demo.shequ.cn']);
  });

  it('reaches a grid worker the cache does not know yet (assigned by another process), right after the case', async () => {
    await submit('先让社区的缓存记住现在的网格员'); // warms the facts with the demo grid worker
    const [newcomer] = await seeded.owner.insert(users).values({ displayName: '孙新', mobile: '13800009911', email: 'newgrid@example.cn' }).returning();
    await seeded.owner.insert(memberships).values({ userId: newcomer!.id, role: 'grid_worker', orgUnitId: jinyuan });
    // Straight in the database, as another web process would: this process's cache is not told.
    await withTenant(seeded.owner, jinyuan, (tx) => tx.update(grids).set({ gridWorkerId: newcomer!.id }).where(eq(grids.id, grid1)));
    const wish = await submit('1栋垃圾桶满了两天没人清运');
    expect(await mailsFor(wish.id)).toEqual(['newgrid@example.cn']);

    // A second newcomer who turned email off: the facts read again after the case follow their setting.
    const [quietOne] = await seeded.owner.insert(users).values({ displayName: '钱静', mobile: '13800009912', email: 'quietgrid@example.cn' }).returning();
    await seeded.owner.insert(memberships).values({ userId: quietOne!.id, role: 'grid_worker', orgUnitId: jinyuan });
    await seeded.owner.insert(notificationSettings).values({ userId: quietOne!.id, channels: [] });
    await withTenant(seeded.owner, jinyuan, (tx) => tx.update(grids).set({ gridWorkerId: quietOne!.id }).where(eq(grids.id, grid1)));
    const quiet = await submit('1栋单元门的门禁坏了');
    expect(await mailsFor(quiet.id)).toEqual([]);
  });

  it('a late email that cannot be queued is logged with the case and the grid worker; the case stands (decision 073 review)', async () => {
    await submit('先让社区的缓存记住现在的网格员');
    const [late] = await seeded.owner.insert(users).values({ displayName: '周迟', mobile: '13800009913', email: 'late@example.cn' }).returning();
    await seeded.owner.insert(memberships).values({ userId: late!.id, role: 'grid_worker', orgUnitId: jinyuan });
    await withTenant(seeded.owner, jinyuan, (tx) => tx.update(grids).set({ gridWorkerId: late!.id }).where(eq(grids.id, grid1)));
    // The outbox refuses this one address, as a full disk or a lost connection would refuse the write.
    await seeded.owner.execute(sql`create function refuse_late_mail() returns trigger language plpgsql as $$
      begin if new.recipient = 'late@example.cn' then raise exception 'outbox unavailable'; end if; return new; end $$`);
    await seeded.owner.execute(sql`create trigger refuse_late_mail before insert on outbox for each row execute function refuse_late_mail()`);
    const logged: { detail: Record<string, unknown>; message: string }[] = [];
    const wish = await submitCase(seeded.app, anonymousCaller(), {
      tenantId: jinyuan,
      categoryId,
      content: '1栋的消防通道被电动车堵住了',
      buildingId: building1,
      consent: false,
      photos: [],
      channel: 'qr',
      deps: { ...deps, log: { error: (detail, message) => logged.push({ detail, message }) } },
    });
    await seeded.owner.execute(sql`drop trigger refuse_late_mail on outbox`);
    expect(await withTenant(seeded.owner, jinyuan, (tx) => tx.select({ id: cases.id }).from(cases).where(eq(cases.id, wish.id)))).toEqual([{ id: wish.id }]);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.detail).toMatchObject({ tenantId: jinyuan, caseId: wish.id, userId: late!.id, kind: 'case_routed' });
    const err = logged[0]!.detail.err as Error & { cause?: unknown };
    expect(String(err.cause ?? err)).toContain('outbox unavailable');
    // The bell's notice stands.
    expect(await seeded.owner.select().from(notifications).where(and(eq(notifications.subjectId, wish.id), eq(notifications.userId, late!.id)))).toHaveLength(1);
  });
});

describe('a case recorded by staff is the caller’s (submitCase used to ignore its caller)', () => {
  const record = async (mobile: string, content: string) => {
    const actor = await seeded.actorFor(mobile, mobile === '13800000005' ? jinyuan : undefined);
    return submitCase(seeded.app, { actor, ability: defineAbilityFor(actor) }, { tenantId: jinyuan, categoryId, content, buildingId: building1, consent: true, photos: [], channel: 'phone', deps });
  };
  it('names the staff member who recorded it; someone who may not create cases there is refused', async () => {
    const { id } = await record('13800000005', '电话反映：3栋楼顶漏水');
    const staffId = (await seeded.owner.select({ id: users.id }).from(users).where(eq(users.mobile, '13800000005')))[0]!.id;
    const [row] = await withTenant(seeded.owner, jinyuan, (tx) => tx.select().from(cases).where(eq(cases.id, id)));
    expect(row!.createdBy).toBe(staffId);
    const [first] = await withTenant(seeded.owner, jinyuan, (tx) => tx.select().from(caseEvents).where(eq(caseEvents.caseId, id)));
    expect(first).toMatchObject({ actorKind: 'staff', actorUserId: staffId });
    // A volunteer leader of the community (no case work) and a street officer are refused; nothing is stored.
    for (const mobile of ['13800000007', '13800000002']) expect(await refusal(record(mobile, `不应保存：${mobile}`))).toBe('forbidden');
    const stored = await withTenant(seeded.owner, jinyuan, (tx) => tx.select({ content: cases.content }).from(cases).where(sql`${cases.content} like '不应保存%'`));
    expect(stored).toEqual([]);
  });
});

