import { and, eq } from 'drizzle-orm';
import { grids, memberships, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { forgetCommunityFacts } from '../deadlines/policy.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { careCommunityOf } from './care-core.ts';
import { transferGridCare } from './hand-over.ts';
import { type HandOverGridFields, handOverGridSchema } from './schemas.ts';

/**
 * A grid gets a new grid worker, and its care recipients go with it: their responsible worker becomes the new one,
 * and a hand-over record gives the new worker each person's tier and last three visit summaries (issue 20).
 *
 * Input: `{ gridId, toUserId }` (a grid worker of the community), `now`. Output: `{ handoverId, count }`.
 * Refuses: care.grid.notFound; care.worker.invalid (not a grid worker of the community); care.worker.same (the grid's
 * worker already); forbidden (update Grid and
 * manage CareRoster: the community's admin).
 */
export async function handOverGrid(tx: Tx, caller: StaffCaller, input: HandOverGridFields & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'update', subject('Grid', { tenantId, gridWorkerId: null }));
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const parsed = parseInput(handOverGridSchema, input);
  const now = input.now ?? new Date();
  const [grid] = await tx.select().from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, parsed.gridId))).for('update');
  if (!grid) throw new UseCaseError('care.grid.notFound');
  const [member] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgUnitId, tenantId), eq(memberships.userId, parsed.toUserId), eq(memberships.role, 'grid_worker')));
  if (!member) throw new UseCaseError('care.worker.invalid', { field: 'toUserId' });
  // Handing a grid to the worker it has is no hand-over: it answered "已移交 0 位关爱对象" (found from outside).
  if (grid.gridWorkerId === parsed.toUserId) throw new UseCaseError('care.worker.same', { field: 'toUserId' });
  await tx.update(grids).set({ gridWorkerId: parsed.toUserId }).where(and(eq(grids.tenantId, tenantId), eq(grids.id, grid.id)));
  const result = await transferGridCare(tx, { tenantId, gridId: grid.id, fromUserId: grid.gridWorkerId, toUserId: parsed.toUserId, byUserId: caller.actor.userId, now });
  forgetCommunityFacts(tenantId); // intake's cached grid workers (deadlines/policy.ts)
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_handover', subjectType: 'Grid', subjectId: grid.id, detail: { from: grid.gridWorkerId, to: parsed.toUserId, count: result.count } });
  return result;
}
