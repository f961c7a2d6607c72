import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { partnerUnits, residents, type Tx, volunteerTeams, wishClaims, wishWallItems } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf } from './shared.ts';

/**
 * The wall for staff: every item with its current claimant and promised date — a volunteer's masked name and mobile,
 * or a partner unit's name, contact (masked) and mobile (masked) — for the office to call; whether it has a photo of
 * it lit; the partner units a claim can be recorded for and the teams hours on a claim can be recorded under.
 * Caller: staff reading volunteers' records. Output: `{ items, units, teams, canEdit, canReveal }`, items newest first
 * (`canReveal`: the caller may see a claimant's full name and number, revealWishClaimant, audited).
 */
export async function listWishWallForStaff(tx: Tx, caller: StaffCaller) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('Volunteer', { tenantId }));
  const items = await tx.select().from(wishWallItems).where(eq(wishWallItems.tenantId, tenantId)).orderBy(desc(wishWallItems.createdAt)).limit(200);
  const rows = items.length
    ? await tx
        .select({
          itemId: wishClaims.itemId,
          claimId: wishClaims.id,
          status: wishClaims.status,
          promisedOn: wishClaims.promisedOn,
          residentId: wishClaims.residentId,
          partnerUnitId: wishClaims.partnerUnitId,
          nameHint: residents.nameHint,
          mobileHint: residents.mobileHint,
          unitName: partnerUnits.name,
          unitContactHint: partnerUnits.contactNameHint,
          unitMobileHint: partnerUnits.contactMobileHint,
        })
        .from(wishClaims)
        .leftJoin(residents, and(eq(residents.tenantId, wishClaims.tenantId), eq(residents.id, wishClaims.residentId)))
        .leftJoin(partnerUnits, and(eq(partnerUnits.tenantId, wishClaims.tenantId), eq(partnerUnits.id, wishClaims.partnerUnitId)))
        .where(and(eq(wishClaims.tenantId, tenantId), inArray(wishClaims.itemId, items.map((i) => i.id)), inArray(wishClaims.status, ['active', 'fulfilled'])))
    : [];
  const claims = rows.map((r) =>
    r.partnerUnitId
      ? { itemId: r.itemId, claimId: r.claimId, status: r.status, promisedOn: r.promisedOn, residentId: null, partnerUnitId: r.partnerUnitId, nameHint: r.unitName ?? '', contactHint: r.unitContactHint, mobileHint: r.unitMobileHint }
      : { itemId: r.itemId, claimId: r.claimId, status: r.status, promisedOn: r.promisedOn, residentId: r.residentId, partnerUnitId: null, nameHint: r.nameHint ?? '', contactHint: null, mobileHint: r.mobileHint },
  );
  const canEdit = caller.ability.can('update', subject('Volunteer', { tenantId }));
  const units = canEdit ? await tx.select({ id: partnerUnits.id, name: partnerUnits.name }).from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId)).orderBy(asc(partnerUnits.name)).limit(500) : [];
  const teams = canEdit ? await tx.select({ id: volunteerTeams.id, name: volunteerTeams.name }).from(volunteerTeams).where(eq(volunteerTeams.tenantId, tenantId)).orderBy(asc(volunteerTeams.name)) : [];
  return {
    items: items.map((i) => ({ id: i.id, title: i.title, text: i.publicText, status: i.status, thanks: i.thanks, hasPhoto: Boolean(i.litPhotoKey), claim: claims.find((c) => c.itemId === i.id) ?? null })),
    units,
    teams,
    canEdit,
    canReveal: caller.ability.can('reveal', subject('PersonalData', { tenantId })),
  };
}
