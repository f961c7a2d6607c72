import { type Problem, REFUSAL_CODES, type RefusalCode, type RefusalKind, refusalKind, UseCaseError } from '@shequ/use-cases';
import { type RefusalMessage, refusalMessage } from './refusal.ts';

export { UseCaseError };

/** The HTTP answer for each kind of refusal. */
export const REFUSAL_STATUS: Record<RefusalKind, number> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  limited: 429,
  unavailable: 503,
};

export type Refusal = {
  /** The i18n key of the message (translate with `params`). */
  message: RefusalMessage;
  status: number;
  /** The form field the refusal is about, when it names one. */
  field: string | null;
  params: Record<string, string | number>;
};

/**
 * The one place a use case's refusal becomes what the user sees: its message (an i18n key under `refusals.`, zh-CN
 * first) and the HTTP status for its kind (422 invalid input, 401 wrong credentials, 403 not allowed, 404 not found,
 * 409 conflicting state, 429 too many attempts, 503 a service down).
 */
export function describeRefusal(error: UseCaseError | Problem): Refusal {
  const field = typeof error.params.field === 'string' ? error.params.field : null;
  return { message: refusalMessage(error.code), status: REFUSAL_STATUS[refusalKind(error.code)], field, params: error.params };
}

/** Whether something thrown is a use case's refusal (anything else is a bug or an outage and is rethrown). */
export function isRefusal(error: unknown): error is UseCaseError {
  return error instanceof UseCaseError;
}

/** The message for a refusal code kept as text (an import's failed rows); null for a code no feature declares (any more). */
export function storedRefusalMessage(code: string | null | undefined): RefusalMessage | null {
  return code && (REFUSAL_CODES as readonly string[]).includes(code) ? refusalMessage(code as RefusalCode) : null;
}
