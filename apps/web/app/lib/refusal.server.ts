import { type Problem, REFUSAL_CODES, type RefusalCode, type RefusalKind, refusalKind, UseCaseError } from '@shequ/use-cases';
import { ForbiddenError } from '@shequ/permissions';
import { forbidden, notFound } from './http.server.ts';
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

/** Where a refusal's problems go on a form: beside fields (`fieldErrors`, with each field's `fieldParams`) or above it. */
export type PlacedRefusal = {
  formErrors: RefusalMessage[];
  fieldErrors: Record<string, string[]>;
  /** The values the messages name (the first problem's win where two name the same value). */
  params: Record<string, string | number>;
  fieldParams: Record<string, Record<string, string | number>>;
  /** The first problem's status. */
  status: number;
};

/** How a form names the fields a use case's refusal speaks of. */
export type RefusalFields = {
  /** The use case's field names mapped to the form's; without it every field is the form's own. */
  fields?: Record<string, string>;
  /** The field a problem naming none (or naming one the form lacks) is shown beside; without it, above the form. */
  unnamed?: string;
};

/**
 * The one rule for placing a refusal on a form (issue 12), for Conform forms (refusalReply) and the pages' own forms
 * (`replyRefused` in form-reply.server.ts) alike: each of its problems (UseCaseError.all: a use case may find
 * several in one pass) beside its field when it names one of the form's (see RefusalFields), else at the top.
 */
export function placeRefusal(error: UseCaseError, options: RefusalFields = {}): PlacedRefusal {
  const formErrors: RefusalMessage[] = [];
  const fieldErrors: Record<string, string[]> = {};
  const fieldParams: Record<string, Record<string, string | number>> = {};
  let params: Record<string, string | number> = {};
  for (const one of error.all) {
    const described = describeRefusal(one);
    const field = (described.field && options.fields ? options.fields[described.field] : described.field) ?? options.unnamed ?? null;
    if (field) {
      (fieldErrors[field] ??= []).push(described.message);
      fieldParams[field] ??= described.params;
    } else formErrors.push(described.message);
    params = { ...described.params, ...params };
  }
  return { formErrors, fieldErrors, params, fieldParams, status: describeRefusal(error).status };
}

/**
 * What a loader's failure is (runAsStaff, runAsResident): the 403 page for a permission refusal or a refusal of kind
 * forbidden, the 404 page for one of kind notFound (another community's id looks like no id at all); anything else is
 * a bug of the page or an outage and is thrown on.
 */
export function throwAsLoaderPage(error: unknown): never {
  if (error instanceof ForbiddenError) forbidden();
  if (isRefusal(error)) {
    const { status } = describeRefusal(error);
    if (status === 403) forbidden();
    if (status === 404) notFound();
  }
  throw error;
}

/** The message for a refusal code kept as text (an import's failed rows); null for a code no feature declares (any more). */
export function storedRefusalMessage(code: string | null | undefined): RefusalMessage | null {
  return code && (REFUSAL_CODES as readonly string[]).includes(code) ? refusalMessage(code as RefusalCode) : null;
}
