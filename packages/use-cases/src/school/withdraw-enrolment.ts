import { and, eq } from 'drizzle-orm';
import { schoolEnrolments, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { schoolEnrolmentSchema } from './school.schema.ts';
import { lockEnrolment, offerFreePlaces, type SchoolCaller, settleOffer } from './shared.ts';
import { actedBy } from '../residents/acting-for.ts';

/**
 * Withdraws from a course (an application, a place, a place offered, or the waiting list): by staff, whoever may
 * enrol the person (a grid worker for their own grids), the person or
 * their family. A place given up goes at once to the first on the waiting list as an offer open for the term's
 * hours (offerFreePlaces). Serialised per course.
 * Input: `{ enrolmentId, now? }`. Output: `{ id, offered }` (the enrolments offered the freed place).
 * Refuses: school.enrolment.notFound; school.enrolment.notActive (declined, lapsed or withdrawn already); forbidden.
 */
export async function withdrawEnrolment(tx: Tx, caller: SchoolCaller, input: z.input<typeof schoolEnrolmentSchema> & { now?: Date }) {
  const p = parseInput(schoolEnrolmentSchema, input);
  const now = input.now ?? new Date();
  const { tenantId, course, term, enrolment: e } = await lockEnrolment(tx, caller, p.enrolmentId, true);
  if (!['applied', 'enrolled', 'waiting', 'offered'].includes(e.status)) throw new UseCaseError('school.enrolment.notActive');
  // Who withdrew it is kept: 我的 tells a family member who had asked for it (the office, the parent, another of the family).
  const who = actedBy(caller, e.residentId);
  await tx.update(schoolEnrolments).set({ status: 'withdrawn', withdrawnBy: who.by, withdrawnByResidentId: who.byResidentId, updatedAt: now }).where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.id, e.id)));
  if (e.status === 'offered') await settleOffer(tx, tenantId, e.id, 'cancelled', now);
  const offered = e.status === 'enrolled' || e.status === 'offered' ? await offerFreePlaces(tx, course, term, now) : [];
  return { id: e.id, offered };
}
