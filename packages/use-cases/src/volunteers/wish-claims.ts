import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { addDays, chinaDate } from '@shequ/domain';
import { partnerUnits, residents, type Tx, wishClaims, wishWallItems } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { registerDeadlineSubject } from '../deadlines/subjects.ts';
import { startSubjectDeadline } from '../deadlines/store.ts';
import { volunteerRefusal } from './refusals.ts';
import { loadVolunteerOffice, messageVolunteer } from './shared.ts';

// The wish wall (微心愿 认领/点亮, issue 17): staff put small wishes of people in need on the wall in words the public
// may see; a volunteer or party member claims one with a promised date, or staff record a partner unit's claim; the
// claimant sees the office's contact and staff see the claimant's; staff confirm it lit with the resident's thanks
// and a photo; hours spent on it are recorded as service (enterHoursAfterwards with the claim); a claim not kept by
// its date returns the wish to the wall (the worker's timer) and the claimant is told.
// This module: the claims' building blocks and their timer (the deadline subject, registered when it is loaded);
// the use cases have a file each (publish-wish-on-wall, claim-wish, claim-wish-for-partner-unit, confirm-wish-lit,
// get-wish-lit-photo, list-wish-wall, list-wish-wall-for-staff). Off the package root.

/** The deadline subject of a claim (decision 026) and its one kind: the promised date. */
export const WISH_CLAIM_SUBJECT = 'wish_claim';

export const WISH_CLAIM_PROMISE = 'promise';

/** How far ahead a claimant may promise (days). */
export const MAX_PROMISE_DAYS = 90;

export const assertWishStaff = (caller: StaffCaller, tenantId: string) => assertCan(caller.ability, 'update', subject('Volunteer', { tenantId }));

/** The end of a promised China date: 00:00 China time of the next day. */
export const endOfChinaDay = (day: string) => new Date(`${addDays(day, 1)}T00:00:00+08:00`);

/** A wish of the wall locked for a claim: open, or the refusal (volunteer.wish.notFound / taken). */
export async function lockOpenWish(tx: Tx, tenantId: string, itemId: string) {
  const [item] = await tx.select().from(wishWallItems).where(and(eq(wishWallItems.tenantId, tenantId), eq(wishWallItems.id, itemId))).for('update');
  if (!item || item.status === 'withdrawn') throw volunteerRefusal('volunteer.wish.notFound');
  if (item.status !== 'open') throw volunteerRefusal('volunteer.wish.taken');
  return item;
}

/** A promised China date from today to 90 days ahead, or volunteer.wish.promise. */
export function checkPromise(promisedOn: string, now: Date) {
  const today = chinaDate(now);
  if (promisedOn < today || promisedOn > addDays(today, MAX_PROMISE_DAYS)) throw volunteerRefusal('volunteer.wish.promise', { field: 'promisedOn', days: MAX_PROMISE_DAYS, from: today, to: addDays(today, MAX_PROMISE_DAYS) });
}

/** Writes the claim, marks the wish claimed and starts its timer (due at the end of the promised day, a reminder a day before). */
export async function recordClaim(tx: Tx, tenantId: string, itemId: string, claimant: { residentId: string } | { partnerUnitId: string; recordedBy: string }, promisedOn: string, now: Date) {
  const [claim] = await tx
    .insert(wishClaims)
    .values({ tenantId, itemId, ...('residentId' in claimant ? { residentId: claimant.residentId } : { partnerUnitId: claimant.partnerUnitId, recordedBy: claimant.recordedBy }), promisedOn, claimedAt: now })
    .returning({ id: wishClaims.id });
  await tx.update(wishWallItems).set({ status: 'claimed' }).where(and(eq(wishWallItems.tenantId, tenantId), eq(wishWallItems.id, itemId)));
  const dueAt = endOfChinaDay(promisedOn);
  const remindAt = new Date(dueAt.getTime() - 24 * 3600_000);
  await startSubjectDeadline(tx, {
    subject: { tenantId, type: WISH_CLAIM_SUBJECT, id: claim!.id },
    kind: WISH_CLAIM_PROMISE,
    holderOrgUnitId: tenantId,
    now,
    allowedMs: dueAt.getTime() - now.getTime(),
    plan: { dueAt, remindAt: remindAt > now ? [remindAt] : [], provisional: false },
  });
  return { id: claim!.id, dueAt };
}

/** The sealed mobile a claim's messages go to: the volunteer's in the register, or the partner unit's contact. */
export async function claimantMobile(tx: Tx, tenantId: string, claim: { residentId: string | null; partnerUnitId: string | null }) {
  if (claim.residentId) {
    const [person] = await tx.select({ enc: residents.mobileEnc }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, claim.residentId)));
    return person?.enc ?? null;
  }
  if (!claim.partnerUnitId) return null;
  const [unit] = await tx.select({ enc: partnerUnits.contactMobileEnc }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, claim.partnerUnitId)));
  return unit?.enc ?? null;
}

