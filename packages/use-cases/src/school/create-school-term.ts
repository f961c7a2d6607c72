import { and, eq } from 'drizzle-orm';
import { schoolTerms, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { createSchoolTermSchema } from './school.schema.ts';
import { assertSchoolStaff, schoolCommunity } from './shared.ts';

/**
 * Opens a term of the senior school: its name, first and last day, and how many hours a place offered from a
 * waiting list stays open (24 by default; the community's setting, 1–168).
 * Input: `{ name, startsOn, endsOn, offerHours? }`. Output: the term row.
 * Refuses: school.term.dates (ends before it starts); school.term.taken (a term of that name); forbidden.
 */
export async function createSchoolTerm(tx: Tx, caller: StaffCaller, input: z.input<typeof createSchoolTermSchema>) {
  assertSchoolStaff(caller, 'manage');
  const tenantId = schoolCommunity(caller);
  const p = parseInput(createSchoolTermSchema, input);
  if (p.endsOn < p.startsOn) throw new UseCaseError('school.term.dates', { field: 'endsOn' });
  const [taken] = await tx.select({ id: schoolTerms.id }).from(schoolTerms).where(and(eq(schoolTerms.tenantId, tenantId), eq(schoolTerms.name, p.name)));
  if (taken) throw new UseCaseError('school.term.taken', { field: 'name' });
  const [row] = await tx.insert(schoolTerms).values({ tenantId, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn, offerHours: p.offerHours, createdBy: caller.actor.userId }).returning();
  return row!;
}
