import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { careOfflineEdits, cases, type Db, type OfflineEditFields, residents, type Tx, users, withScope } from '@shequ/db';
import { addressPartProblem, chinaDateTime, cleanText, UNIT_ROOM_MAX } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { submitCase, type CaseDeps } from '../cases/submit-case.ts';
import { listCommunityChoices } from '../community/list-community-choices.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import { actorScope } from '../security/actor-scope.ts';
import { careCommunityOf } from './care-core.ts';
import { listCareRoster } from './list-care-roster.ts';
import { type CareNeedFields, careNeedSchema, type OfflineEditInput, offlineEditSchema, OFFLINE_EDIT_FIELDS, OFFLINE_NOTE_MAX, type ResolveCareConflictFields, resolveCareConflictSchema } from './schemas.ts';

// The grid worker's phone app (issue 20, decision 039): what it keeps for offline use, and what it sends back later.

/**
 * What the phone app keeps for working without a network: the caller's roster (listCareRoster's scope: a grid
 * worker the people of their grids), each person with the details the app may edit offline and the version they
 * are at (the person's `updated_at`), the window that matters now and its state, and the community's active wish
 * categories for a need found. Dates as ISO strings (it is stored as JSON in IndexedDB).
 *
 * Input: `{ now? }`. Output: `{ generatedAt, dueSoonDays, categories, people: [{ residentId, nameHint, address,
 * gridName, tier, state, reason, closesAt, lastVisitAt, version, details: { unit, room, note } }] }`.
 * Refuses: forbidden (read CareRoster).
 */
export async function careOfflinePack(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = careCommunityOf(caller);
  const now = input.now ?? new Date();
  const roster = await listCareRoster(tx, caller, { now });
  const ids = roster.rows.map((r) => r.residentId);
  const details = ids.length
    ? await tx
        .select({ id: residents.id, unit: residents.unit, room: residents.room, note: residents.note, updatedAt: residents.updatedAt })
        .from(residents)
        .where(and(eq(residents.tenantId, tenantId), inArray(residents.id, ids)))
    : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const choices = await listCommunityChoices(tx, caller, { communityId: tenantId });
  return {
    generatedAt: now.toISOString(),
    dueSoonDays: roster.dueSoonDays,
    categories: choices.categories.filter((c) => c.active).map(({ id, name }) => ({ id, name })),
    people: roster.rows.map((r) => {
      const d = byId.get(r.residentId);
      return {
        residentId: r.residentId,
        nameHint: r.nameHint,
        address: r.address,
        gridName: r.gridName,
        tier: r.tier,
        state: r.window?.state ?? null,
        reason: r.window?.reason ?? null,
        closesAt: r.window?.closesAt.toISOString() ?? null,
        lastVisitAt: r.lastVisitAt?.toISOString() ?? null,
        version: d?.updatedAt.toISOString() ?? '',
        details: { unit: d?.unit ?? null, room: d?.room ?? null, note: d?.note ?? null },
      };
    }),
  };
}

/** The wish key of a need recorded on its own in the phone app: the same need sent twice files one case. */
export const careNeedSubmissionKey = (needId: string) => createHash('sha256').update(`care-need:${needId}`).digest('base64url').slice(0, 32);

/**
 * A need found and recorded on its own (the phone app's "need" without a visit, online or sent later from its queue):
 * a wish/case filed in one step through submitCase (channel `staff`, routed by the person's building as every wish
 * is), keyed by the id the phone generated: the id alone decides, so sent again — with the same words or edited ones,
 * one at a time or at once — it is the one case first filed (`repeated`, nothing new, no second notice), as visits
 * are; the case is linked to the person.
 *
 * Input: `{ id, residentId, categoryId, content }`, `now`. Output: `{ caseId, repeated }`.
 * Refuses: resident.notFound (not a person the caller sees); forbidden (create CareVisit: a grid worker only for
 * the people of their grids); care.need.required; care.visit.taken (the id was used for another person's need);
 * intake.* (the case's own refusals).
 */
