import { and, eq } from 'drizzle-orm';
import { addDays, chinaDate, chinaDateTime, normalizeCode } from '@shequ/domain';
import { partnerUnits, serviceOccurrences, servicePosts, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { AnonymousCaller, StaffCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type CheckInOccurrenceFields, checkInOccurrenceSchema } from './partners.schema.ts';
import { codeHash, communityOf } from './shared.ts';

/** How early before its start an occurrence's code is accepted. */
const EARLY_MS = 2 * 3600_000;

/**
 * The one way an occurrence is checked in by its code, at the desk or by the unit itself: finds the community's
 * occurrence whose code hash matches, checks it is still scheduled and inside its window (two hours before the start
 * to the end of its day, China time), and marks it delivered with the people served. Not a use case: callers check
 * who may do it first. Refuses beside `code`: partner.code.invalid; partner.occurrence.recorded; partner.code.outsideWindow.
 */
async function checkInByCode(tx: Tx, tenantId: string, input: CheckInOccurrenceFields & { now?: Date }) {
  const p = parseInput(checkInOccurrenceSchema, input);
  const now = input.now ?? new Date();
  const code = normalizeCode(p.code);
  if (!code) throw new UseCaseError('partner.code.invalid', { field: 'code' });
  const [o] = await tx
    .select()
    .from(serviceOccurrences)
    .where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.checkInHash, codeHash(tenantId, 'check-in', code))))
    .for('update');
  if (!o) throw new UseCaseError('partner.code.invalid', { field: 'code' });
  if (o.status !== 'scheduled') throw new UseCaseError('partner.occurrence.recorded', { field: 'code' });
  const from = new Date(o.startsAt.getTime() - EARLY_MS);
  const to = new Date(`${addDays(chinaDate(o.startsAt), 1)}T00:00:00+08:00`);
  if (now < from || now >= to) throw new UseCaseError('partner.code.outsideWindow', { field: 'code', from: chinaDateTime(from).slice(0, 16), to: chinaDateTime(to).slice(0, 16) });
  const peopleServed = p.peopleServed ?? null;
  await tx
    .update(serviceOccurrences)
    .set({ status: 'delivered', checkedInAt: now, peopleServed })
    .where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, o.id)));
  return { occurrence: o, checkedInAt: now, peopleServed };
}

/**
 * Checks an occurrence of a service post in by its code (issue 18: "each occurrence is checked in (QR, as for
 * volunteer shifts)"): the code issued for the occurrence (issueOccurrenceCode; its QR shown at the post, or given
 * to the unit's people) is read from the QR or typed at the post, and the occurrence counts as delivered (承诺兑现率
 * counts it) with the time and, when known, the people served. Accepted from two hours before the start to the end
 * of its day (China time); a code serves once. Caller: staff keeping the partner units (the post's staff at the
 * desk). Input: `code`, `peopleServed` (optional), `now`. Output: `{ occurrenceId, checkedInAt }`.
 * Refuses, beside `code`: partner.code.invalid (no occurrence of this community has this code);
 * partner.code.outsideWindow (with `from`, `to`); partner.occurrence.recorded (already delivered, or recorded missed
 * or cancelled); forbidden.
 */
export async function checkInOccurrence(tx: Tx, caller: StaffCaller, input: CheckInOccurrenceFields & { now?: Date }) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('PartnerUnit', { tenantId }));
  const done = await checkInByCode(tx, tenantId, input);
  return { occurrenceId: done.occurrence.id, checkedInAt: done.checkedInAt };
}

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
