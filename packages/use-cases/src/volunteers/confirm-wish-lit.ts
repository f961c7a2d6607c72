import { and, eq } from 'drizzle-orm';
import { PHOTO_MAX_BYTES, sniffImageType } from '@shequ/domain';
import { type Tx, wishClaims, wishWallItems } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { settleDeadlines } from '../deadlines/store.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { cleanPhoto } from '../storage/clean-photo.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertWishStaff, WISH_CLAIM_PROMISE, WISH_CLAIM_SUBJECT } from './wish-claims.ts';
import { communityOf } from './shared.ts';
import { confirmWishLitSchema } from './volunteers.schema.ts';

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
    await input.storage.put(litPhotoKey, await cleanPhoto(input.photo, mime, 'photo'));
  }
  await tx.update(wishClaims).set({ status: 'fulfilled', endedAt: now }).where(and(eq(wishClaims.tenantId, tenantId), eq(wishClaims.id, claim.id)));
  await tx.update(wishWallItems).set({ status: 'lit', litAt: now, litBy: caller.actor.userId, thanks: v.thanks || null, litPhotoKey }).where(and(eq(wishWallItems.tenantId, tenantId), eq(wishWallItems.id, item.id)));
  await settleDeadlines(tx, { tenantId, type: WISH_CLAIM_SUBJECT, id: claim.id }, [WISH_CLAIM_PROMISE], 'met', now);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'wish_lit', subjectType: 'WishWallItem', subjectId: item.id, detail: { claimId: claim.id, photo: Boolean(litPhotoKey) } });
  return { claimantId: claim.residentId, claimId: claim.id, photo: Boolean(litPhotoKey) };
}
