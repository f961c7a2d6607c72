import { and, eq } from 'drizzle-orm';
import { checkAdminCode, cleanText, codeIsWithin, foldText, isEmail, isValidSlug, normalizeAdminCode, normalizeMobile, normalizeSlug } from '@shequ/domain';
import { enterTenant, isUniqueViolation, isUuid, newId, orgUnits, users, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { UseCaseError } from '../errors.ts';
import { provisionCommunity } from '../org/provision-community.ts';
import { createInvitation } from '../accounts/invitations.ts';
import { accountByIdentifier } from '../accounts/account-places.ts';

export type OnboardCommunityInput = {
  streetId: string;
  name: string;
  adminCode?: string | null;
  slug: string;
  adminName: string;
  adminMobile?: string | null;
  adminEmail?: string | null;
};

/**
 * Brings a community onto the platform in one transaction: the unit under its street, its starting data (default
 * categories, settings, a first grid, QR codes; provisioned inside its own tenant context), its admin's account
 * and an invitation to be its admin with a single-use link (7 days; the membership exists once it is accepted). Any failure leaves nothing behind.
 * Operators may onboard anywhere; a district officer only within their own district.
 */
export async function onboardCommunity(tx: Tx, { actor, ability }: StaffCaller, input: OnboardCommunityInput, now = new Date()) {
  const actorUserId = actor.userId;
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

  // The admin: an existing account (same mobile or email) is offered the role and holds it only once it accepts
  // (issue 13: onboarding with an existing account's mobile, even an operator's, added the role at once); otherwise
  // a new account without a password, which the invitation sets.
  // A district officer's scope does not read accounts outside it: whether one holds this mobile comes from a
  // function answering its id only (migration 0027); a new account's id is made here, as it is not visible to the
  // officer's scope until it accepts.
  const existing = await accountByIdentifier(tx, { mobile, email });
  let adminUserId = existing?.id;
  if (!adminUserId) {
    adminUserId = newId();
    await tx.insert(users).values({ id: adminUserId, displayName: adminName, mobile, email });
  }
  const invitation = await createInvitation(tx, { userId: adminUserId, inviteeName: adminName, role: 'community_admin', orgUnitId: communityId, invitedBy: actorUserId }, now);

  await enterTenant(tx, communityId);
  await provisionCommunity(tx, communityId);
  await recordAuditEvent(tx, { tenantId: communityId, actorUserId, action: 'community_onboarded', subjectType: 'Community', subjectId: communityId, detail: { slug, adminUserId } });
  return { communityId, slug, adminUserId, invitationToken: invitation.token, invitationExpiresAt: invitation.expiresAt, existingAccount: Boolean(existing) };
}
