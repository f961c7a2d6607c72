import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { addDays, chinaDate, PHOTO_MAX_BYTES, sniffImageType } from '@shequ/domain';
import { cases, partnerUnits, partyMembers, residents, type Tx, volunteers, volunteerTeams, wishClaims, wishWallItems } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { registerDeadlineSubject } from '../deadlines/subjects.ts';
import { settleDeadlines, startSubjectDeadline } from '../deadlines/store.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { cleanPhoto } from '../storage/clean-photo.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf, loadVolunteerOffice, messageVolunteer, type VolunteerSelf } from './shared.ts';
import { claimWishForUnitSchema, claimWishSchema, confirmWishLitSchema, publishWishOnWallSchema } from './volunteers.schema.ts';

// The wish wall (微心愿 认领/点亮, issue 17): staff put small wishes of people in need on the wall in words the public
// may see; a volunteer or party member claims one with a promised date, or staff record a partner unit's claim; the
// claimant sees the office's contact and staff see the claimant's; staff confirm it lit with the resident's thanks
// and a photo; hours spent on it are recorded as service (enterHoursAfterwards with the claim); a claim not kept by
// its date returns the wish to the wall (the worker's timer) and the claimant is told.

/** The deadline subject of a claim (decision 026) and its one kind: the promised date. */
export const WISH_CLAIM_SUBJECT = 'wish_claim';
export const WISH_CLAIM_PROMISE = 'promise';
/** How far ahead a claimant may promise (days). */
const MAX_PROMISE_DAYS = 90;

const assertWishStaff = (caller: StaffCaller, tenantId: string) => assertCan(caller.ability, 'update', subject('Volunteer', { tenantId }));

/**
 * Puts a small wish on the wall: a title and text the public may see (staff write it without personal data),
 * optionally answering a resident's wish (case) of the community. Caller: staff keeping volunteers' records.
 * Output: `{ id }`; audited. Refuses: forbidden; volunteer.wish.caseNotFound (not a case of the community).
 */
export async function publishWishOnWall(tx: Tx, caller: StaffCaller, input: z.input<typeof publishWishOnWallSchema>) {
  const tenantId = communityOf(caller);
  assertWishStaff(caller, tenantId);
  const v = parseInput(publishWishOnWallSchema, input);
  if (v.caseId) {
    const [found] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, v.caseId)));
    if (!found) throw volunteerRefusal('volunteer.wish.caseNotFound', { field: 'caseId' });
  }
  const [row] = await tx.insert(wishWallItems).values({ tenantId, caseId: v.caseId ?? null, title: v.title, publicText: v.publicText, createdBy: caller.actor.userId }).returning({ id: wishWallItems.id });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'wish_wall_published', subjectType: 'WishWallItem', subjectId: row!.id, detail: { caseId: v.caseId ?? null } });
  return { id: row!.id };
}

/** The end of a promised China date: 00:00 China time of the next day. */
const endOfChinaDay = (day: string) => new Date(`${addDays(day, 1)}T00:00:00+08:00`);

/**
 * A volunteer (or party member) of the register claims a wish on the wall, promising a date (China, from today to
 * 90 days ahead). The wish shows as claimed; the worker's timer (subject `wish_claim`, due at the end of the promised
 * day, a reminder a day before) returns it to the wall if it is not lit by then. Caller: the resident themselves.
 * Output: `{ id, dueAt }`; audited. Refuses: volunteer.wish.notFound; volunteer.wish.taken (claimed or lit already);
 * volunteer.wish.promise (a date in the past or too far); volunteer.wish.notEligible (neither an active volunteer
 * nor a current party member).
 */
export async function claimWish(tx: Tx, caller: VolunteerSelf, input: z.input<typeof claimWishSchema> & { now?: Date }) {
  const v = parseInput(claimWishSchema, input);
  const now = input.now ?? new Date();
  const tenantId = caller.tenantId;
  const item = await lockOpenWish(tx, tenantId, v.itemId);
  checkPromise(v.promisedOn, now);
  const [volunteer] = await tx
    .select({ id: volunteers.residentId })
    .from(volunteers)
    .innerJoin(residents, and(eq(residents.tenantId, volunteers.tenantId), eq(residents.id, volunteers.residentId)))
    .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, caller.residentId), eq(volunteers.active, true), eq(residents.status, 'active')));
  const [member] = volunteer
    ? [volunteer]
    : await tx
        .select({ id: partyMembers.residentId })
        .from(partyMembers)
        .innerJoin(residents, and(eq(residents.tenantId, partyMembers.tenantId), eq(residents.id, partyMembers.residentId)))
        .where(and(eq(partyMembers.tenantId, tenantId), eq(partyMembers.residentId, caller.residentId), isNull(partyMembers.leftAt), eq(residents.status, 'active')));
  if (!member) throw volunteerRefusal('volunteer.wish.notEligible');
  const recorded = await recordClaim(tx, tenantId, item.id, { residentId: caller.residentId }, v.promisedOn, now);
  await recordAuditEvent(tx, { tenantId, actorUserId: null, action: 'wish_claimed', subjectType: 'WishWallItem', subjectId: item.id, detail: { residentId: caller.residentId, promisedOn: v.promisedOn } });
  return recorded;
}

