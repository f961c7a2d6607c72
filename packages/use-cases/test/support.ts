import { UseCaseError } from '../src/index.ts';

/** The refusal a call ends in: a use-case error code, 'forbidden' for a permission refusal; fails if it succeeds. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    if (error instanceof UseCaseError) return error.code;
    if (error instanceof Error && error.name === 'ForbiddenError') return 'forbidden';
    throw error;
  }
  throw new Error('expected a refusal');
}
