import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { pino } from 'pino';
import { eq, inArray } from 'drizzle-orm';
import { createDb, type Db, orgUnits, residentSessions, residentSignInCodes, withTenant } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { JOBS } from '@shequ/jobs';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { seedDemo } from '@shequ/use-cases/seed';
import { HANDLERS, type HandlerContext } from '../src/handlers/index.ts';

// Decision 035's loose end: residents' sign-in codes and sessions are purged by the worker's purge job, community by
// community (tenant tables, no system scope). Spent codes older than a day and sessions expired, or revoked more than
// a week ago, go; a code of the last hour (the limits count it) and a live session stay, in every community.
let tdb: TestDatabase;
let owner: Db;
let app: Db;
const communities: string[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 2 });
  await seedDemo(owner);
  for (const slug of ['jinyuan', 'bihai']) communities.push((await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug)))[0]!.id);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await owner?.close();
  await tdb?.drop();
});

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

describe('the purge job and residents’ sign-in material', () => {
  it('deletes old codes and ended sessions in each community and keeps what the limits and live sessions need', async () => {
    const kept: { codes: string[]; sessions: string[] } = { codes: [], sessions: [] };
    const gone: { codes: string[]; sessions: string[] } = { codes: [], sessions: [] };
    for (const [n, tenantId] of communities.entries()) {
      await withTenant(owner, tenantId, async (tx) => {
        const code = (createdAt: Date) => ({ tenantId, mobileIndex: `purge-${n}`, codeHash: 'x', createdAt, expiresAt: new Date(createdAt.getTime() + 5 * 60_000) });
        const [old, recent] = await tx.insert(residentSignInCodes).values([code(ago(2 * DAY)), code(ago(30 * 60_000))]).returning({ id: residentSignInCodes.id });
        gone.codes.push(old!.id);
        kept.codes.push(recent!.id);
        const session = (id: string, expiresAt: Date, revokedAt: Date | null) => ({ tenantId, id: `${id}${n}`.padEnd(64, '0'), mobileIndex: `purge-${n}`, mobileHint: '138****0000', expiresAt, revokedAt });
        await tx.insert(residentSessions).values([
          session('expired', ago(HOUR), null),
          session('revokedlongago', new Date(Date.now() + 20 * DAY), ago(8 * DAY)),
          session('revokedyesterday', new Date(Date.now() + 20 * DAY), ago(DAY)),
          session('live', new Date(Date.now() + 20 * DAY), null),
        ]);
        gone.sessions.push(`expired${n}`.padEnd(64, '0'), `revokedlongago${n}`.padEnd(64, '0'));
        kept.sessions.push(`revokedyesterday${n}`.padEnd(64, '0'), `live${n}`.padEnd(64, '0'));
      });
    }

    const ctx = { db: app, log: pino({ level: 'silent' }), cipher: createPersonalDataCipher('3c'.repeat(32)) } as unknown as HandlerContext;
    const result = (await HANDLERS[JOBS.purgeExpiredSessions.name]!({ data: {} } as Job, ctx)) as Record<string, number>;
    // At least these (the demo data may hold spent ones of its own).
    expect(result.residentCodes).toBeGreaterThanOrEqual(2);
    expect(result.residentSessions).toBeGreaterThanOrEqual(4);

    for (const tenantId of communities) {
      await withTenant(owner, tenantId, async (tx) => {
        const codes = await tx.select({ id: residentSignInCodes.id }).from(residentSignInCodes).where(inArray(residentSignInCodes.id, [...kept.codes, ...gone.codes]));
        expect(codes.every((c) => kept.codes.includes(c.id))).toBe(true);
        expect(codes).toHaveLength(1);
        const sessions = await tx.select({ id: residentSessions.id }).from(residentSessions).where(inArray(residentSessions.id, [...kept.sessions, ...gone.sessions]));
        expect(sessions).toHaveLength(2);
        expect(sessions.every((s) => kept.sessions.includes(s.id))).toBe(true);
      });
    }
    // Run again: nothing more to delete.
    expect(await HANDLERS[JOBS.purgeExpiredSessions.name]!({ data: {} } as Job, ctx)).toMatchObject({ residentCodes: 0, residentSessions: 0 });
  });
});
