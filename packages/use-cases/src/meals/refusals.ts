import { defineRefusals } from '../refusal.ts';

/** Refusals of meal help (decision 038). Messages under `refusals.<code>` (zh-CN and en). */
export const MEAL_REFUSALS = defineRefusals({
  invalid: [
    'meal.dish.name.invalid',
    'meal.dish.tags.invalid',
    'meal.menu.day.invalid',
    'meal.menu.day.past',
    'meal.menu.dishes.invalid',
    'meal.menu.ruleNotMet',
    'meal.sitting.invalid',
    'meal.sitting.menuRule',
    'meal.sitting.cutoffAfterServing',
    'meal.rule.invalid',
    'meal.rule.who',
    'meal.rule.past',
    'meal.booking.mode.invalid',
    'meal.booking.diet.invalid',
    'meal.booking.noAddress',
    'meal.card.invalid',
    'meal.month.invalid',
  ],
  forbidden: ['meal.booking.notFamily', 'meal.notResident'],
  notFound: ['meal.notFound', 'meal.sitting.notFound', 'meal.menu.notFound', 'meal.booking.notFound', 'meal.card.noBooking'],
  conflict: [
    'meal.dish.taken',
    'meal.sitting.capacityBelowBooked',
    'meal.menu.notPublished',
    'meal.menu.published',
    'meal.booking.cutoffPassed',
    'meal.booking.beforeCutoff',
    'meal.booking.duplicate',
    'meal.booking.notBooked',
    'meal.booking.noOneWaiting',
    'meal.booking.notToday',
    'meal.booking.alreadyServed',
  ],
});
