import type { Tx } from '@shequ/db';
import { acceptSchoolPlace, declineSchoolPlace, enrolInCourse, withdrawEnrolment } from '@shequ/use-cases';

// The server half shared by the senior school's pages: the course page (staff, on someone's behalf) and the school on
// 我的 (a resident for themselves or a parent) take the same steps on an enrolment (decision 043).

type SchoolCaller = Parameters<typeof enrolInCourse>[1];
type Answer = (tx: Tx, caller: SchoolCaller, input: Parameters<typeof acceptSchoolPlace>[2]) => Promise<unknown>;

/** A posted step on an enrolment: enrol someone in a course, or answer for an enrolment (accept, decline, withdraw). */
export type EnrolmentStep = ({ intent: 'enrol' } & Parameters<typeof enrolInCourse>[2]) | ({ intent: 'accept' | 'decline' | 'withdraw' } & Parameters<Answer>[2]);

const ANSWERS: Record<'accept' | 'decline' | 'withdraw', Answer> = { accept: acceptSchoolPlace, decline: declineSchoolPlace, withdraw: withdrawEnrolment };

/**
 * Takes a step on an enrolment through its use case (refusals are theirs). Output: what happened, as the toast's key
 * under `school.` and its values: enrolled, applied (a course that allocates its places later), waiting (`n`: the
 * place in the waiting list), or the answer's own name.
 */
export async function takeEnrolmentStep(tx: Tx, caller: SchoolCaller, step: EnrolmentStep): Promise<readonly [string, Record<string, number>]> {
  if (step.intent !== 'enrol') {
    await ANSWERS[step.intent](tx, caller, step);
    return [step.intent, {}];
  }
  const e = await enrolInCourse(tx, caller, step);
  return e.status === 'waiting' ? ['waiting', { n: e.position ?? 1 }] : [e.status === 'applied' ? 'applied' : 'enrolled', {}];
}
