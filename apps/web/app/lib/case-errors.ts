/** The i18n key for a use-case refusal about a case (codes look like 'case.refused.wrong_status'). */
export function caseErrorKey(code: string): string {
  return `cases.errors.${code.replace(/^case\./, '')}`;
}
