import { and, arrayContains, asc, count, desc, eq, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { buildings, grids, residents, residentTagLinks, residentTags, type Tx } from '@shequ/db';
import { ageOn, bornOnOrBeforeForAge, formatResidentAddress, fragmentSearchPieces, normalizeMobile, parseIdCard } from '@shequ/domain';
import { ForbiddenError } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { communityOf, parseInput, registerScope, todayInChina } from './person.ts';
import { type FindResidentsFields, findResidentsSchema } from './schemas.ts';

export type FindResidentsInput = FindResidentsFields & { cipher: PersonalDataCipher; now?: Date };

/**
 * The register's list: the people the caller may see (the office: everyone; a grid worker: the people of their
 * grids' buildings), masked (王** 138****1234), newest first, a page at a time.
 *
 * Input: `q` — a mobile (exact, through its keyed hash), an ID number (exact, likewise; a number held by a record
 * merged into another finds the record it was merged into, `viaMerged` true), or a name fragment
 * (matched on the keyed hashes of its characters and pairs: a fragment of three or more characters matches names
 * holding all of its pairs); `tagId`, `buildingId`, `gridId`, `minAge` (years, from the birth month or date),
 * `status` ('active' by default, or 'moved_out'); `page` (from 1), `pageSize` (≤ 200); the cipher for the hashes.
 * Nothing is decrypted. Inside the community's tenant transaction.
 * Output: `{ rows: { id, nameHint, mobileHint, gender, birth, age, address, tags[], status, movedOutAt, viaMerged }[], total,
 * page, pageSize, queryKind: 'mobile' | 'idNumber' | 'name' | null }`.
 * Refuses: forbidden (a role without the register); resident.invalid (a filter of the wrong shape).
 */
export async function findResidents(tx: Tx, caller: StaffCaller, input: FindResidentsInput) {
  const tenantId = communityOf(caller);
  const f = parseInput(findResidentsSchema, input);
  const scope = registerScope(caller, tenantId);
  if (scope === null) throw new ForbiddenError('read', 'Resident');
  const today = todayInChina(input.now);

  const where: (SQL | undefined)[] = [eq(residents.tenantId, tenantId), eq(residents.status, f.status), scope];
  let queryKind: 'mobile' | 'idNumber' | 'name' | null = null;
  // A number held only by a record merged into another finds the one it was merged into (issue 16), marked.
  let viaMerged: SQL<boolean> = sql<boolean>`false`;
  const heldOrMerged = (column: typeof residents.mobileIndex | typeof residents.idNumberIndex, value: string) => {
    const merged = sql`${residents.id} in (select m.merged_into_id from residents m where m.tenant_id = ${tenantId} and m.status = 'merged' and m.${sql.identifier(column.name)} = ${value})`;
    viaMerged = sql<boolean>`(${column} is distinct from ${value})`;
    return or(eq(column, value), merged);
  };
  if (f.q) {
    const mobile = normalizeMobile(f.q);
    const id = mobile ? null : parseIdCard(f.q);
    if (mobile) {
      queryKind = 'mobile';
      where.push(heldOrMerged(residents.mobileIndex, input.cipher.blindIndex('mobile', mobile)));
    } else if (id) {
      queryKind = 'idNumber';
      where.push(heldOrMerged(residents.idNumberIndex, input.cipher.blindIndex('id_number', id.number)));
    } else {
      queryKind = 'name';
      const pieces = fragmentSearchPieces(f.q).map((p) => input.cipher.blindIndex('name_piece', p, 8));
      if (pieces.length) where.push(arrayContains(residents.namePieces, pieces));
    }
  }
  if (f.tagId) where.push(sql`exists (select 1 from ${residentTagLinks} l where l.tenant_id = ${residents.tenantId} and l.resident_id = ${residents.id} and l.tag_id = ${f.tagId})`);
  if (f.buildingId) where.push(eq(residents.buildingId, f.buildingId));
  if (f.gridId) where.push(eq(buildings.gridId, f.gridId));
  if (f.minAge !== undefined) where.push(lte(residents.birth, bornOnOrBeforeForAge(f.minAge, today)));

  const buildingJoin = and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId));
  const gridJoin = and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId));
  const [total] = await tx.select({ n: count() }).from(residents).leftJoin(buildings, buildingJoin).leftJoin(grids, gridJoin).where(and(...where));
  const rows = await tx
    .select({
      id: residents.id,
      nameHint: residents.nameHint,
      mobileHint: residents.mobileHint,
      gender: residents.gender,
      birth: residents.birth,
      building: buildings.name,
      unit: residents.unit,
      room: residents.room,
      status: residents.status,
      movedOutAt: residents.movedOutAt,
      viaMerged,
    })
    .from(residents)
    .leftJoin(buildings, buildingJoin)
    .leftJoin(grids, gridJoin)
    .where(and(...where))
    .orderBy(desc(residents.createdAt), asc(residents.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const tagRows = rows.length
    ? await tx
        .select({ residentId: residentTagLinks.residentId, name: residentTags.name })
        .from(residentTagLinks)
        .innerJoin(residentTags, and(eq(residentTags.tenantId, residentTagLinks.tenantId), eq(residentTags.id, residentTagLinks.tagId)))
        .where(and(eq(residentTagLinks.tenantId, tenantId), inArray(residentTagLinks.residentId, rows.map((r) => r.id))))
        .orderBy(asc(residentTags.sortOrder), asc(residentTags.name))
    : [];
  return {
    rows: rows.map(({ building, unit, room, ...r }) => ({
      ...r,
      age: r.birth ? ageOn(r.birth, today) : null,
      address: formatResidentAddress(building, unit, room),
      tags: tagRows.filter((t) => t.residentId === r.id).map((t) => t.name),
    })),
    total: total?.n ?? 0,
    page: f.page,
    pageSize: f.pageSize,
    queryKind,
  };
}
