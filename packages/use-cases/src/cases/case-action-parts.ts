import { cleanText } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { staffActor } from './case-actor.ts';

// What the case actions share (not exported from the package root).

/** A case action's text, required and at most `max` characters (refusals `<code>.required`, `<code>.tooLong`, beside `body`). */
export function caseText(
  value: string | null | undefined,
  code: 'case.note' | 'case.reply' | 'case.resolution' | 'case.escalateReason' | 'case.returnReason' | 'case.question' | 'case.supervision',
  max = 2000,
): string {
  const cleaned = cleanText(value ?? '');
  if (!cleaned) throw new UseCaseError(`${code}.required`, { field: 'body' });
  if (Array.from(cleaned).length > max) throw new UseCaseError(`${code}.tooLong`, { field: 'body', max });
  return cleaned;
}

/** Which case an action is on: the community (`tenantId`) and the case's id. */
export type CaseRef = { tenantId: string; caseId: string };

/** The case and who acts on it, as transitionCase takes them: a signed-in person, as staff, with what they may do. */
export function staffOnCase(caller: StaffCaller, ref: CaseRef) {
  return { tenantId: ref.tenantId, caseId: ref.caseId, actor: staffActor(caller.actor), ability: caller.ability };
}
