/** PostgreSQL's error fields, whether drizzle wrapped the driver's error (as `cause`) or not. */
export function pgError(error: unknown): { code?: string; constraint_name?: string } | null {
  let current = error as { code?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current as { code: string; constraint_name?: string };
    current = current.cause as typeof current;
  }
  return null;
}

/** A unique-key violation (optionally of one named constraint). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return e?.code === '23505' && (!constraint || e.constraint_name === constraint);
}
