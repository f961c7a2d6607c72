import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { memberships, notifications, orgUnits, users, withScope } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { listNotifications, unreadNotificationCount } from '../src/index.ts';
import { seededDatabase } from './support.ts';

// The bell of a staff member who works in 金元 and 碧海 listed overdue and rating notices of four other communities
// (the demo history recorded her as their handler), each linking to a case that answered 404 (found from outside).
const seeded = seededDatabase();

const communityId = async (slug: string) => (await seeded.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug)))[0]!.id;

describe('the bell lists news only of places the user works in or above', () => {
  it('hides a community the user has no membership of, in the list and in the number; shows it once they work there', async () => {
    const [staff] = await seeded.owner.select().from(users).where(eq(users.mobile, '13800000005'));
    const [jinyuan, bihai, other] = [await communityId('jinyuan'), await communityId('bihai'), (await seeded.owner.select({ id: orgUnits.id, slug: orgUnits.slug }).from(orgUnits).where(eq(orgUnits.kind, 'community'))).find((c) => c.slug !== 'jinyuan' && c.slug !== 'bihai')!.id];
    // A clean slate: the demo history's notices of this user are not this test's.
    await seeded.owner.delete(notifications).where(eq(notifications.userId, staff!.id));
    await seeded.owner.insert(notifications).values(
      [jinyuan, bihai, other].map((c) => ({ userId: staff!.id, kind: 'breach', communityId: c, subjectType: null, subjectId: null, data: { code: 'X' } })),
    );
    const actor = await seeded.actorFor('13800000005', jinyuan);
    const caller = { actor, ability: defineAbilityFor(actor) };
    const listed = async () => (await withScope(seeded.app, { userId: staff!.id }, (tx) => listNotifications(tx, caller))).map((n) => n.communityId).sort();
    const unread = () => withScope(seeded.app, { userId: staff!.id }, (tx) => unreadNotificationCount(tx, staff!.id));

    expect(await listed()).toEqual([jinyuan, bihai].sort());
    expect(await unread()).toBe(2);

    // Working there now: its news shows.
    await seeded.owner.insert(memberships).values({ userId: staff!.id, orgUnitId: other, role: 'community_staff' });
    expect(await listed()).toEqual([jinyuan, bihai, other].sort());
    expect(await unread()).toBe(3);
  });

  it('a street officer sees the news of the street’s communities, not of another street’s', async () => {
    const [officer] = await seeded.owner.select().from(users).where(eq(users.mobile, '13800000002'));
    const [street] = await seeded.owner.select().from(memberships).where(eq(memberships.userId, officer!.id));
    const all = await seeded.owner.select({ id: orgUnits.id, streetId: orgUnits.streetId }).from(orgUnits).where(eq(orgUnits.kind, 'community'));
    const ours = all.find((c) => c.streetId === street!.orgUnitId)!.id;
    const theirs = all.find((c) => c.streetId !== street!.orgUnitId)!.id;
    await seeded.owner.delete(notifications).where(eq(notifications.userId, officer!.id));
    await seeded.owner.insert(notifications).values([ours, theirs].map((c) => ({ userId: officer!.id, kind: 'breach', communityId: c, subjectType: null, subjectId: null, data: { code: 'X' } })));
    const actor = await seeded.actorFor('13800000002');
    const listed = (await withScope(seeded.app, { userId: officer!.id }, (tx) => listNotifications(tx, { actor, ability: defineAbilityFor(actor) }))).map((n) => n.communityId);
    expect(listed).toEqual([ours]);
  });

  it('a street’s department sees its street’s communities only; a district’s department the whole district', async () => {
    const [worker] = await seeded.owner.select().from(users).where(eq(users.mobile, '13800000007'));
    const departments = await seeded.owner.select({ id: orgUnits.id, streetId: orgUnits.streetId }).from(orgUnits).where(eq(orgUnits.kind, 'department'));
    const streetDept = departments.find((d) => d.streetId)!;
    const all = await seeded.owner.select({ id: orgUnits.id, streetId: orgUnits.streetId, slug: orgUnits.slug }).from(orgUnits).where(eq(orgUnits.kind, 'community'));
    const ours = all.find((c) => c.streetId === streetDept.streetId && c.slug !== 'jinyuan')!.id;
    const theirs = all.find((c) => c.streetId !== streetDept.streetId)!.id;
    await seeded.owner.insert(memberships).values({ userId: worker!.id, orgUnitId: streetDept.id, role: 'department_handler' });
    await seeded.owner.delete(notifications).where(eq(notifications.userId, worker!.id));
    await seeded.owner.insert(notifications).values([ours, theirs].map((c) => ({ userId: worker!.id, kind: 'breach', communityId: c, subjectType: null, subjectId: null, data: { code: 'X' } })));
    const actor = await seeded.actorFor('13800000007');
    const listed = (await withScope(seeded.app, { userId: worker!.id }, (tx) => listNotifications(tx, { actor, ability: defineAbilityFor(actor) }))).map((n) => n.communityId);
    expect(listed).toEqual([ours]);
  });
});
