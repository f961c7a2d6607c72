import { UseCaseError } from '../errors.ts';

/**
 * Every refusal of the residents' register (decision 034), as i18n keys under `residents.errors.` (without the
 * `resident.` prefix). A refusal about one field carries `{ field }` so the form shows it beside that field.
 */
export { RESIDENT_REFUSALS } from './refusal-codes.ts';
import type { RESIDENT_REFUSALS } from './refusal-codes.ts';
export type ResidentRefusal = (typeof RESIDENT_REFUSALS)[number];

/** A refusal of the register: only codes of the list above. */
export function residentRefusal(code: ResidentRefusal, params: Record<string, string | number> = {}) {
  return new UseCaseError(code, params);
}

/** The i18n key of a register refusal: 'resident.mobile.invalid' → 'residents.errors.mobile.invalid'. */
export function residentRefusalKey(code: string): string {
  return `residents.errors.${code.replace(/^resident\./, '')}`;
}
