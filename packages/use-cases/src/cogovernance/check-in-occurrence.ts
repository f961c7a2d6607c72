import { and, eq } from 'drizzle-orm';
import { addDays, chinaDate, chinaDateTime, normalizeCode } from '@shequ/domain';
import { serviceOccurrences, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type CheckInOccurrenceFields, checkInOccurrenceSchema } from './partners.schema.ts';
import { codeHash, communityOf } from './shared.ts';

/** How early before its start an occurrence's code is accepted. */
const EARLY_MS = 2 * 3600_000;

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
  await tx
    .update(serviceOccurrences)
    .set({ status: 'delivered', checkedInAt: now, peopleServed: p.peopleServed ?? null })
    .where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, o.id)));
  return { occurrenceId: o.id, checkedInAt: now };
}
