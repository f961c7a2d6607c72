import { and, eq, inArray, ne } from 'drizzle-orm';
import { buildings, grids, residentConsents, residents, residentTagLinks, residentTags, type Tx } from '@shequ/db';
import { isRosterExample, mapRosterHeaders, matchBuilding, MAX_ROSTER_BYTES, MAX_ROSTER_ROWS, parseGender, rosterBirth, type RosterColumn, splitTags } from '@shequ/domain';
import { assertCan } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { readTable } from '../onboarding/bulk/read-file.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { type CheckedPerson, communityOf, parseInput, personProblems, residentSubject, sealPerson, todayInChina } from './person.ts';
import type { ResidentRefusal } from './refusals.ts';
import { importResidentsSchema } from './schemas.ts';
import { refreshCareRoster } from '../care/refresh-care-roster.ts';

export type ImportReason = { code: ResidentRefusal; params: Record<string, string | number> };
export type ImportRow = { line: number; nameHint: string; status: 'ok' | 'error' | 'duplicate'; reasons: ImportReason[] };

export type ImportResidentsInput = { bytes: Uint8Array; fileName: string; commit?: boolean | string; consent?: boolean | string; cipher: PersonalDataCipher; now?: Date };

/**
 * Imports a community's roster (.xlsx, or CSV / tab-separated text as Excel saves it): a dry run first, then the
 * same file committed.
 *
 * Input: the file's bytes and name; `commit` (false: check only); `consent` (the office confirms the people on the
 * roster agreed to be registered: required to commit, recorded per person as channel 'paper'); the cipher.
 * Columns by heading (mapRosterHeaders): 姓名 (required), 手机号, 性别 (男 / 女: anything else is
 * resident.gender.invalid), 出生年月 (a five-digit Excel date number is read as its date: rosterBirth), 身份证号, 楼栋, 单元, 房号, 标签
 * (residentImportTemplate writes them, with an example row whose 姓名 begins with （示例）: such a row is skipped).
 * Each row is checked as registerResident checks a person, and every problem of a row is reported at once, each
 * with its field (a wrong mobile, ID number and birth date are three reasons of one row, not one per try); a
 * building must be one of the community's (3, 3号楼 and 3栋 all match 3栋), tags ones on its list. A row is a
 * duplicate when its mobile or ID number is on an earlier row or already in the register (an active person's
 * mobile, anyone's ID number) — both named when both are, and a row in error is checked for duplicates too. A
 * mobile already in the register is resident.import.duplicateMobile (its message says what to do when it is shared:
 * an import has no 与他人共用 box).
 * Output: `{ rows: ImportRow[] (line = the row in the sheet, the header being 1; reasons as refusal codes with
 * params, e.g. { field: 'mobile' }, or { field: 'mobile', line: 3 } for an earlier row); status 'error' when a
 * reason is not a duplicate, 'duplicate' when all are, counts: { ok, error, duplicate },
 * imported }` — `imported` is the number of people written (0 on a dry run); rows in error or duplicate are never
 * written. Inside the community's tenant transaction; one audit event for a commit. The people written whom the care
 * rules name are on the care roster at once (refreshCareRoster for them, decision 073).
 * Refuses: forbidden (only the office imports: not grid workers); resident.import.consent (commit without the
 * office's word); resident.import.empty / unreadable / oldExcel / tooLarge / tooManyRows / missingColumns.
 */
