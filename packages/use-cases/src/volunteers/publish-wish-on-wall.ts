import { and, eq } from 'drizzle-orm';
import { cases, type Tx, wishWallItems } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertWishStaff } from './wish-claims.ts';
import { communityOf } from './shared.ts';
import { publishWishOnWallSchema } from './volunteers.schema.ts';

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
