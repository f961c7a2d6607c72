import { defineRefusals } from '../refusal.ts';

/** Refusals of the senior school (decision 043). Messages under `refusals.<code>` (zh-CN and en). */
export const SCHOOL_REFUSALS = defineRefusals({
  invalid: ['school.term.dates', 'school.course.time', 'school.course.teacher', 'school.course.teacherNotVolunteer', 'school.day.invalid', 'school.day.notClass', 'school.day.notYet', 'school.showcase.time'],
  forbidden: ['school.notFamily'],
  notFound: ['school.term.notFound', 'school.course.notFound', 'school.enrolment.notFound', 'school.card.invalid'],
  conflict: [
    'school.term.taken',
    'school.term.ended',
    'school.course.taken',
    'school.course.teacherClash',
    'school.course.roomClash',
    'school.enrolment.duplicate',
    'school.enrolment.clash',
    'school.enrolment.notActive',
    'school.enrolment.notOffered',
    'school.enrolment.offerExpired',
    'school.enrolment.notEnrolled',
    'school.course.allocated',
    'school.course.firstCome',
    'school.showcase.published',
  ],
});
