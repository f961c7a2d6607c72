import { and, eq } from 'drizzle-orm';
import { schoolEnrolments, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { schoolEnrolmentSchema } from './school.schema.ts';
import { lockEnrolment, offerFreePlaces, type SchoolCaller, settleOffer } from './shared.ts';
import { actedBy } from '../residents/acting-for.ts';

/**
 * Declines a place offered from the waiting list: the offer's timer is cancelled and the place is offered to the
 * next on the list at once. By the person on 我的, their family, or staff for them (a grid worker for the people of
 * their own grids, who may enrol them).
 * Input: `{ enrolmentId, now? }`. Output: `{ id, offered }` (the next offered, if any).
 * Refuses: school.enrolment.notFound; school.enrolment.notOffered; forbidden.
 */
export async function declineSchoolPlace(tx: Tx, caller: SchoolCaller, input: z.input<typeof schoolEnrolmentSchema> & { now?: Date }) {
  const p = parseInput(schoolEnrolmentSchema, input);
  const now = input.now ?? new Date();
  const { tenantId, course, term, enrolment: e } = await lockEnrolment(tx, caller, p.enrolmentId, true);
  if (e.status !== 'offered') throw new UseCaseError('school.enrolment.notOffered');
  const who = actedBy(caller, e.residentId);
  await tx.update(schoolEnrolments).set({ status: 'declined', decidedAt: now, withdrawnBy: who.by, withdrawnByResidentId: who.byResidentId, updatedAt: now }).where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.id, e.id)));
  await settleOffer(tx, tenantId, e.id, 'cancelled', now);
  return { id: e.id, offered: await offerFreePlaces(tx, course, term, now) };
}
