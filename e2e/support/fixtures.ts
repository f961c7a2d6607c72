import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Role } from '@shequ/domain';
import { casePhotos, cases, createDb, memberships, orgUnits, qrCodes, SYSTEM_SCOPES, users, withSystem, withTenant } from '@shequ/db';
import { and, count, desc, isNull } from 'drizzle-orm';
import { issueInvitation } from '@shequ/use-cases';
import { DEMO_PASSWORD } from '@shequ/use-cases/seed';
import { hashPassword } from '@shequ/use-cases/crypto';

// Fixtures write straight to the e2e database (as the owner, like the seed) and remove what they made.
const db = createDb(process.env.DATABASE_URL ?? 'postgres://shequ_owner:shequ_owner@127.0.0.1:5432/shequ', { max: 1 });
const created: string[] = [];

export async function createStaffUser(displayName: string, role: Role, communitySlug = 'jinyuan', options: { email?: boolean } = {}) {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, communitySlug));
  const mobile = `1370${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const email = options.email ? `u${mobile}@e2e.shequ.cn` : null;
  const [user] = await db.insert(users).values({ displayName, mobile, email, passwordHash: await hashPassword(DEMO_PASSWORD) }).returning();
  await db.insert(memberships).values({ userId: user!.id, role, orgUnitId: community!.id });
  created.push(user!.id);
  return { id: user!.id, mobile, email, displayName };
}

/** Gives an existing fixture user one more community role (as the seed would). */
export async function addMembership(userId: string, role: Role, communitySlug: string) {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, communitySlug));
  await db.insert(memberships).values({ userId, role, orgUnitId: community!.id });
}

/** A user's membership id in a community. */
export async function membershipIdOf(userId: string, communitySlug: string): Promise<string> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(orgUnits, eq(orgUnits.id, memberships.orgUnitId))
    .where(and(eq(memberships.userId, userId), eq(orgUnits.slug, communitySlug)));
  return row!.id;
}

/** An invitation link for an existing account (as onboarding a community with that person's mobile issues one). */
export async function invitationFor(userId: string): Promise<string> {
  // One-time links are under RLS (decision 019): the fixture issues it in the maintenance scope, as an operator would.
  const { token } = await withSystem(db as never, SYSTEM_SCOPES.maintenance, 'e2e fixture', (tx) => issueInvitation(tx as never, userId, userId));
  return `/invite/${token}`;
}

/** The user's stored password hash (to show a refused action changed nothing). */
export async function passwordHashOf(userId: string): Promise<string | null> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.hash ?? null;
}

export async function removeFixtures() {
  for (const id of created.splice(0)) await db.delete(users).where(eq(users.id, id));
  await db.close();
}

/** How many cases a community has (read as the owner inside its tenant context). */
export async function caseCount(slug = 'jinyuan'): Promise<number> {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug));
  const [row] = await withTenant(db, community!.id, (tx) => tx.select({ n: count() }).from(cases));
  return row!.n;
}

/** A real 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The newest case of a community, with its first photo if any (read as the owner in the tenant's context). */
export async function newestCase(slug = 'jinyuan') {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug));
  return withTenant(db, community!.id, async (tx) => {
    const [row] = await tx.select({ id: cases.id, trackingCode: cases.trackingCode, content: cases.content }).from(cases).orderBy(desc(cases.createdAt)).limit(1);
    const [photo] = await tx.select({ id: casePhotos.id }).from(casePhotos).where(eq(casePhotos.caseId, row!.id)).limit(1);
    return { ...row!, photoId: photo?.id ?? null };
  });
}

/** The path a community's own (not a building's) QR poster encodes. */
export async function communityQrPath(slug: string) {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug));
  const [qr] = await withTenant(db, community!.id, (tx) => tx.select({ token: qrCodes.token }).from(qrCodes).where(and(isNull(qrCodes.buildingId), isNull(qrCodes.replacedAt))));
  return `/c/${slug}/q/${qr!.token}`;
}

export async function communityId(slug: string): Promise<string> {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug));
  return community!.id;
}
