/**
 * A refusal the user can act on. `code` is an i18n key (under the caller's namespace), never English text,
 * so every message reaches the user in their language.
 */
export class UseCaseError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'UseCaseError';
  }
}
