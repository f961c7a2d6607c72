import { type Problem, type RefusalCode, UseCaseError } from '../errors.ts';
import type { z } from '../zod.ts';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { buildings, grids, residents, residentTags, type Tx, isUuid } from '@shequ/db';
import {
  addressPartProblem,
  chinaDate,
  cleanText,
  type Gender,
  maskIdCard,
  maskMobile,
  maskName,
  nameSearchPieces,
  normalizeMobile,
  parseBirth,
  parseIdCard,
  RESIDENT_NAME_MAX,
  UNIT_ROOM_MAX,
} from '@shequ/domain';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';

// The building blocks the register's use cases share (decision 034): checking what staff typed about a person,
// sealing it, and the grid scope. Not use cases themselves (the package root does not export them).

/** What staff type about a person (already shaped by a use case's schema). */
export type PersonFields = {
  name: string;
  mobile?: string | null;
  idNumber?: string | null;
  gender?: Gender | null;
  birth?: string | null;
  buildingId?: string | null;
  unit?: string | null;
  room?: string | null;
  note?: string | null;
};

export type CheckedPerson = {
  name: string;
  mobile: string | null;
  idNumber: string | null;
  gender: Gender | null;
  birth: string | null;
  buildingId: string | null;
  unit: string | null;
  room: string | null;
  note: string | null;
};

/**
 * Checks a person's fields and reports every problem at once, each beside its field (a wrong mobile, ID number and
 * birth date are three refusals of one pass, not one after another): name required (≤ RESIDENT_NAME_MAX
 * characters); a mainland mobile; an ID number valid under GB 11643, whose birth date and gender fill the fields left
 * empty and must agree with those given; a birth month or date not in the future; unit and room ≤ UNIT_ROOM_MAX; a
 * building id shaped as one. Output: the person as far as it could be read (a field in error is null) and the
 * problems (refusal codes of RESIDENT_REFUSALS with `{ field }`), empty when the person is fine.
 */
export function personProblems(input: PersonFields, today: string): { person: CheckedPerson; problems: Problem[] } {
  const problems: Problem[] = [];
  const refuse = (code: RefusalCode, params: Record<string, string | number>) => problems.push({ code, params });
  const name = cleanText(input.name ?? '');
  if (!name) refuse('resident.name.required', { field: 'name' });
  else if (Array.from(name).length > RESIDENT_NAME_MAX) refuse('resident.name.tooLong', { field: 'name', max: RESIDENT_NAME_MAX });
  const rawMobile = (input.mobile ?? '').trim();
  const mobile = rawMobile ? normalizeMobile(rawMobile) : null;
  if (rawMobile && !mobile) refuse('resident.mobile.invalid', { field: 'mobile' });
  const rawId = (input.idNumber ?? '').trim();
  const id = rawId ? parseIdCard(rawId, today) : null;
  if (rawId && !id) refuse('resident.idNumber.invalid', { field: 'idNumber' });
  const rawBirth = (input.birth ?? '').trim();
  let birth = rawBirth ? parseBirth(rawBirth, today) : null;
  if (rawBirth && !birth) refuse('resident.birth.invalid', { field: 'birth' });
  let gender = input.gender ?? null;
  if (id) {
    if (birth && !id.birth.startsWith(birth)) refuse('resident.birth.mismatch', { field: 'birth' });
    if (gender && gender !== id.gender) refuse('resident.gender.mismatch', { field: 'gender' });
    birth = id.birth;
    gender = id.gender;
  }
  const unit = cleanText(input.unit ?? '') || null;
  const room = cleanText(input.room ?? '') || null;
  for (const [field, value] of [['unit', unit], ['room', room]] as const) {
    const problem = value ? addressPartProblem(value) : null;
    if (problem) refuse(`resident.address.${problem}`, { field, max: UNIT_ROOM_MAX });
  }
  let buildingId = input.buildingId || null;
  if (buildingId && !isUuid(buildingId)) {
    refuse('resident.building.invalid', { field: 'buildingId' });
    buildingId = null;
  }
  const person = { name, mobile, idNumber: id?.number ?? null, gender, birth, buildingId, unit, room, note: cleanText(input.note ?? '') || null };
  return { person, problems };
}

/** personProblems, refused as one UseCaseError naming every problem (the first as its code) when there is any. */
export function checkPerson(input: PersonFields, today: string): CheckedPerson {
  const { person, problems } = personProblems(input, today);
  const refusal = UseCaseError.of(problems);
  if (refusal) throw refusal;
  return person;
}

/** The sealed columns of a person: ciphertexts, masked hints, keyed hashes (blind indexes). */
export function sealPerson(cipher: PersonalDataCipher, p: Pick<CheckedPerson, 'name' | 'mobile' | 'idNumber'>) {
  return {
    nameEnc: cipher.encrypt(p.name),
    nameHint: maskName(p.name),
    namePieces: nameSearchPieces(p.name).map((piece) => cipher.blindIndex('name_piece', piece, 8)),
    mobileEnc: p.mobile ? cipher.encrypt(p.mobile) : null,
    mobileHint: p.mobile ? maskMobile(p.mobile) : null,
    mobileIndex: p.mobile ? cipher.blindIndex('mobile', p.mobile) : null,
    idNumberEnc: p.idNumber ? cipher.encrypt(p.idNumber) : null,
    idNumberHint: p.idNumber ? maskIdCard(p.idNumber) : null,
    idNumberIndex: p.idNumber ? cipher.blindIndex('id_number', p.idNumber) : null,
  };
}

