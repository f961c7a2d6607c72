import { and, eq } from 'drizzle-orm';
import { partnerUnits, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertWishStaff, checkPromise, lockOpenWish, recordClaim } from './wish-claims.ts';
import { communityOf } from './shared.ts';
import { claimWishForUnitSchema } from './volunteers.schema.ts';

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
