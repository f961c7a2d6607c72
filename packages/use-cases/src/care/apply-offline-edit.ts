import { and, eq, sql } from 'drizzle-orm';
import { careOfflineEdits, type OfflineEditFields, residents, type Tx } from '@shequ/db';
import { addressPartProblem, cleanText, UNIT_ROOM_MAX } from '@shequ/domain';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import { careCommunityOf, heldBefore } from './care-core.ts';
import { editedAtBounded } from './offline-time.ts';
import { endHouseholdsApart } from '../residents/households.ts';
import { type OfflineEditInput, offlineEditSchema, OFFLINE_EDIT_FIELDS, OFFLINE_NOTE_MAX } from './schemas.ts';

/** A person's editable details as the register holds them (only the fields asked for). */
function pick(row: { unit: string | null; room: string | null; note: string | null }, keys: readonly (keyof OfflineEditFields)[]): OfflineEditFields {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null])) as OfflineEditFields;
}

/**
 * Cleans an edited value: trimmed, control characters out, empty as null; unit and room as the register takes them
 * (addressPartProblem: ≤ UNIT_ROOM_MAX characters, letters, digits and punctuation — no emoji), the note ≤ 500.
 */
function cleanEdit(fields: OfflineEditFields): OfflineEditFields {
  const out: OfflineEditFields = {};
  for (const k of OFFLINE_EDIT_FIELDS) {
    if (!(k in fields)) continue;
    const v = cleanText(fields[k] ?? '') || null;
    if (k === 'note') {
      if (v && Array.from(v).length > OFFLINE_NOTE_MAX) throw new UseCaseError('care.note.tooLong', { field: k, max: OFFLINE_NOTE_MAX });
    } else {
      const problem = v ? addressPartProblem(v) : null;
      if (problem) throw new UseCaseError(`resident.address.${problem}`, { field: k, max: UNIT_ROOM_MAX });
    }
    out[k] = v;
  }
  return out;
}

/**
 * An edit of a person's details made offline on the phone (issue 20: never silently overwritten). It carries the
 * version it started from (the person's `updated_at` when the phone last had them) and the values then (`base`).
 * When the server's record is still at that version, the edit is applied (`applied`); when it changed meanwhile
 * (someone edited the person online), nothing is written to the person and the edit waits in the conflict list
 * with the server's current values (`conflict`), for staff to choose field by field (resolveCareConflict). Keyed by
 * the id the phone generated: sent again, the first outcome is answered and nothing changes (`repeated`).
 *
 * Input: `{ id, residentId, baseVersion (ISO), base, mine, editedAt }` (fields: unit, room, note), `now`.
 * Output: `{ id, status: 'applied'|'conflict'|'resolved', repeated, version }`.
 * Refuses: resident.notFound (not a person the caller sees); forbidden (update Resident: a grid worker their grids'
 * people); care.invalid (no field edited, a field the app does not edit, a value that is not text);
 * resident.address.tooLong / resident.address.invalid (a unit or room the register would refuse: 🏠🏠🏠🏠🏠);
 * care.note.tooLong; care.visit.taken (the id was another person's); care.editedAt.future / care.editedAt.tooOld
 * (dated after now or more than 7 days back, as offline visits). An edit made before the person was handed over from
 * the caller (decision 078) waits on the conflict list with every field for staff to choose.
 */
