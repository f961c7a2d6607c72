import { and, eq } from 'drizzle-orm';
import { careOfflineEdits, type OfflineEditFields, residents, type Tx, users } from '@shequ/db';
import { chinaDateTime } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import { careCommunityOf } from './care-core.ts';
import { endHouseholdsApart } from '../residents/households.ts';
import { type ResolveCareConflictFields, resolveCareConflictSchema } from './schemas.ts';

/**
 * A staff member settles a conflict field by field: for each field the phone edited, keep the server's value
 * (`theirs`) or take the phone's (`mine`); the person is updated with the chosen phone values only and the
 * conflict is resolved (kept, with the choices, for the record). Every conflicting field must be chosen
 * (care.conflict.choose beside it); the fields only the phone changed were applied when the edit arrived.
 *
 * Input: `{ id, unit?, room?, note? }` ('mine' | 'theirs' each), `now`. Output: `{ id, applied: string[] }`.
 * Refuses: care.conflict.settled (settled already: `by`, `at`, the fields taken from the phone `mine` and kept `theirs`,
 * comma-separated); care.notFound (no such conflict); resident.notFound; forbidden (manage CareRoster, update Resident).
 */
export async function resolveCareConflict(tx: Tx, caller: StaffCaller, input: ResolveCareConflictFields & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const parsed = parseInput(resolveCareConflictSchema, input);
  const now = input.now ?? new Date();
  const [edit] = await tx
    .select()
    .from(careOfflineEdits)
    .where(and(eq(careOfflineEdits.tenantId, tenantId), eq(careOfflineEdits.id, parsed.id), eq(careOfflineEdits.status, 'conflict')))
    .for('update');
  if (!edit) {
    // Settled already (two tabs, two staff): said with its outcome, not as "not found" (outside trial of issue 20).
    const [done] = await tx
      .select({ chosen: careOfflineEdits.chosen, resolvedAt: careOfflineEdits.resolvedAt, by: users.displayName })
      .from(careOfflineEdits)
      .leftJoin(users, eq(users.id, careOfflineEdits.resolvedBy))
      .where(and(eq(careOfflineEdits.tenantId, tenantId), eq(careOfflineEdits.id, parsed.id), eq(careOfflineEdits.status, 'resolved')));
    if (!done) throw new UseCaseError('care.notFound');
    const chosen = (done.chosen ?? {}) as Record<string, 'mine' | 'theirs'>;
    const of = (c: 'mine' | 'theirs') => Object.keys(chosen).filter((k) => chosen[k] === c).join(',');
    throw new UseCaseError('care.conflict.settled', { by: done.by ?? '', at: done.resolvedAt ? chinaDateTime(done.resolvedAt).slice(0, 16) : '', mine: of('mine'), theirs: of('theirs') });
  }
  const { row } = await loadResident(tx, caller.ability, tenantId, edit.residentId, 'update', true);
  const chosen: Record<string, 'mine' | 'theirs'> = { ...(edit.chosen ?? {}) };
  const set: OfflineEditFields = {};
  // Every real conflict is chosen by a person: none defaults to the server's value (nothing dropped in one tap).
  for (const k of (Object.keys(edit.mine) as (keyof OfflineEditFields)[]).filter((f) => !edit.chosen?.[f])) {
    const choice = parsed[k];
    if (!choice) throw new UseCaseError('care.conflict.choose', { field: k });
    chosen[k] = choice;
    if (choice === 'mine') set[k] = edit.mine[k] ?? null;
  }
  const applied = Object.keys(set);
  if (applied.length) await tx.update(residents).set({ ...set, updatedAt: now }).where(and(eq(residents.tenantId, tenantId), eq(residents.id, row.id)));
  // A new unit or room ends 同住 with those left at the old address (endHouseholdsApart).
  if (applied.includes('unit') || applied.includes('room')) await endHouseholdsApart(tx, tenantId, row.id, caller.actor.userId);
  await tx.update(careOfflineEdits).set({ status: 'resolved', chosen, resolvedBy: caller.actor.userId, resolvedAt: now }).where(and(eq(careOfflineEdits.tenantId, tenantId), eq(careOfflineEdits.id, edit.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_conflict_resolved', subjectType: 'Resident', subjectId: row.id, detail: { editId: edit.id, chosen } });
  return { id: edit.id, applied };
}
