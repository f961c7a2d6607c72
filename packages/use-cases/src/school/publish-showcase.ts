import { and, eq } from 'drizzle-orm';
import { schoolTerms, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { createActivity } from '../volunteers/create-activity.ts';
import type { z } from '../zod.ts';
import { publishShowcaseSchema } from './school.schema.ts';
import { assertSchoolStaff, loadTerm, schoolCommunity } from './shared.ts';

/**
 * Publishes a term's end-of-term showcase (结业汇报演出) as an activity of a volunteer team (decision 036's
 * activities: one shift for the show, its places for helpers), and records it on the term.
 * Input: `{ termId, teamId, title, place, startsAt, endsAt (China time), capacity, now? }`. Output: `{ activityId }`.
 * Refuses: school.term.notFound; school.showcase.published (the term has one); the refusals of createActivity
 * (volunteer.team.notFound, volunteer.shift.time …); forbidden.
 */
export async function publishShowcase(tx: Tx, caller: StaffCaller, input: z.input<typeof publishShowcaseSchema> & { now?: Date }) {
  assertSchoolStaff(caller, 'update');
  const tenantId = schoolCommunity(caller);
  const p = parseInput(publishShowcaseSchema, input);
  const term = await loadTerm(tx, tenantId, p.termId);
  if (term.showcaseActivityId) throw new UseCaseError('school.showcase.published');
  const activity = await createActivity(tx, caller, {
    teamId: p.teamId,
    title: p.title,
    description: `${term.name}结业汇报演出`,
    place: p.place,
    audience: '老年学校',
    shifts: [{ startsAt: p.startsAt, endsAt: p.endsAt, capacity: p.capacity, reserved: 0 }],
    publish: true,
    now: input.now,
  });
  await tx.update(schoolTerms).set({ showcaseActivityId: activity.id }).where(and(eq(schoolTerms.tenantId, tenantId), eq(schoolTerms.id, term.id)));
  return { activityId: activity.id };
}