/** A wish of the wall locked for a claim: open, or the refusal (volunteer.wish.notFound / taken). */
async function lockOpenWish(tx: Tx, tenantId: string, itemId: string) {
  const [item] = await tx.select().from(wishWallItems).where(and(eq(wishWallItems.tenantId, tenantId), eq(wishWallItems.id, itemId))).for('update');
  if (!item || item.status === 'withdrawn') throw volunteerRefusal('volunteer.wish.notFound');
  if (item.status !== 'open') throw volunteerRefusal('volunteer.wish.taken');
  return item;
}

/** A promised China date from today to 90 days ahead, or volunteer.wish.promise. */
function checkPromise(promisedOn: string, now: Date) {
  const today = chinaDate(now);
  if (promisedOn < today || promisedOn > addDays(today, MAX_PROMISE_DAYS)) throw volunteerRefusal('volunteer.wish.promise', { field: 'promisedOn', days: MAX_PROMISE_DAYS });
}

/** Writes the claim, marks the wish claimed and starts its timer (due at the end of the promised day, a reminder a day before). */
async function recordClaim(tx: Tx, tenantId: string, itemId: string, claimant: { residentId: string } | { partnerUnitId: string; recordedBy: string }, promisedOn: string, now: Date) {
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

/**
 * Staff record a partner unit's claim of a wish on the wall (共建单位认领: the unit called or came to the office),
 * with the date the unit promises. The unit's contact is who the office calls, and who is told by text when the
 * date passes. Caller: staff keeping volunteers' records. Input: itemId, partnerUnitId (a unit of the community),
 * promisedOn, now. Output: `{ id, dueAt }`; audited. Refuses: forbidden; volunteer.wish.notFound; volunteer.wish.taken;
 * volunteer.wish.promise; volunteer.wish.unitNotFound (not a partner unit of this community).
 */
export async function claimWishForPartnerUnit(tx: Tx, caller: StaffCaller, input: z.input<typeof claimWishForUnitSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  assertWishStaff(caller, tenantId);
  const v = parseInput(claimWishForUnitSchema, input);
  const now = input.now ?? new Date();
  const item = await lockOpenWish(tx, tenantId, v.itemId);
  checkPromise(v.promisedOn, now);
  const [unit] = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, v.partnerUnitId)));
  if (!unit) throw volunteerRefusal('volunteer.wish.unitNotFound', { field: 'partnerUnitId' });
  const recorded = await recordClaim(tx, tenantId, item.id, { partnerUnitId: unit.id, recordedBy: caller.actor.userId }, v.promisedOn, now);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'wish_claimed', subjectType: 'WishWallItem', subjectId: item.id, detail: { partnerUnitId: unit.id, promisedOn: v.promisedOn } });
  return recorded;
}

/** The sealed mobile a claim's messages go to: the volunteer's in the register, or the partner unit's contact. */
async function claimantMobile(tx: Tx, tenantId: string, claim: { residentId: string | null; partnerUnitId: string | null }) {
  if (claim.residentId) {
    const [person] = await tx.select({ enc: residents.mobileEnc }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, claim.residentId)));
    return person?.enc ?? null;
  }
  if (!claim.partnerUnitId) return null;
  const [unit] = await tx.select({ enc: partnerUnits.contactMobileEnc }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, claim.partnerUnitId)));
  return unit?.enc ?? null;
}

const PHOTO_EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/**
 * Staff confirm a claimed wish fulfilled (点亮), with the resident's thanks and a photo of it done (optional, never
 * required: 《整治形式主义为基层减负若干规定》; stripped of metadata, kept for staff, not shown on the public wall).
 * The claim is fulfilled and its timer settled; hours spent can be entered as service (enterHoursAfterwards with
 * `wishClaimId`). Input: itemId, thanks, photo (bytes) with storage, now. Output: `{ claimantId, claimId, photo }`
 * (claimantId: the volunteer's register id, null for a partner unit's claim; photo: stored or not); audited.
 * Refuses: forbidden; volunteer.wish.notFound; volunteer.wish.notClaimed (nobody holds an active claim);
 * intake.photos.tooLarge / badType (beside `photo`).
 */
