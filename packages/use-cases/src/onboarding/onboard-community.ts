import { and, eq } from 'drizzle-orm';
import { checkAdminCode, cleanText, codeIsWithin, foldText, isEmail, isValidSlug, normalizeAdminCode, normalizeMobile, normalizeSlug } from '@shequ/domain';
import { enterTenant, isUniqueViolation, isUuid, memberships, orgUnits, users, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { UseCaseError } from '../errors.ts';
import { provisionCommunity } from '../org/provision-community.ts';
import { issueOneTimeLink } from '../security/one-time-link.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type OnboardCommunityInput = {
  streetId: string;
  name: string;
  adminCode?: string | null;
  slug: string;
  adminName: string;
  adminMobile?: string | null;
  adminEmail?: string | null;
};

/** A fresh single-use invitation for a user; earlier unused ones stop working. */
export function issueInvitation(tx: Tx, userId: string, issuedBy: string, now = new Date()) {
  return issueOneTimeLink(tx, 'invitation', userId, issuedBy, INVITATION_TTL_MS, now);
}

/**
 * Brings a community onto the platform in one transaction: the unit under its street, its starting data (default
 * categories, settings, a first grid, QR codes; provisioned inside its own tenant context), its admin's account
 * and membership, and a single-use invitation link (7 days). Any failure leaves nothing behind.
 * Operators may onboard anywhere; a district officer only within their own district.
 */
export async function onboardCommunity(tx: Tx, ability: AppAbility, actorUserId: string, input: OnboardCommunityInput, now = new Date()) {
  if (!isUuid(input.streetId)) throw new UseCaseError('onboarding.street.invalid', { field: 'streetId' });
  const [street] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, input.streetId), eq(orgUnits.kind, 'street')));
  if (!street || street.status === 'archived') throw new UseCaseError('onboarding.street.invalid', { field: 'streetId' });
  assertCan(ability, 'onboard', subject('Community', { id: 'new', streetId: street.id, districtId: street.districtId! }));

  const name = cleanText(input.name ?? '');
  if (!name || Array.from(name).length > 40) throw new UseCaseError('onboarding.name.invalid', { field: 'name' });
  const slug = normalizeSlug(input.slug ?? '');
  if (!isValidSlug(slug)) throw new UseCaseError('onboarding.slug.invalid', { field: 'slug' });
  const adminCode = normalizeAdminCode(input.adminCode ?? '') || null;
  if (adminCode && (checkAdminCode(adminCode, 'community') || (street.adminCode && !codeIsWithin(adminCode, street.adminCode)))) {
    throw new UseCaseError('onboarding.code.invalid', { field: 'adminCode' });
  }
  const adminName = cleanText(input.adminName ?? '');
  if (!adminName || Array.from(adminName).length > 40) throw new UseCaseError('onboarding.adminName.invalid', { field: 'adminName' });
  const rawMobile = (input.adminMobile ?? '').trim();
  const mobile = rawMobile ? normalizeMobile(rawMobile) : null;
  if (rawMobile && !mobile) throw new UseCaseError('onboarding.adminMobile.invalid', { field: 'adminMobile' });
  const email = foldText(input.adminEmail ?? '').trim() || null;
  if (email && !isEmail(email)) throw new UseCaseError('onboarding.adminEmail.invalid', { field: 'adminEmail' });
  if (!mobile && !email) throw new UseCaseError('onboarding.adminMobile.required', { field: 'adminMobile' });

  let communityId: string;
  try {
    const [row] = await tx
      .insert(orgUnits)
      .values({ kind: 'community', parentId: street.id, streetId: street.id, districtId: street.districtId, name, adminCode, slug })
      .returning({ id: orgUnits.id });
    communityId = row!.id;
  } catch (error) {
    if (isUniqueViolation(error, 'org_units_slug_key')) throw new UseCaseError('onboarding.slug.taken', { field: 'slug' });
    if (isUniqueViolation(error, 'org_units_admin_code_key')) throw new UseCaseError('onboarding.code.taken', { field: 'adminCode' });
    if (isUniqueViolation(error, 'org_units_parent_name_key')) throw new UseCaseError('onboarding.name.taken', { field: 'name' });
    throw error;
  }

  // The admin: an existing account (same mobile or email) gets the new role; otherwise a new account without a
  // password, which the invitation sets.
  const [existing] = await tx
    .select({ id: users.id })
    .from(users)
    .where(mobile ? eq(users.mobile, mobile) : eq(users.email, email!))
    .limit(1);
  const adminUserId = existing?.id ?? (await tx.insert(users).values({ displayName: adminName, mobile, email }).returning({ id: users.id }))[0]!.id;
  await tx.insert(memberships).values({ userId: adminUserId, role: 'community_admin', orgUnitId: communityId });
  const invitation = await issueInvitation(tx, adminUserId, actorUserId, now);

  await enterTenant(tx, communityId);
  await provisionCommunity(tx, communityId);
  await recordAuditEvent(tx, { tenantId: communityId, actorUserId, action: 'community_onboarded', subjectType: 'Community', subjectId: communityId, detail: { slug, adminUserId } });
  return { communityId, slug, adminUserId, invitationToken: invitation.token, invitationExpiresAt: invitation.expiresAt, existingAccount: Boolean(existing) };
}
