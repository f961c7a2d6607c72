import { and, asc, eq } from 'drizzle-orm';
import { careOfflineEdits, type OfflineEditFields, residents, type Tx, users } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { careCommunityOf } from './care-core.ts';

/**
 * The conflict list (issue 20; ODK Central shows offline conflicts on a page): the offline edits that found the
 * person changed on the server, oldest first, each field with the value it started from, the phone's and the
 * server's **as it is now** — the value that "keep the server's" keeps (decision 078: the value of when the edit
 * arrived was shown after the record changed again, 521 for 530) —, who edited and when. Office and 社工 (manage CareRoster).
 *
 * Input: none. Output: `{ conflicts: [{ id, residentId, nameHint, editedBy, editedAt, fields: [{ field, base,
 * mine, theirs }] }] }`. Refuses: forbidden.
 */
export async function listCareConflicts(tx: Tx, caller: StaffCaller) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const rows = await tx
    .select({ edit: careOfflineEdits, nameHint: residents.nameHint, editedBy: users.displayName, unit: residents.unit, room: residents.room, note: residents.note })
    .from(careOfflineEdits)
    .innerJoin(residents, and(eq(residents.tenantId, careOfflineEdits.tenantId), eq(residents.id, careOfflineEdits.residentId)))
    .leftJoin(users, eq(users.id, careOfflineEdits.createdBy))
    .where(and(eq(careOfflineEdits.tenantId, tenantId), eq(careOfflineEdits.status, 'conflict')))
    .orderBy(asc(careOfflineEdits.createdAt));
  return {
    conflicts: rows.map(({ edit, nameHint, editedBy, ...now }) => ({
      id: edit.id,
      residentId: edit.residentId,
      nameHint,
      editedBy,
      editedAt: edit.editedAt,
      // Only the real conflicts: the fields applied when the edit arrived (chosen 'mine' already) are listed apart.
      fields: (Object.keys(edit.mine) as (keyof OfflineEditFields)[]).filter((f) => !edit.chosen?.[f]).map((field) => ({ field, base: edit.base[field] ?? null, mine: edit.mine[field] ?? null, theirs: now[field] ?? null })),
      applied: (Object.keys(edit.mine) as (keyof OfflineEditFields)[]).filter((f) => edit.chosen?.[f] === 'mine').map((field) => ({ field, mine: edit.mine[field] ?? null })),
    })),
  };
}
