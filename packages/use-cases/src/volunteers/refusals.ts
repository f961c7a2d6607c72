import { UseCaseError } from '../errors.ts';
import type { CodesOf } from '../refusal.ts';
import { VOLUNTEER_REFUSALS } from './refusal-codes.ts';

export { VOLUNTEER_REFUSALS };
export type VolunteerRefusal = CodesOf<typeof VOLUNTEER_REFUSALS>;

/** A refusal of volunteer service: only codes of VOLUNTEER_REFUSALS. */
export function volunteerRefusal(code: VolunteerRefusal, params: Record<string, string | number> = {}) {
  return new UseCaseError(code, params);
}
