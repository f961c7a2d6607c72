import { defineRefusals } from '../refusal.ts';

/**
 * An input of a shape the use case's schema refuses with a validator's generic message (a page whose own schema is
 * looser than the use case's, a script): refused beside the field it names with a generic message rather than thrown
 * as a bug (a 500 that loses the form; found from outside on the meal settings page). See parseInput.
 */
export const INPUT_REFUSALS = defineRefusals({
  invalid: ['input.invalid'],
});
