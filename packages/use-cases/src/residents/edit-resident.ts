import { UseCaseError } from '../errors.ts';
import { and, eq } from 'drizzle-orm';
import { residents, residentTagLinks, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { buildingPlace, checkPerson, checkTags, communityOf, loadResident, parseInput, placeProblem, sealPerson, todayInChina } from './person.ts';
import { refuseDuplicates } from './duplicates.ts';
import { endHouseholdsApart } from './households.ts';
import { refreshCareRoster } from '../care/refresh-care-roster.ts';
import { type EditResidentFields, editResidentSchema } from './schemas.ts';

export type EditResidentInput = EditResidentFields & { cipher: PersonalDataCipher; now?: Date };

/**
 * Changes a person's record: every field of the new-person form, and their tags (the list given replaces theirs).
 *
 * Input: `residentId`, the person's fields as for registerResident (name, mobile and ID number left empty keep the
 * stored ones: sealed values cannot be shown in the form), `sharedMobile`, the cipher. Inside the
 * community's tenant transaction. Output: `{ id, householdEnded }` (household links ended by a move:
 * endHouseholdsApart); an audit event names the fields that changed (not their values).
 * Refuses: resident.notFound (unknown, or not the caller's to see); resident.notActive (moved out or merged);
 * the field refusals of checkPerson; resident.building.invalid; resident.building.gridRequired / outOfGrid (a grid
 * worker moving someone out of their grids, beside 楼栋); resident.tags.invalid; resident.duplicate.*; forbidden (a
 * role that may not edit).
 */
export async function editResident(tx: Tx, caller: StaffCaller, input: EditResidentInput) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(editResidentSchema, input);
  const now = input.now ?? new Date();
  const { row } = await loadResident(tx, caller.ability, tenantId, parsed.residentId, 'update', true);
  if (row.status !== 'active') throw new UseCaseError('resident.notActive');
  // Name, mobile and ID number are sealed: the form cannot show them, so an empty one keeps what is stored.
  const newName = Boolean(parsed.name?.trim());
  const person = checkPerson({ ...parsed, name: newName ? parsed.name! : '—' }, todayInChina(now));
  const place = await buildingPlace(tx, tenantId, person.buildingId);
  const outside = placeProblem(caller.ability, tenantId, 'update', place, caller.actor.userId);
  if (outside) throw new UseCaseError(outside.code, outside.params);
  const tagIds = await checkTags(tx, tenantId, parsed.tagIds);
  const fresh = sealPerson(input.cipher, person);
  const sealed = {
    ...(newName ? { nameEnc: fresh.nameEnc, nameHint: fresh.nameHint, namePieces: fresh.namePieces } : { nameEnc: row.nameEnc, nameHint: row.nameHint, namePieces: row.namePieces }),
    ...(person.mobile ? { mobileEnc: fresh.mobileEnc, mobileHint: fresh.mobileHint, mobileIndex: fresh.mobileIndex } : { mobileEnc: row.mobileEnc, mobileHint: row.mobileHint, mobileIndex: row.mobileIndex }),
    ...(person.idNumber
      ? { idNumberEnc: fresh.idNumberEnc, idNumberHint: fresh.idNumberHint, idNumberIndex: fresh.idNumberIndex }
      : { idNumberEnc: row.idNumberEnc, idNumberHint: row.idNumberHint, idNumberIndex: row.idNumberIndex }),
  };
  await refuseDuplicates(tx, tenantId, sealed, parsed.sharedMobile, row.id, caller.ability);

  const changed = [
    sealed.namePieces.join() !== row.namePieces.join() ? 'name' : null,
    sealed.mobileIndex !== row.mobileIndex ? 'mobile' : null,
    sealed.idNumberIndex !== row.idNumberIndex ? 'idNumber' : null,
    person.gender !== row.gender ? 'gender' : null,
    person.birth !== row.birth ? 'birth' : null,
    place.buildingId !== row.buildingId || person.unit !== row.unit || person.room !== row.room ? 'address' : null,
    person.note !== row.note ? 'note' : null,
  ].filter((f): f is string => f !== null);

  await tx
    .update(residents)
    .set({ ...sealed, gender: person.gender, birth: person.birth, buildingId: place.buildingId, unit: person.unit, room: person.room, note: person.note, updatedAt: now })
    .where(and(eq(residents.tenantId, tenantId), eq(residents.id, row.id)));
  await tx.delete(residentTagLinks).where(and(eq(residentTagLinks.tenantId, tenantId), eq(residentTagLinks.residentId, row.id)));
  if (tagIds.length) await tx.insert(residentTagLinks).values(tagIds.map((tagId) => ({ tenantId, residentId: row.id, tagId })));
  // A move ends 同住 with those left at the old address (meal help and the station book for household).
  const householdEnded = changed.includes('address') ? await endHouseholdsApart(tx, tenantId, row.id, caller.actor.userId) : 0;
  // Tags, birth and building decide the care tier and the grid worker: the roster follows now, not at the next sweep.
  await refreshCareRoster(tx, tenantId, now, [row.id], caller.actor.userId);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'resident_edited', subjectType: 'Resident', subjectId: row.id, detail: { fields: changed } });
  return { id: row.id, householdEnded };
}
