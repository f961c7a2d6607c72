import { and, eq, inArray } from 'drizzle-orm';
import { cases, consultationMatters, consultationMatterWishes, partnerUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { takeUpWish } from '../cases/answer-wish.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type CreateMatterFields, createMatterInputSchema } from './consultation.schema.ts';
import { consultationScope } from './shared.ts';

/**
 * Gathers a matter (议题) for the committee: the first step of 四议两公开 (提议, POLICY.md), from a resident's wish,
 * from staff, or from a partner unit (驻区单位 count as parties: 中办发〔2015〕41号, 民政部 2016).
 *
 * Input: title (≤ 100), description, source ('wish' | 'staff' | 'unit'), `caseIds` (the wishes it answers; at least
 * one for source 'wish', any number otherwise), `partnerUnitId` (for source 'unit'). Inside the community's
 * transaction. The wishes still submitted are accepted (受理) in the caller's name (takeUpWish). Output: `{ id }`.
 * Refuses: consultation.title.required; consultation.wishes.invalid (no wish for a 'wish' matter, or a case not of
 * this community); consultation.unit.required (source 'unit' without a unit of the community); forbidden.
 */
export async function createMatter(tx: Tx, caller: StaffCaller, input: CreateMatterFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'create');
  // The fields and the rules across them (a wish's matter names a wish, a unit's its unit) in one refusal.
  const p = parseInput(createMatterInputSchema, input);
  const caseIds = [...new Set(p.caseIds)];
  const now = input.now ?? new Date();
  if (caseIds.length) {
    const found = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, tenantId), inArray(cases.id, caseIds)));
    if (found.length !== caseIds.length) throw new UseCaseError('consultation.wishes.invalid', { field: 'caseIds' });
  }
  let partnerUnitId: string | null = null;
  if (p.source === 'unit') {
    const [unit] = p.partnerUnitId ? await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, p.partnerUnitId))) : [];
    if (!unit) throw new UseCaseError('consultation.unit.required', { field: 'partnerUnitId' });
    partnerUnitId = unit.id;
  }
  const [row] = await tx
    .insert(consultationMatters)
    .values({ tenantId, title: p.title, description: p.description ?? null, source: p.source, partnerUnitId, createdBy: caller.actor.userId, createdAt: now })
    .returning({ id: consultationMatters.id });
  if (caseIds.length) await tx.insert(consultationMatterWishes).values(caseIds.map((caseId) => ({ tenantId, matterId: row!.id, caseId })));
  // Taking a wish to the committee is taking it up: a wish still 已提交 is accepted in the caller's name, so its
  // tracking page does not say 已提交 beside the meeting and the decision (found from outside). A wish the caller may
  // not accept, or one escalated meanwhile, is left as it is.
  for (const caseId of caseIds) await takeUpWish(tx, caller, { tenantId, caseId }, now);
  return { id: row!.id };
}