/** The community a staff caller acts in (their workspace's tenant). */
export function communityOf(caller: StaffCaller): string {
  const tenantId = caller.actor.workspace.tenantId;
  if (!tenantId) throw new UseCaseError('resident.notFound');
  return tenantId;
}

/** The CASL subject of a person: their community and the grid worker of their building's grid. */
export function residentSubject(tenantId: string, gridWorkerId: string | null) {
  return subject('Resident', { tenantId, gridWorkerId });
}

/**
 * The rows a caller may read: the whole register (office roles) or the people of the caller's grids (grid workers,
 * by their building's grid). Null: none. The condition applies to a query joining buildings and grids.
 */
export function registerScope(caller: StaffCaller, tenantId: string): SQL | undefined | null {
  if (caller.ability.can('read', residentSubject(tenantId, null))) return undefined;
  if (caller.ability.can('read', residentSubject(tenantId, caller.actor.userId))) return eq(grids.gridWorkerId, caller.actor.userId);
  return null;
}

/** The building (and its grid's worker) a person is placed in; refused when it is not one of the community's. */
export async function buildingPlace(tx: Tx, tenantId: string, buildingId: string | null) {
  if (!buildingId) return { buildingId: null, gridWorkerId: null };
  const [found] = await tx
    .select({ id: buildings.id, gridWorkerId: grids.gridWorkerId })
    .from(buildings)
    .innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
    .where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, buildingId)));
  if (!found) throw new UseCaseError('resident.building.invalid', { field: 'buildingId' });
  return { buildingId: found.id, gridWorkerId: found.gridWorkerId };
}

/**
 * Whether the caller may place a person in `place` (create or update): null when they may. A grid worker who may
 * act only in their own grids is told beside 楼栋, not with a forbidden page that loses the form (issue 16):
 * resident.building.gridRequired (no building chosen: theirs is required) or resident.building.outOfGrid (a
 * building of another grid). A role that may not act on the register at all is still refused as forbidden.
 */
export function placeProblem(ability: AppAbility, tenantId: string, action: 'create' | 'update', place: { buildingId: string | null; gridWorkerId: string | null }, me: string): Problem | null {
  if (ability.can(action, residentSubject(tenantId, place.gridWorkerId))) return null;
  if (!ability.can(action, residentSubject(tenantId, me))) assertCan(ability, action, residentSubject(tenantId, place.gridWorkerId));
  return { code: place.buildingId ? 'resident.building.outOfGrid' : 'resident.building.gridRequired', params: { field: 'buildingId' } };
}

/**
 * The condition "this active record holds the mobile (its keyed hash), or a record holding it was merged into this
 * one" (issue 16: merging must not lose a number). Order by `holdsOwn(mobileIndex)` desc to prefer the record's own.
 */
export function holdsMobile(tenantId: string, mobileIndex: string): SQL {
  return and(
    eq(residents.status, 'active'),
    or(eq(residents.mobileIndex, mobileIndex), sql`${residents.id} in (select m.merged_into_id from residents m where m.tenant_id = ${tenantId} and m.status = 'merged' and m.mobile_index = ${mobileIndex})`),
  )!;
}

/** Orders the records of holdsMobile: those holding the number themselves first. */
export function holdsOwn(mobileIndex: string): SQL {
  return sql`(${residents.mobileIndex} = ${mobileIndex}) desc nulls last`;
}

/** Checks the tag ids are active tags of the community; returns them without repeats. */
export async function checkTags(tx: Tx, tenantId: string, tagIds: readonly string[] | undefined): Promise<string[]> {
  const ids = [...new Set(tagIds ?? [])];
  if (!ids.length) return [];
  if (!ids.every(isUuid)) throw new UseCaseError('resident.tags.invalid', { field: 'tagIds' });
  const found = await tx.select({ id: residentTags.id }).from(residentTags).where(and(eq(residentTags.tenantId, tenantId), inArray(residentTags.id, ids), eq(residentTags.active, true)));
  if (found.length !== ids.length) throw new UseCaseError('resident.tags.invalid', { field: 'tagIds' });
  return ids;
}

export type ResidentRow = typeof residents.$inferSelect;

/**
 * Loads a person the caller may act on (`action`), with their grid's worker, optionally locked. Someone the
 * caller may not see is reported exactly like someone who does not exist.
 */
export async function loadResident(tx: Tx, ability: AppAbility, tenantId: string, residentId: string, action: 'read' | 'update' | 'delete' = 'read', lock = false) {
  if (!isUuid(residentId)) throw new UseCaseError('resident.notFound');
  const query = tx
    .select({ row: residents, gridWorkerId: grids.gridWorkerId, building: buildings.name })
    .from(residents)
    .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
    .leftJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
    .where(and(eq(residents.tenantId, tenantId), eq(residents.id, residentId)))
    .limit(1);
  const [found] = lock ? await query.for('update', { of: residents }) : await query;
  if (!found) throw new UseCaseError('resident.notFound');
  const subj = residentSubject(tenantId, found.gridWorkerId);
  if (!ability.can('read', subj)) throw new UseCaseError('resident.notFound');
  if (action !== 'read') assertCan(ability, action, subj);
  return { row: found.row, gridWorkerId: found.gridWorkerId, building: found.building };
}

/** Today in China, for birth and age rules. */
export function todayInChina(now = new Date()): string {
  return chinaDate(now);
}

/** Parses a use case's input with its schema; a shape the schema refuses is `resident.invalid` beside its field. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const field = result.error.issues[0]?.path[0];
  throw new UseCaseError('resident.invalid', typeof field === 'string' ? { field } : {});
}
