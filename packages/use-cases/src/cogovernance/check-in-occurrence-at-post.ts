import { and, eq } from 'drizzle-orm';
import { partnerUnits, servicePosts, type Tx } from '@shequ/db';
import type { AnonymousCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { type CheckInOccurrenceFields } from './partners.schema.ts';
import { checkInByCode } from './occurrence-code.ts';

/**
 * A partner unit checks itself in at its post (issue 18, decision 057): the unit's representative opens the
 * occurrence's QR (or types its code) on a phone, with no account, and the occurrence counts as delivered exactly as
 * at the desk (same code, same window, once). The code is the only key: holding it is what the unit was given. The
 * answer names only what the holder of the code already knows (the post, its unit, the time) and nothing else; the
 * web page limits wrong codes per IP and per code. Audited as `occurrence_checked_in_by_unit` (no actor).
 * Caller: anyone (anonymous), in the community of the page's address. Input: `tenantId`, `code`, `peopleServed`
 * (optional), `now`. Output: `{ occurrenceId, post, unit, startsAt, checkedInAt, peopleServed }`.
 * Refuses, beside `code`: partner.code.invalid; partner.occurrence.recorded; partner.code.outsideWindow.
 */
export async function checkInOccurrenceAtPost(tx: Tx, _caller: AnonymousCaller, input: CheckInOccurrenceFields & { tenantId: string; now?: Date }) {
  const done = await checkInByCode(tx, input.tenantId, input);
  const o = done.occurrence;
  const [names] = await tx
    .select({ post: servicePosts.title, unit: partnerUnits.name })
    .from(servicePosts)
    .innerJoin(partnerUnits, and(eq(partnerUnits.tenantId, servicePosts.tenantId), eq(partnerUnits.id, o.partnerUnitId)))
    .where(and(eq(servicePosts.tenantId, input.tenantId), eq(servicePosts.id, o.postId)));
  await recordAuditEvent(tx, { tenantId: input.tenantId, actorUserId: null, action: 'occurrence_checked_in_by_unit', subjectType: 'ServiceOccurrence', subjectId: o.id, detail: { partnerUnitId: o.partnerUnitId, peopleServed: done.peopleServed } });
  return { occurrenceId: o.id, post: names?.post ?? '', unit: names?.unit ?? '', startsAt: o.startsAt, checkedInAt: done.checkedInAt, peopleServed: done.peopleServed };
}
