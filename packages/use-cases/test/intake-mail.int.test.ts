import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { categories, grids, memberships, notifications, notificationSettings, orgUnits, outbox, users, withScope, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, setNotificationChannels, submitCase } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { seededDatabase } from './support.ts';

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
});
