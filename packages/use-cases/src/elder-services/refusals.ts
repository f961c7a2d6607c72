import { defineRefusals } from '../refusal.ts';

/** Refusals of the station's service bookings (decision 044). Messages under `refusals.<code>` (zh-CN and en). */
export const ELDER_SERVICE_REFUSALS = defineRefusals({
  invalid: ['service.slot.times', 'service.slot.time', 'service.slot.openPast', 'service.rule.who', 'service.rule.past', 'service.rule.sameDay', 'service.assessment.future'],
  forbidden: ['service.notFamily'],
  notFound: ['service.notFound', 'service.slot.notFound', 'service.booking.notFound'],
  conflict: [
    'service.inactive',
    'service.slot.full',
    'service.slot.past',
    'service.slot.beyondOffered',
    'service.booking.duplicate',
    'service.booking.noAssessment',
    'service.booking.tooYoung',
    'service.booking.noBirth',
    'service.booking.notRequested',
    'service.booking.notConfirmed',
    'service.booking.notActive',
    'service.booking.started',
    'service.booking.notYet',
  ],
});
