import { UseCaseError } from '../errors.ts';
import { and, eq, ne } from 'drizzle-orm';
import { residentConsents, residents, residentTagLinks, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { buildingPlace, checkPerson, checkTags, communityOf, parseInput, residentSubject, sealPerson, todayInChina } from './person.ts';
import { type RegisterResidentFields, registerResidentSchema } from './schemas.ts';

export type RegisterResidentInput = RegisterResidentFields & { cipher: PersonalDataCipher; now?: Date };

/**
 * Registers a person of the caller's community (staff on their behalf: many elders have no smartphone).
 *
 * Input: the person (name; optional mobile, ID number (GB 11643, fills birth and gender), gender, birth as YYYY-MM
 * or a date, building of the community with unit and room, tag ids, note), `consent` (the person agreed, asked in
 * person, by phone or on paper: `consentChannel`), `sharedMobile` (register even though someone active already has
 * this mobile: an elder using a child's phone), the cipher. Inside the community's tenant transaction.
 * Output: `{ id }`. Name, mobile and ID number are stored sealed (ciphertext, masked hint, keyed hash); a consent
 * record (purpose 'register', the channel, today) and an audit event are written with it.
 * Refuses: resident.consent.required; the field refusals of checkPerson; resident.building.invalid;
 * resident.tags.invalid; resident.duplicate.idNumber (someone of the community has that number);
 * resident.duplicate.mobile (someone active has that mobile, unless `sharedMobile`); forbidden (a grid worker
 * registering outside their grids, or a role without the register).
 */
export async function registerResident(tx: Tx, caller: StaffCaller, input: RegisterResidentInput) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(registerResidentSchema, input);
  const now = input.now ?? new Date();
  const person = checkPerson(parsed, todayInChina(now));
  const place = await buildingPlace(tx, tenantId, person.buildingId);
  assertCan(caller.ability, 'create', residentSubject(tenantId, place.gridWorkerId));
  if (!parsed.consent) throw new UseCaseError('resident.consent.required', { field: 'consent' });
  const tagIds = await checkTags(tx, tenantId, parsed.tagIds);
  const sealed = sealPerson(input.cipher, person);
  await refuseDuplicates(tx, tenantId, sealed, parsed.sharedMobile, null);

  const [row] = await tx
    .insert(residents)
    .values({
      tenantId,
      ...sealed,
      gender: person.gender,
      birth: person.birth,
      buildingId: place.buildingId,
      unit: person.unit,
      room: person.room,
      note: person.note,
      createdBy: caller.actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: residents.id });
  if (tagIds.length) await tx.insert(residentTagLinks).values(tagIds.map((tagId) => ({ tenantId, residentId: row!.id, tagId })));
  await tx.insert(residentConsents).values({ tenantId, residentId: row!.id, purpose: 'register', channel: parsed.consentChannel, givenOn: todayInChina(now), recordedBy: caller.actor.userId });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'resident_registered', subjectType: 'Resident', subjectId: row!.id });
  return { id: row!.id };
}

/**
 * Refuses a second record of the same person: an ID number held by anyone of the community who is not merged, or
 * a mobile held by someone active (unless the mobile is knowingly shared). `exceptId`: the person being edited.
 */
export async function refuseDuplicates(
  tx: Tx,
  tenantId: string,
  sealed: { mobileIndex: string | null; idNumberIndex: string | null },
  sharedMobile: boolean,
  exceptId: string | null,
) {
  const others = (extra: ReturnType<typeof eq>) => and(eq(residents.tenantId, tenantId), extra, exceptId ? ne(residents.id, exceptId) : undefined);
  if (sealed.idNumberIndex) {
    const [same] = await tx.select({ id: residents.id }).from(residents).where(and(others(eq(residents.idNumberIndex, sealed.idNumberIndex)), ne(residents.status, 'merged'))).limit(1);
    if (same) throw new UseCaseError('resident.duplicate.idNumber', { field: 'idNumber', residentId: same.id });
  }
  if (sealed.mobileIndex && !sharedMobile) {
    const [same] = await tx.select({ id: residents.id }).from(residents).where(and(others(eq(residents.mobileIndex, sealed.mobileIndex)), eq(residents.status, 'active'))).limit(1);
    if (same) throw new UseCaseError('resident.duplicate.mobile', { field: 'mobile', residentId: same.id });
  }
}
