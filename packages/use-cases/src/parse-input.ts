import type { z } from './zod.ts';
import { UseCaseError } from './errors.ts';

/**
 * A use case checks its input with the same schema the form was checked with in the browser and in the route
 * (`*.schema.ts` beside it). Anything the route did not check (a job, a test, a script) is refused here with the
 * first problem's message key as the code and the field it concerns, so the form can show it next to the field.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: z.input<S>): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new UseCaseError(issue.message, field ? { field } : {});
}
