import type { RefusalCode } from '@shequ/use-cases';

/** The message (i18n key, zh-CN first) for a refusal code: every declared code has one under `refusals.` (refusals.test.ts). */
export type RefusalMessage = `refusals.${RefusalCode}`;

/** The message key for a refusal code (also for codes stored earlier, e.g. an import's failed rows). Browser-safe. */
export function refusalMessage(code: RefusalCode): RefusalMessage {
  return `refusals.${code}`;
}
