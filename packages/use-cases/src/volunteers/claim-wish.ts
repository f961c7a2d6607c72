import { and, eq, isNull } from 'drizzle-orm';
import { partyMembers, residents, type Tx, volunteers } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { checkPromise, lockOpenWish, recordClaim } from './wish-claims.ts';
import { type VolunteerSelf } from './shared.ts';
import { claimWishSchema } from './volunteers.schema.ts';

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