/**
 * The promised date passed without the wish lit (the timer's breach): the claim expires, the wish returns to the
 * wall, the claimant is told (text `wish_claim_expired`; a partner unit's contact for a unit's claim). Runs with the claim locked; only an active claim moves, so
 * it happens once however often it is woken. Returns whether it expired the claim.
 */
export async function expireWishClaim(tx: Tx, tenantId: string, claimId: string, now: Date): Promise<boolean> {
  const [claim] = await tx.select().from(wishClaims).where(and(eq(wishClaims.tenantId, tenantId), eq(wishClaims.id, claimId)));
  if (!claim || claim.status !== 'active') return false;
  await tx.update(wishClaims).set({ status: 'expired', endedAt: now }).where(and(eq(wishClaims.tenantId, tenantId), eq(wishClaims.id, claim.id)));
  await tx.update(wishWallItems).set({ status: 'open' }).where(and(eq(wishWallItems.tenantId, tenantId), eq(wishWallItems.id, claim.itemId), eq(wishWallItems.status, 'claimed')));
  const [item] = await tx.select({ title: wishWallItems.title }).from(wishWallItems).where(and(eq(wishWallItems.tenantId, tenantId), eq(wishWallItems.id, claim.itemId)));
  await messageVolunteer(tx, { tenantId, mobileEnc: await claimantMobile(tx, tenantId, claim), kind: 'wish_claim_expired', data: { title: item?.title ?? '', date: claim.promisedOn } });
  await recordAuditEvent(tx, { tenantId, actorUserId: null, action: 'wish_claim_expired', subjectType: 'WishWallItem', subjectId: claim.itemId, detail: { claimId: claim.id } });
  return true;
}

registerDeadlineSubject({
  type: WISH_CLAIM_SUBJECT,
  // The claim's own row is the subject's lock (decision 026's one lock order); confirming a wish lit locks the item,
  // then the claim, and settles the timer in the same transaction.
  async lock(tx, tenantId, ids, { skipLocked }) {
    if (!ids.length) return [];
    const query = tx.select({ id: wishClaims.id }).from(wishClaims).where(and(eq(wishClaims.tenantId, tenantId), inArray(wishClaims.id, ids))).orderBy(asc(wishClaims.id));
    const rows = skipLocked ? await query.for('update', { skipLocked: true }) : await query.for('update');
    return rows.map((r) => r.id);
  },
  async remind(tx, claimId, deadline) {
    const [claim] = await tx.select().from(wishClaims).where(and(eq(wishClaims.tenantId, deadline.tenantId), eq(wishClaims.id, claimId)));
    if (!claim || claim.status !== 'active') return;
    const [item] = await tx.select({ title: wishWallItems.title }).from(wishWallItems).where(and(eq(wishWallItems.tenantId, deadline.tenantId), eq(wishWallItems.id, claim.itemId)));
    await messageVolunteer(tx, { tenantId: deadline.tenantId, mobileEnc: await claimantMobile(tx, deadline.tenantId, claim), kind: 'wish_claim_reminder', data: { title: item?.title ?? '', date: claim.promisedOn } });
  },
  async breach(tx, claimId, deadline, now) {
    await expireWishClaim(tx, deadline.tenantId, claimId, now);
  },
});

/**
 * A resident's own claims (for 我的): the wish, the promised date, the state, newest first; with the office to call
 * about it while the claim is active (the community, and the volunteer office's person in charge and contact as on
 * its certificates: volunteer settings), so that claimant and staff can reach each other.
 */
export async function listMyWishClaims(tx: Tx, tenantId: string, residentId: string) {
  const rows = await tx
    .select({ id: wishClaims.id, title: wishWallItems.title, promisedOn: wishClaims.promisedOn, status: wishClaims.status })
    .from(wishClaims)
    .innerJoin(wishWallItems, and(eq(wishWallItems.tenantId, wishClaims.tenantId), eq(wishWallItems.id, wishClaims.itemId)))
    .where(and(eq(wishClaims.tenantId, tenantId), eq(wishClaims.residentId, residentId)))
    .orderBy(desc(wishClaims.claimedAt))
    .limit(20);
  if (!rows.some((r) => r.status === 'active')) return rows.map((r) => ({ ...r, office: null }));
  const office = await loadVolunteerOffice(tx, tenantId);
  return rows.map((r) => ({ ...r, office: r.status === 'active' ? office : null }));
}
