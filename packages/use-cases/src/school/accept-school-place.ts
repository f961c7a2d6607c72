import { and, eq } from 'drizzle-orm';
import { schoolEnrolments, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { schoolEnrolmentSchema } from './school.schema.ts';
import { lockEnrolment, type SchoolCaller, settleOffer } from './shared.ts';

/**
 * Accepts a place offered from the waiting list, before the offer runs out (the term's hours, 24 by default): the
 * person is enrolled and the offer's timer is met. By the person on 我的, their family, or staff for them (a grid worker
 * for the people of their own grids, who may enrol them).
 * Input: `{ enrolmentId, now? }`. Output: `{ id, status: 'enrolled' }`.
 * Refuses: school.enrolment.notFound; school.enrolment.notOffered; school.enrolment.offerExpired; forbidden.
 */
export async function acceptSchoolPlace(tx: Tx, caller: SchoolCaller, input: z.input<typeof schoolEnrolmentSchema> & { now?: Date }) {
  const p = parseInput(schoolEnrolmentSchema, input);
  const now = input.now ?? new Date();
  const { tenantId, enrolment: e } = await lockEnrolment(tx, caller, p.enrolmentId, true);
  if (e.status !== 'offered') throw new UseCaseError('school.enrolment.notOffered');
  if (e.offerExpiresAt && now >= e.offerExpiresAt) throw new UseCaseError('school.enrolment.offerExpired');
  await tx.update(schoolEnrolments).set({ status: 'enrolled', decidedAt: now, updatedAt: now }).where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.id, e.id)));
  await settleOffer(tx, tenantId, e.id, 'met', now);
  return { id: e.id, status: 'enrolled' as const };
}
