import { eq } from 'drizzle-orm';
import { canNest, checkAdminCode, isValidSlug, normalizeAdminCode, normalizeSlug, type OrgKind } from '@shequ/domain';
import { orgUnits, type CommunityProfile, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';

export type CreateOrgUnitInput = {
  kind: OrgKind;
  parentId: string | null;
  name: string;
  adminCode?: string | null;
  slug?: string | null;
  profile?: CommunityProfile;
};

/** Adds a unit to the hierarchy, checking where it may sit, its code and (for a community) its slug. */
export async function createOrgUnit(tx: Tx, given: CreateOrgUnitInput) {
  const input = { ...given, adminCode: given.adminCode ? normalizeAdminCode(given.adminCode) || null : given.adminCode, slug: given.slug ? normalizeSlug(given.slug) || null : given.slug };
  const parent = input.parentId
    ? (await tx.select().from(orgUnits).where(eq(orgUnits.id, input.parentId)).limit(1))[0]
    : null;
  if (input.parentId && !parent) throw new UseCaseError('org.parentMissing');
  if (!canNest(input.kind, parent?.kind ?? null)) throw new UseCaseError('org.badParent');
  if (input.adminCode && checkAdminCode(input.adminCode, input.kind)) throw new UseCaseError('org.badCode');
  if (input.kind === 'community' && (!input.slug || !isValidSlug(input.slug))) throw new UseCaseError('org.badSlug');
  if (input.kind !== 'community' && input.slug) throw new UseCaseError('org.badSlug');

  const [row] = await tx
    .insert(orgUnits)
    .values({
      kind: input.kind,
      parentId: parent?.id ?? null,
      districtId: parent ? (parent.kind === 'district' ? parent.id : parent.districtId) : null,
      streetId: parent?.kind === 'street' ? parent.id : null,
      name: input.name.trim(),
      adminCode: input.adminCode ?? null,
      slug: input.slug ?? null,
      profile: input.profile ?? {},
    })
    .returning();
  return row!;
}
