import type { z } from './zod.ts';
import { REFUSAL_CODES, type RefusalCode, UseCaseError } from './errors.ts';

const isRefusalCode = (message: string): message is RefusalCode => (REFUSAL_CODES as readonly string[]).includes(message);

/**
 * A use case checks its input with the same schema the form was checked with in the browser and in the route
 * (`*.schema.ts` beside it). Anything the route did not check (a job, a test, a script) is refused here with the
 * first problem's message as the code (a declared refusal code) and the field it concerns, so the form can show it
 * next to the field. An input of the wrong shape (a validator's generic `validation.*` message, which no refusal
 * declares) is the caller's bug, but the user must not pay for it: it is refused as `input.invalid` beside the field.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: z.input<S>, codeOf?: (message: string) => string | null): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  // Schemas name their message by its i18n key (`refusals.<code>`, so forms can show it); the code is the rest. A
  // schema whose form speaks its page's own keys says which refusal each stands for (`codeOf`).
  const code = codeOf?.(issue.message) ?? issue.message.replace(/^refusals\./, '');
  if (isRefusalCode(code)) throw new UseCaseError(code, field ? { field } : {});
  // A validator's generic message (validation.*): the caller sent a shape its own checks let through. Refused beside
  // the field with a generic message (input.invalid) instead of a 500 that loses the form; the message keeps what the
  // validator said for whoever reads a log or a test.
  const refusal = new UseCaseError('input.invalid', field ? { field } : {});
  refusal.message = `invalid input${field ? ` (${field})` : ''}: ${issue.message}`;
  throw refusal;
}
