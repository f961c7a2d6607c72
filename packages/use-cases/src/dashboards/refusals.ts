import { defineRefusals } from '../refusal.ts';

/** Refusals of the dashboards and their score weights. */
export const DASHBOARD_REFUSALS = defineRefusals({
  invalid: ['dashboard.weights.invalid'],
  forbidden: ['dashboard.noScope'],
});
