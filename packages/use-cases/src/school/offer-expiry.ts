import { and, eq, sql } from 'drizzle-orm';
import { schoolEnrolments, type Tx } from '@shequ/db';
import type { DeadlineRow } from '../deadlines/store.ts';
import { lockSubjectKeys, registerDeadlineSubject } from '../deadlines/subjects.ts';
import { loadCourse, offerFreePlaces, SCHOOL_ENROLMENT_SUBJECT } from './shared.ts';

/**
 * lapseSchoolOffer: what happens when a place offered from a course's waiting list was not accepted in time (the
 * term's hours, 24 by default): the breach of the enrolment's `accept` deadline (decision 026), in the worker's
 * wake-up transaction with the course's and the enrolment's locks held, so it happens once however often the timer
 * fires. The enrolment lapses and the place is offered to the next on the list (with a timer of its own). An offer
 * accepted, declined or withdrawn meanwhile has had its timer settled; one that moved on anyway is left alone.
 * Returns whether it lapsed.
 */
export async function lapseSchoolOffer(tx: Tx, enrolmentId: string, deadline: DeadlineRow, now: Date): Promise<boolean> {
  const tenantId = deadline.tenantId;
  const [e] = await tx.select().from(schoolEnrolments).where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.id, enrolmentId)));
  if (!e || e.status !== 'offered') return false;
  await tx.update(schoolEnrolments).set({ status: 'lapsed', decidedAt: now, updatedAt: now }).where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.id, e.id)));
  const { course, term } = await loadCourse(tx, tenantId, e.courseId);
  await offerFreePlaces(tx, course, term, now);
  return true;
}

registerDeadlineSubject({
  type: SCHOOL_ENROLMENT_SUBJECT,
  // The course first (every enrolment action of a course takes it first), then the enrolment's own key.
  async lock(tx, tenantId, ids, { skipLocked }) {
    const held: string[] = [];
    for (const id of ids) {
      const [row] = await tx.select({ courseId: schoolEnrolments.courseId }).from(schoolEnrolments).where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.id, id)));
      if (!row) continue;
      const key = `${tenantId}:school_course:${row.courseId}`;
      if (skipLocked) {
        const [got] = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) as ok`)) as unknown as { ok: boolean }[];
        if (!got?.ok) continue;
      } else {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
      }
      held.push(...(await lockSubjectKeys(tx, { tenantId, type: SCHOOL_ENROLMENT_SUBJECT }, [id], skipLocked)));
    }
    return held;
  },
  async remind() {
    // No reminder points: the offer has only its expiry.
  },
  async breach(tx, enrolmentId, deadline, now) {
    await lapseSchoolOffer(tx, enrolmentId, deadline, now);
  },
});