export async function applyOfflineEdit(tx: Tx, caller: StaffCaller, input: OfflineEditInput & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  const parsed = parseInput(offlineEditSchema, input);
  const now = input.now ?? new Date();
  // One edit id at a time (two sends of the same record at once): the second waits and then finds the first's outcome.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:care_offline_edit:${parsed.id}`}, 0))`);
  const [earlier] = await tx.select().from(careOfflineEdits).where(and(eq(careOfflineEdits.tenantId, tenantId), eq(careOfflineEdits.id, parsed.id)));
  // As for visits: one's own edit sent again is answered as first decided; anyone else's only once the person is theirs.
  if (!earlier) editedAtBounded(parsed.editedAt, now);
  let handedOver = false;
  const ownEarlier = earlier && earlier.createdBy === caller.actor.userId;
  const { row } = ownEarlier
    ? { row: null }
    : await loadResident(tx, caller.ability, tenantId, parsed.residentId, 'update', true).catch(async (error: unknown) => {
        // Made while they were responsible, sent after the person was handed over (decision 078): not applied blindly
        // by someone who no longer sees the person, but never dropped — it waits on the conflict list for staff.
        const held = earlier ? null : await heldBefore(tx, tenantId, parsed.residentId, caller.actor.userId, parsed.editedAt, true);
        if (!held) throw error;
        handedOver = true;
        return { row: held };
      });
  if (earlier) {
    if (earlier.residentId !== parsed.residentId) throw new UseCaseError('care.visit.taken');
    return { id: earlier.id, status: earlier.status as 'applied' | 'conflict' | 'resolved', repeated: true, version: null };
  }
  if (!row) throw new UseCaseError('resident.notFound');
  const mine = cleanEdit(parsed.mine);
  const keys = Object.keys(mine) as (keyof OfflineEditFields)[];
  if (!keys.length) throw new UseCaseError('care.invalid');
  const base = pick({ unit: parsed.base.unit ?? null, room: parsed.base.room ?? null, note: parsed.base.note ?? null }, keys);
  const current = pick(row, keys);
  const sameVersion = row.updatedAt.toISOString() === new Date(parsed.baseVersion).toISOString();
  const values = { tenantId, id: parsed.id, residentId: row.id, baseVersion: parsed.baseVersion, base, mine, editedAt: parsed.editedAt, createdBy: caller.actor.userId, createdAt: now };
  // Field by field: a conflict only where the server changed the field meanwhile and the phone wants another value.
  // The fields only the phone changed are applied at once (outside trial of issue 20: they waited with the server's
  // value preselected, and one tap dropped the worker's edit); they are kept as chosen 'mine' on the conflict.
  const clash = handedOver ? keys : sameVersion ? [] : keys.filter((k) => (current[k] ?? null) !== (base[k] ?? null) && (mine[k] ?? null) !== (current[k] ?? null));
  if (clash.length) {
    const free = keys.filter((k) => !clash.includes(k));
    const freeSet = pick({ unit: mine.unit ?? null, room: mine.room ?? null, note: mine.note ?? null }, free);
    const [moved] = free.length
      ? await tx.update(residents).set({ ...freeSet, updatedAt: now }).where(and(eq(residents.tenantId, tenantId), eq(residents.id, row.id))).returning({ updatedAt: residents.updatedAt })
      : [row];
    if (free.some((k) => k === 'unit' || k === 'room')) await endHouseholdsApart(tx, tenantId, row.id, caller.actor.userId);
    const chosen = Object.fromEntries(free.map((k) => [k, 'mine' as const]));
    await tx.insert(careOfflineEdits).values({ ...values, theirs: current, status: 'conflict', chosen });
    await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_offline_conflict', subjectType: 'Resident', subjectId: row.id, detail: { editId: parsed.id, fields: clash, applied: free } });
    return { id: parsed.id, status: 'conflict' as const, repeated: false, version: moved!.updatedAt.toISOString() };
  }
  const [updated] = await tx
    .update(residents)
    .set({ ...mine, updatedAt: now })
    .where(and(eq(residents.tenantId, tenantId), eq(residents.id, row.id)))
    .returning({ updatedAt: residents.updatedAt });
  if (keys.some((k) => k === 'unit' || k === 'room')) await endHouseholdsApart(tx, tenantId, row.id, caller.actor.userId);
  await tx.insert(careOfflineEdits).values({ ...values, theirs: null, status: 'applied' });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_offline_edit', subjectType: 'Resident', subjectId: row.id, detail: { editId: parsed.id, fields: keys } });
  return { id: parsed.id, status: 'applied' as const, repeated: false, version: updated!.updatedAt.toISOString() };
}
