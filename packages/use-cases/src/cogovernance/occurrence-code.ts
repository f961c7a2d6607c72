import { and, eq } from 'drizzle-orm';
import { addDays, chinaDate, chinaDateTime, normalizeCode, occurrenceRecordOpensAt, PEOPLE_SERVED_PER_PLACE, peopleServedMax } from '@shequ/domain';
import { serviceOccurrences, servicePosts, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type CheckInOccurrenceFields, checkInOccurrenceSchema } from './partners.schema.ts';
import { codeHash } from './shared.ts';

/**
 * The people served at an occurrence of `postId`, bounded by its places (peopleServedMax, decision 062): more is
 * refused beside the field with the most it may be — partner.served.overCapacity (the post has places) or
 * partner.served.tooMany (it has none).
 */
export async function assertPeopleServed(tx: Tx, tenantId: string, postId: string, peopleServed: number | null | undefined) {
  if (peopleServed == null) return;
  const [post] = await tx.select({ capacity: servicePosts.capacity }).from(servicePosts).where(and(eq(servicePosts.tenantId, tenantId), eq(servicePosts.id, postId)));
  const capacity = post?.capacity ?? null;
  const max = peopleServedMax(capacity);
  if (peopleServed <= max) return;
  throw capacity ? new UseCaseError('partner.served.overCapacity', { field: 'peopleServed', max, capacity, factor: PEOPLE_SERVED_PER_PLACE }) : new UseCaseError('partner.served.tooMany', { field: 'peopleServed', max });
}

/**
 * The one way an occurrence is checked in by its code, at the desk or by the unit itself: finds the community's
 * occurrence whose code hash matches, checks it is still scheduled and inside its window (two hours before the start
 * to the end of its day, China time), and marks it delivered with the people served. Not a use case: callers check
 * who may do it first. Refuses beside `code`: partner.code.invalid; partner.occurrence.recorded; partner.code.outsideWindow;
 * beside `peopleServed`: partner.served.overCapacity / tooMany (assertPeopleServed).
 */
export async function checkInByCode(tx: Tx, tenantId: string, input: CheckInOccurrenceFields & { now?: Date }) {
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
  const from = occurrenceRecordOpensAt('delivered', o.startsAt)!;
  const to = new Date(`${addDays(chinaDate(o.startsAt), 1)}T00:00:00+08:00`);
  if (now < from || now >= to) throw new UseCaseError('partner.code.outsideWindow', { field: 'code', from: chinaDateTime(from).slice(0, 16), to: chinaDateTime(to).slice(0, 16) });
  const peopleServed = p.peopleServed ?? null;
  await assertPeopleServed(tx, tenantId, o.postId, peopleServed);
  await tx
    .update(serviceOccurrences)
    .set({ status: 'delivered', checkedInAt: now, peopleServed })
    .where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, o.id)));
  return { occurrence: o, checkedInAt: now, peopleServed };
}
