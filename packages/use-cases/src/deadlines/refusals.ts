import { defineRefusals } from '../refusal.ts';

/** Refusals of the time limits (SLA) and the working calendar. */
export const DEADLINE_REFUSALS = defineRefusals({
  invalid: [
    'sla.acceptHours.invalid',
    'sla.resolveDays.invalid',
    'sla.streetDays.invalid',
    'sla.departmentDays.invalid',
    'sla.reminderFractions.invalid',
    'sla.reminderFractions.tooMany',
    'sla.hours.invalid',
    'sla.category.invalid',
    'calendar.year',
    'calendar.holidays',
    'calendar.workdays',
    'calendar.workdayNotWeekend',
    'calendar.overlap',
  ],
  forbidden: ['sla.hours.districtOnly'],
});
