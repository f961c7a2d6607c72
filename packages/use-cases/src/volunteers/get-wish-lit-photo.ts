import { and, eq } from 'drizzle-orm';
import { type Tx, wishWallItems } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf } from './shared.ts';

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