export async function importResidents(tx: Tx, caller: StaffCaller, input: ImportResidentsInput) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'create', residentSubject(tenantId, null));
  const flags = parseInput(importResidentsSchema, { commit: input.commit, consent: input.consent });
  if (flags.commit && !flags.consent) throw new UseCaseError('resident.import.consent', { field: 'consent' });
  const now = input.now ?? new Date();
  const today = todayInChina(now);
  const table = await readRoster(input.bytes, input.fileName);

  const buildingRows = await tx
    .select({ id: buildings.id, name: buildings.name })
    .from(buildings)
    .innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
    .where(eq(buildings.tenantId, tenantId));
  const buildingNames = buildingRows.map((b) => b.name);
  const tagRows = await tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags).where(and(eq(residentTags.tenantId, tenantId), eq(residentTags.active, true)));

  type Ready = { line: number; person: CheckedPerson; sealed: ReturnType<typeof sealPerson>; tagIds: string[] };
  const rows: ImportRow[] = [];
  const ready: Ready[] = [];
  const checkedRows: Ready[] = [];
  const seenMobile = new Map<string, number>();
  const seenId = new Map<string, number>();
  for (const { line, cells } of table) {
    const reasons: ImportReason[] = [];
    const refuse = (code: ResidentRefusal, params: Record<string, string | number> = {}) => reasons.push({ code, params });
    const gender = parseGender(cells.gender ?? '');
    if (gender === 'unknown') refuse('resident.gender.invalid', { field: 'gender' });
    let buildingId: string | null = null;
    if (cells.building) {
      const name = matchBuilding(cells.building, buildingNames);
      if (name) buildingId = buildingRows.find((b) => b.name === name)!.id;
      else refuse('resident.building.invalid', { field: 'buildingId', building: cells.building });
    }
    const tagNames = splitTags(cells.tags ?? '');
    const unknownTags = tagNames.filter((n) => !tagRows.some((t) => t.name === n));
    if (unknownTags.length) refuse('resident.tags.invalid', { field: 'tagIds', tags: unknownTags.join('、') });
    // Every problem of the row at once (personProblems checks each field on its own), then its duplicates.
    const checked = personProblems({ name: cells.name ?? '', mobile: cells.mobile, idNumber: cells.idNumber, gender: gender === 'unknown' ? null : gender, birth: rosterBirth(cells.birth), buildingId, unit: cells.unit, room: cells.room }, today);
    for (const p of checked.problems) refuse(p.code as ResidentRefusal, p.params);
    const person = checked.person;
    const sealed = sealPerson(input.cipher, { ...person, name: person.name || '—' });
    const nameHint = person.name ? sealed.nameHint : '';
    const earlierId = sealed.idNumberIndex ? seenId.get(sealed.idNumberIndex) : undefined;
    const earlierMobile = sealed.mobileIndex ? seenMobile.get(sealed.mobileIndex) : undefined;
    const invalid = reasons.length > 0;
    if (earlierId) refuse('resident.duplicate.idNumber', { field: 'idNumber', line: earlierId });
    if (earlierMobile) refuse('resident.duplicate.mobile', { field: 'mobile', line: earlierMobile });
    if (sealed.mobileIndex && !seenMobile.has(sealed.mobileIndex)) seenMobile.set(sealed.mobileIndex, line);
    if (sealed.idNumberIndex && !seenId.has(sealed.idNumberIndex)) seenId.set(sealed.idNumberIndex, line);
    // Rows with a problem are checked against the register too, so the office fixes each row once.
    const entry = { line, person, sealed, tagIds: tagRows.filter((t) => tagNames.includes(t.name)).map((t) => t.id) };
    checkedRows.push(entry);
    if (reasons.length) {
      rows.push({ line, nameHint, status: invalid ? 'error' : 'duplicate', reasons });
      continue;
    }
    ready.push(entry);
    rows.push({ line, nameHint, status: 'ok', reasons: [] });
  }

  // Already in the register: by ID number (anyone not merged) or mobile (anyone active); both named when both are.
  const ids = checkedRows.map((r) => r.sealed.idNumberIndex).filter((v): v is string => Boolean(v));
  const mobiles = checkedRows.map((r) => r.sealed.mobileIndex).filter((v): v is string => Boolean(v));
  const takenIds = new Set(
    ids.length ? (await tx.select({ v: residents.idNumberIndex }).from(residents).where(and(eq(residents.tenantId, tenantId), inArray(residents.idNumberIndex, ids), ne(residents.status, 'merged')))).map((r) => r.v) : [],
  );
  const takenMobiles = new Set(
    mobiles.length ? (await tx.select({ v: residents.mobileIndex }).from(residents).where(and(eq(residents.tenantId, tenantId), inArray(residents.mobileIndex, mobiles), eq(residents.status, 'active')))).map((r) => r.v) : [],
  );
  const rowAt = new Map(rows.map((r) => [r.line, r]));
  for (const r of checkedRows) {
    const row = rowAt.get(r.line)!;
    const taken: ImportReason[] = [];
    if (r.sealed.idNumberIndex && takenIds.has(r.sealed.idNumberIndex)) taken.push({ code: 'resident.duplicate.idNumber', params: { field: 'idNumber', inRegister: 1 } });
    if (r.sealed.mobileIndex && takenMobiles.has(r.sealed.mobileIndex)) taken.push({ code: 'resident.import.duplicateMobile', params: { field: 'mobile', inRegister: 1 } });
    if (!taken.length) continue;
    row.reasons.push(...taken);
    if (row.status === 'ok') row.status = 'duplicate';
  }
  const toWrite = ready.filter((r) => rowAt.get(r.line)!.status === 'ok');

  let imported = 0;
  const writtenIds: string[] = [];
  if (flags.commit && toWrite.length) {
    for (let i = 0; i < toWrite.length; i += 500) {
      const batch = toWrite.slice(i, i + 500);
      const written = await tx
        .insert(residents)
        .values(
          batch.map((r) => ({
            tenantId,
            ...r.sealed,
            gender: r.person.gender,
            birth: r.person.birth,
            buildingId: r.person.buildingId,
            unit: r.person.unit,
            room: r.person.room,
            createdBy: caller.actor.userId,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning({ id: residents.id });
      const links = batch.flatMap((r, k) => r.tagIds.map((tagId) => ({ tenantId, residentId: written[k]!.id, tagId })));
      if (links.length) await tx.insert(residentTagLinks).values(links);
      await tx.insert(residentConsents).values(written.map((w) => ({ tenantId, residentId: w.id, purpose: 'register' as const, channel: 'paper' as const, givenOn: today, recordedBy: caller.actor.userId })));
      imported += written.length;
      writtenIds.push(...written.map((w) => w.id));
    }
  }
  // The roster follows the register at once for the people written (an import is one statement per 500 people).
  if (writtenIds.length) await refreshCareRoster(tx, tenantId, now, writtenIds);
  const counts = { ok: rows.filter((r) => r.status === 'ok').length, error: rows.filter((r) => r.status === 'error').length, duplicate: rows.filter((r) => r.status === 'duplicate').length };
  if (flags.commit) {
    await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'residents_imported', subjectType: 'Resident', detail: { fileName: input.fileName.slice(0, 100), ...counts, imported } });
  }
  return { rows, counts, imported };
}

/** The roster's rows by column, each with its line in the sheet; file-level problems refused. */
async function readRoster(bytes: Uint8Array, fileName: string): Promise<{ line: number; cells: Partial<Record<RosterColumn, string>> }[]> {
  if (!bytes.length) throw new UseCaseError('resident.import.empty');
  if (bytes.length > MAX_ROSTER_BYTES) throw new UseCaseError('resident.import.tooLarge', { maxMb: MAX_ROSTER_BYTES / 1024 / 1024 });
  let table: string[][];
  try {
    table = await readTable(bytes, fileName);
  } catch (error) {
    if (error instanceof UseCaseError && error.code === 'bulkImport.oldExcel') throw new UseCaseError('resident.import.oldExcel');
    if (error instanceof UseCaseError) throw new UseCaseError(error.code === 'bulkImport.empty' ? 'resident.import.empty' : 'resident.import.unreadable');
    throw error;
  }
  const headerAt = table.findIndex((r) => r.some((c) => c));
  if (headerAt < 0) throw new UseCaseError('resident.import.empty');
  const columns = mapRosterHeaders(table[headerAt]!);
  if (!columns.includes('name')) throw new UseCaseError('resident.import.missingColumns', { columns: '姓名' });
  const out: { line: number; cells: Partial<Record<RosterColumn, string>> }[] = [];
  for (let i = headerAt + 1; i < table.length; i++) {
    const cells = table[i] ?? [];
    if (!cells.some((c) => c)) continue;
    const record: Partial<Record<RosterColumn, string>> = {};
    columns.forEach((key, c) => {
      if (key) record[key] = cells[c] ?? '';
    });
    // The template's example row (姓名 beginning with （示例）) is not a person: left in or deleted, it is skipped.
    if (isRosterExample(record.name)) continue;
    out.push({ line: i + 1, cells: record });
  }
  if (!out.length) throw new UseCaseError('resident.import.empty');
  if (out.length > MAX_ROSTER_ROWS) throw new UseCaseError('resident.import.tooManyRows', { max: MAX_ROSTER_ROWS });
  return out;
}
