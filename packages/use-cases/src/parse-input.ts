import { ACROSS_FIELDS, splitMessage, type z } from './zod.ts';
import { type Problem, REFUSAL_CODES, type RefusalCode, UseCaseError } from './errors.ts';

const isRefusalCode = (message: string): message is RefusalCode => (REFUSAL_CODES as readonly string[]).includes(message);

/**
 * A use case checks its input with the same schema the form was checked with in the browser and in the route
 * (`*.schema.ts` beside it). Anything the route did not check (a job, a test, a script) is refused here with every
 * problem at once (UseCaseError's `others`; one per field, the first as the code), each with the field it concerns
 * and the values its message names (`refusals.consultation.time.past?earliest=…`: splitMessage), so the form can show
 * them next to their fields; a schema's rules across fields (withRules) come in the same refusal. An input of the
 * wrong shape (a validator's generic `validation.*` message, which no refusal declares) is the caller's bug, but the
 * user must not pay for it: it is refused as `input.invalid` beside the field.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: z.input<S>, codeOf?: (message: string) => string | null): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems: Problem[] = [];
  const fields = new Set<string>();
  // The fields' own problems first, then the rules across fields (withRules runs them first).
  const across = (issue: z.ZodIssue) => issue.code === 'custom' && Boolean(issue.params?.[ACROSS_FIELDS]);
  const issues = [...result.error.issues.filter((i) => !across(i)), ...result.error.issues.filter(across)];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    if (fields.has(field)) continue;
    fields.add(field);
    const at: Record<string, string> = field ? { field } : {};
    // Schemas name their message by its i18n key (`refusals.<code>`, so forms can show it); the code is the rest. A
    // schema whose form speaks its page's own keys says which refusal each stands for (`codeOf`).
    const { key, values } = splitMessage(issue.message);
    const code = codeOf?.(issue.message) ?? key.replace(/^refusals\./, '');
    // A validator's generic message (validation.*): the caller sent a shape its own checks let through. Refused beside
    // the field with a generic message (input.invalid) instead of a 500 that loses the form.
    problems.push(isRefusalCode(code) ? { code, params: { ...values, ...at } } : { code: 'input.invalid', params: at });
  }
  const refusal = UseCaseError.of(problems)!;
  // The message keeps what the validator said first, for whoever reads a log or a test.
  if (refusal.code === 'input.invalid') refusal.message = `invalid input${refusal.params.field ? ` (${refusal.params.field})` : ''}: ${issues[0]!.message}`;
  throw refusal;
}