export async function confirmWishLit(tx: Tx, caller: StaffCaller, input: z.input<typeof confirmWishLitSchema> & { photo?: Uint8Array | null; storage?: PhotoStorage; now?: Date }) {
  const tenantId = communityOf(caller);
  assertWishStaff(caller, tenantId);
  const v = parseInput(confirmWishLitSchema, input);
  const now = input.now ?? new Date();
  const [item] = await tx.select().from(wishWallItems).where(and(eq(wishWallItems.tenantId, tenantId), eq(wishWallItems.id, v.itemId))).for('update');
  if (!item) throw volunteerRefusal('volunteer.wish.notFound');
  const [claim] = await tx.select().from(wishClaims).where(and(eq(wishClaims.tenantId, tenantId), eq(wishClaims.itemId, item.id), eq(wishClaims.status, 'active'))).for('update');
  if (!claim || item.status !== 'claimed') throw volunteerRefusal('volunteer.wish.notClaimed');
  let litPhotoKey: string | null = null;
  if (input.photo?.byteLength) {
    if (input.photo.byteLength > PHOTO_MAX_BYTES) throw new UseCaseError('intake.photos.tooLarge', { field: 'photo', maxMb: PHOTO_MAX_BYTES / 1024 / 1024 });
    const mime = sniffImageType(input.photo.subarray(0, 16));
    if (!mime || !input.storage) throw new UseCaseError('intake.photos.badType', { field: 'photo' });
    litPhotoKey = `${tenantId}/wish-${item.id}.${PHOTO_EXT[mime]}`;
    await input.storage.put(litPhotoKey, await cleanPhoto(input.photo, mime));
  }
  await tx.update(wishClaims).set({ status: 'fulfilled', endedAt: now }).where(and(eq(wishClaims.tenantId, tenantId), eq(wishClaims.id, claim.id)));
  await tx.update(wishWallItems).set({ status: 'lit', litAt: now, litBy: caller.actor.userId, thanks: v.thanks || null, litPhotoKey }).where(and(eq(wishWallItems.tenantId, tenantId), eq(wishWallItems.id, item.id)));
  await settleDeadlines(tx, { tenantId, type: WISH_CLAIM_SUBJECT, id: claim.id }, [WISH_CLAIM_PROMISE], 'met', now);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'wish_lit', subjectType: 'WishWallItem', subjectId: item.id, detail: { claimId: claim.id, photo: Boolean(litPhotoKey) } });
  return { claimantId: claim.residentId, claimId: claim.id, photo: Boolean(litPhotoKey) };
}

/**
 * The photo a wish was confirmed lit with, for staff (the wall's page shows it). Caller: staff reading volunteers'
 * records. Input: itemId. Output: `{ storageKey, mime }` (the photo storage's key). Refuses: forbidden;
 * volunteer.wish.notFound (no such wish of the community, or no photo).
 */
export async function getWishLitPhoto(tx: Tx, caller: StaffCaller, input: { itemId: string }) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('Volunteer', { tenantId }));
  const [item] = await tx.select({ key: wishWallItems.litPhotoKey }).from(wishWallItems).where(and(eq(wishWallItems.tenantId, tenantId), eq(wishWallItems.id, input.itemId)));
  if (!item?.key) throw volunteerRefusal('volunteer.wish.notFound');
  const ext = item.key.slice(item.key.lastIndexOf('.') + 1);
  return { storageKey: item.key, mime: ext === 'jpg' ? 'image/jpeg' : `image/${ext}` };
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
 * The public wish wall: open wishes (to claim), claimed ones (with the promised date), and lit ones of the last 90
 * days (with the thanks), newest first. No personal data: titles and texts as staff wrote them. Anyone.
 */
export async function listWishWall(tx: Tx, input: { tenantId: string; now?: Date }) {
  const items = await tx.select().from(wishWallItems).where(and(eq(wishWallItems.tenantId, input.tenantId), inArray(wishWallItems.status, ['open', 'claimed', 'lit']))).orderBy(desc(wishWallItems.createdAt)).limit(200);
  const since = new Date((input.now ?? new Date()).getTime() - 90 * 86_400_000);
  const shown = items.filter((i) => i.status !== 'lit' || (i.litAt && i.litAt >= since));
  const claims = shown.length ? await tx.select({ itemId: wishClaims.itemId, promisedOn: wishClaims.promisedOn }).from(wishClaims).where(and(eq(wishClaims.tenantId, input.tenantId), eq(wishClaims.status, 'active'), inArray(wishClaims.itemId, shown.map((i) => i.id)))) : [];
  return shown.map((i) => ({ id: i.id, title: i.title, text: i.publicText, status: i.status as 'open' | 'claimed' | 'lit', promisedOn: claims.find((c) => c.itemId === i.id)?.promisedOn ?? null, litAt: i.litAt, thanks: i.thanks }));
}

/**
 * The wall for staff: every item with its current claimant and promised date — a volunteer's masked name and mobile,
 * or a partner unit's name, contact (masked) and mobile (masked) — for the office to call; whether it has a photo of
 * it lit; the partner units a claim can be recorded for and the teams hours on a claim can be recorded under.
 * Caller: staff reading volunteers' records. Output: `{ items, units, teams, canEdit }`, items newest first.
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
  };
}

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