export async function fileCareNeed(db: Db, caller: StaffCaller, input: CareNeedFields & { now?: Date }, deps: CaseDeps) {
  const tenantId = careCommunityOf(caller);
  const parsed = parseInput(careNeedSchema, input);
  const now = input.now ?? new Date();
  const scope = actorScope(caller.actor);
  const key = careNeedSubmissionKey(parsed.id);
  // The id alone decides (exactly once): a need sent again, with the same words or others, is the case already filed.
  const [earlier] = await withScope(db, scope, (tx) => tx.select({ id: cases.id, residentId: cases.residentId, createdBy: cases.createdBy }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.submissionKey, key))));
  // As for visits: one's own need sent again is answered as filed; anyone else's only once the person is one's own.
  const mayAsk = async () =>
    withScope(db, scope, async (tx) => {
      const { row, gridWorkerId } = await loadResident(tx, caller.ability, tenantId, parsed.residentId);
      assertCan(caller.ability, 'create', subject('CareVisit', { tenantId, gridWorkerId }));
      return row.buildingId;
    });
  if (earlier) {
    if (earlier.createdBy !== caller.actor.userId) await mayAsk();
    if (earlier.residentId && earlier.residentId !== parsed.residentId) throw new UseCaseError('care.visit.taken');
    return { caseId: earlier.id, repeated: true };
  }
  const buildingId = await mayAsk();
  const filed = await submitCase(
    db,
    deps,
    { tenantId, categoryId: parsed.categoryId, content: parsed.content, buildingId, consent: true, photos: [], channel: 'staff', createdBy: caller.actor.userId, submissionKey: key, keyDecides: true },
    now,
  );
  const [linked] = await withScope(db, scope, (tx) =>
    tx.update(cases).set({ residentId: parsed.residentId }).where(and(eq(cases.tenantId, tenantId), eq(cases.id, filed.id), isNull(cases.residentId))).returning({ id: cases.id }),
  );
  // Two sends of one id at once, for two people: the one that lost the race is told the id is taken.
  if (filed.repeated && !linked) {
    const [held] = await withScope(db, scope, (tx) => tx.select({ residentId: cases.residentId }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, filed.id))));
    if (held?.residentId && held.residentId !== parsed.residentId) throw new UseCaseError('care.visit.taken');
  }
  return { caseId: filed.id, repeated: filed.repeated };
}

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
 * care.note.tooLong; care.visit.taken (the id was another person's).
 */
export async function applyOfflineEdit(tx: Tx, caller: StaffCaller, input: OfflineEditInput & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  const parsed = parseInput(offlineEditSchema, input);
  const now = input.now ?? new Date();
  // One edit id at a time (two sends of the same record at once): the second waits and then finds the first's outcome.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:care_offline_edit:${parsed.id}`}, 0))`);
  const [earlier] = await tx.select().from(careOfflineEdits).where(and(eq(careOfflineEdits.tenantId, tenantId), eq(careOfflineEdits.id, parsed.id)));
  // As for visits: one's own edit sent again is answered as first decided; anyone else's only once the person is theirs.
  const { row } = earlier && earlier.createdBy === caller.actor.userId ? { row: null } : await loadResident(tx, caller.ability, tenantId, parsed.residentId, 'update', true);
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
  const clash = sameVersion ? [] : keys.filter((k) => (current[k] ?? null) !== (base[k] ?? null) && (mine[k] ?? null) !== (current[k] ?? null));
  if (clash.length) {
    const free = keys.filter((k) => !clash.includes(k));
    const freeSet = pick({ unit: mine.unit ?? null, room: mine.room ?? null, note: mine.note ?? null }, free);
    const [moved] = free.length
      ? await tx.update(residents).set({ ...freeSet, updatedAt: now }).where(and(eq(residents.tenantId, tenantId), eq(residents.id, row.id))).returning({ updatedAt: residents.updatedAt })
      : [row];
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
  await tx.insert(careOfflineEdits).values({ ...values, theirs: null, status: 'applied' });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_offline_edit', subjectType: 'Resident', subjectId: row.id, detail: { editId: parsed.id, fields: keys } });
  return { id: parsed.id, status: 'applied' as const, repeated: false, version: updated!.updatedAt.toISOString() };
}

/**
 * The conflict list (issue 20; ODK Central shows offline conflicts on a page): the offline edits that found the
 * person changed on the server, oldest first, each field with the value it started from, the phone's and the
 * server's (as they were when the edit arrived), who edited and when. Office and 社工 (manage CareRoster).
 *
 * Input: none. Output: `{ conflicts: [{ id, residentId, nameHint, editedBy, editedAt, fields: [{ field, base,
 * mine, theirs }] }] }`. Refuses: forbidden.
 */
export async function listCareConflicts(tx: Tx, caller: StaffCaller) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const rows = await tx
    .select({ edit: careOfflineEdits, nameHint: residents.nameHint, editedBy: users.displayName })
    .from(careOfflineEdits)
    .innerJoin(residents, and(eq(residents.tenantId, careOfflineEdits.tenantId), eq(residents.id, careOfflineEdits.residentId)))
    .leftJoin(users, eq(users.id, careOfflineEdits.createdBy))
    .where(and(eq(careOfflineEdits.tenantId, tenantId), eq(careOfflineEdits.status, 'conflict')))
    .orderBy(asc(careOfflineEdits.createdAt));
  return {
    conflicts: rows.map(({ edit, nameHint, editedBy }) => ({
      id: edit.id,
      residentId: edit.residentId,
      nameHint,
      editedBy,
      editedAt: edit.editedAt,
      // Only the real conflicts: the fields applied when the edit arrived (chosen 'mine' already) are listed apart.
      fields: (Object.keys(edit.mine) as (keyof OfflineEditFields)[]).filter((f) => !edit.chosen?.[f]).map((field) => ({ field, base: edit.base[field] ?? null, mine: edit.mine[field] ?? null, theirs: edit.theirs?.[field] ?? null })),
      applied: (Object.keys(edit.mine) as (keyof OfflineEditFields)[]).filter((f) => edit.chosen?.[f] === 'mine').map((field) => ({ field, mine: edit.mine[field] ?? null })),
    })),
  };
}

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
  await tx.update(careOfflineEdits).set({ status: 'resolved', chosen, resolvedBy: caller.actor.userId, resolvedAt: now }).where(and(eq(careOfflineEdits.tenantId, tenantId), eq(careOfflineEdits.id, edit.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_conflict_resolved', subjectType: 'Resident', subjectId: row.id, detail: { editId: edit.id, chosen } });
  return { id: edit.id, applied };
}
