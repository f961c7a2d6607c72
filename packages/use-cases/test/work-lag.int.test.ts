import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orgUnits, outbox } from '@shequ/db';
import { anonymousCaller, readWorkLag } from '../src/index.ts';
import { seededDatabase } from './support.ts';

const seeded = seededDatabase();

// The worker's readiness probe asks how long work has waited (it read this with its own SQL before issue 12).
describe('readWorkLag', () => {
  it('gives the age of the oldest pending message across communities, by the database clock, as the runtime role', async () => {
    const [community] = await seeded.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan'));
    const before = await readWorkLag(seeded.app, anonymousCaller());
    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000);
    const [row] = await seeded.owner
      .insert(outbox)
      .values({ tenantId: community!.id, channel: 'email', kind: 'case_escalated', recipient: 'street@demo.shequ.cn', subject: '社区上报', body: '请处理', createdAt: tenMinutesAgo })
      .returning();
    const after = await readWorkLag(seeded.app, anonymousCaller());
    expect(after.outboxMs).toBeGreaterThanOrEqual(10 * 60 * 1000 - 5_000);
    // Sent, it no longer counts.
    await seeded.owner.update(outbox).set({ state: 'sent' }).where(eq(outbox.id, row!.id));
    expect((await readWorkLag(seeded.app, anonymousCaller())).outboxMs).toEqual(before.outboxMs === null ? null : expect.any(Number));
    expect(after.deadlineMs === null || typeof after.deadlineMs === 'number').toBe(true);
  });
});
