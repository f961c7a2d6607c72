import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Role } from '@shequ/domain';
import { createDb, memberships, orgUnits, users } from '@shequ/db';
import { DEMO_PASSWORD, hashPassword } from '@shequ/use-cases';

// Fixtures write straight to the e2e database (as the owner, like the seed) and remove what they made.
const db = createDb(process.env.DATABASE_URL ?? 'postgres://shequ_owner:shequ_owner@127.0.0.1:5432/shequ', { max: 1 });
const created: string[] = [];

export async function createStaffUser(displayName: string, role: Role, communitySlug = 'jinyuan') {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, communitySlug));
  const mobile = `1370${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const [user] = await db.insert(users).values({ displayName, mobile, passwordHash: await hashPassword(DEMO_PASSWORD) }).returning();
  await db.insert(memberships).values({ userId: user!.id, role, orgUnitId: community!.id });
  created.push(user!.id);
  return { id: user!.id, mobile, displayName };
}

export async function removeFixtures() {
  for (const id of created.splice(0)) await db.delete(users).where(eq(users.id, id));
  await db.close();
}
