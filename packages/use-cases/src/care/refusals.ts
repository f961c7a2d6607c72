import { defineRefusals } from '../refusal.ts';

/** Refusals of visiting care (decision 039); messages under `refusals.care.*` in zh-CN and en. */
export const CARE_REFUSALS = defineRefusals({
  invalid: [
    'care.invalid',
    'care.reason.required',
    'care.tier.invalid',
    'care.rules.invalid',
    'care.rules.tag',
    'care.rules.age',
    'care.rules.rowEmpty',
    'care.rules.none',
    'care.rules.kinds',
    'care.rules.dueSoon',
    'care.rules.period',
    'care.effectiveFrom.past',
    'care.kind.invalid',
    'care.period.invalid',
    'care.period.tooLong',
    'care.day.far',
    'care.volunteer.invalid',
    'care.worker.invalid',
    'care.visitedAt.invalid',
    'care.seen.required',
    'care.conflict.choose',
    'care.need.required',
    'care.need.tooLong',
    'care.note.tooLong',
    'care.photo.tooLarge',
  ],
  notFound: ['care.notFound', 'care.grid.notFound'],
  conflict: ['care.rules.taken', 'care.visit.taken', 'care.conflict.settled'],
});
