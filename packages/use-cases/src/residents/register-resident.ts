import { type Problem, UseCaseError } from '../errors.ts';
import { residentConsents, residents, residentTagLinks, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { buildingPlace, checkTags, communityOf, parseInput, personProblems, placeProblem, sealPerson, todayInChina } from './person.ts';
import { type RegisterResidentFields, registerResidentSchema } from './schemas.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { duplicateProblems } from './duplicates.ts';
import { refreshCareRoster } from '../care/refresh-care-roster.ts';

export type RegisterResidentInput = RegisterResidentFields & { cipher: PersonalDataCipher; now?: Date };

/**
 * Registers a person of the caller's community (staff on their behalf: many elders have no smartphone).
 *
 * Input: the person (name; optional mobile, ID number (GB 11643, fills birth and gender), gender, birth as YYYY-MM
 * or a date, building of the community with unit and room, tag ids, note), `consent` (the person agreed, asked in
 * person, by phone or on paper: `consentChannel`), `sharedMobile` (register even though someone active already has
 * this mobile: an elder using a child's phone), the cipher. Inside the community's tenant transaction.
 * Output: `{ id }`. Name, mobile and ID number are stored sealed (ciphertext, masked hint, keyed hash); a consent
 * record (purpose 'register', the channel, today) and an audit event are written with it. Someone the care rules
 * name (tags, age) is on the care roster at once, with their tier's window (refreshCareRoster, decision 073).
 * Refuses, every problem of the form at once (UseCaseError.all, the first as the code, each with its `field`): the
 * field refusals of personProblems; resident.building.invalid; resident.consent.required; resident.tags.invalid;
 * resident.duplicate.idNumber (someone of the community has that number); resident.duplicate.mobile (someone
 * active has that mobile, unless `sharedMobile`). Alone: forbidden (a grid worker registering outside their grids,
 * or a role without the register).
 */
export async function registerResident(tx: Tx, caller: StaffCaller, input: RegisterResidentInput) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(registerResidentSchema, input);
  const now = input.now ?? new Date();
  const { person, problems } = personProblems(parsed, todayInChina(now));
  const place = await collect(problems, () => buildingPlace(tx, tenantId, person.buildingId), { buildingId: null, gridWorkerId: null });
  // The grid is known only from a real building; with a wrong one the form is refused below anyway.
  if (!problems.some((p) => p.params.field === 'buildingId')) {
    const outside = placeProblem(caller.ability, tenantId, 'create', place, caller.actor.userId);
    if (outside) problems.push(outside);
  }
  if (!parsed.consent) problems.push({ code: 'resident.consent.required', params: { field: 'consent' } });
  const tagIds = await collect(problems, () => checkTags(tx, tenantId, parsed.tagIds), []);
  const sealed = sealPerson(input.cipher, { ...person, name: person.name || '—' });
  problems.push(...(await duplicateProblems(tx, tenantId, sealed, parsed.sharedMobile, null, caller.ability)));
  const refusal = UseCaseError.of(problems);
  if (refusal) throw refusal;

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
  // Tags and birth decide the care tier: a new elder is on the roster now, not at the next sweep (decision 073).
  await refreshCareRoster(tx, tenantId, now, [row!.id]);
  await tx.insert(residentConsents).values({ tenantId, residentId: row!.id, purpose: 'register', channel: parsed.consentChannel, givenOn: todayInChina(now), recordedBy: caller.actor.userId });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'resident_registered', subjectType: 'Resident', subjectId: row!.id });
  return { id: row!.id };
}

/** Runs a check; its refusal (every problem it names) joins `problems` and `fallback` stands in for its answer. */
async function collect<T>(problems: Problem[], check: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof UseCaseError)) throw error;
    problems.push(...error.all);
    return fallback;
  }
}
