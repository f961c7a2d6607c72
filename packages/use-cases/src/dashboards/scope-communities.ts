import { and, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { compareChinese } from '@shequ/domain';
import { orgUnitMoves, orgUnits, type Tx, uuidArray } from '@shequ/db';

export type Community = { id: string; name: string; streetId: string | null; streetName: string };

/**
 * The communities a street or district had during a period: those under it now, adjusted by moves, so a community
 * that moved streets counts for the street it belonged to when the period ended. A building block of the dashboards
 * (not exported from the package root; communitiesOf is the use case).
 */
export async function scopeCommunities(tx: Tx, scope: { kind: 'district' | 'street'; unitId: string }, at: Date): Promise<Community[]> {
  const street = alias(orgUnits, 'street');
  const candidates = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, streetId: orgUnits.streetId, districtId: orgUnits.districtId, streetName: sql<string>`coalesce(${street.name}, '')` })
    .from(orgUnits)
    .leftJoin(street, eq(street.id, orgUnits.streetId))
    .where(
      and(
        eq(orgUnits.kind, 'community'),
        // Archived communities stay: their cases are kept so that past figures do not change (decision 013).
        // Under it now, or moved away from it at some point.
        or(
          eq(scope.kind === 'district' ? orgUnits.districtId : orgUnits.streetId, scope.unitId),
          inArray(orgUnits.id, tx.select({ id: orgUnitMoves.unitId }).from(orgUnitMoves).where(or(eq(orgUnitMoves.fromStreetId, scope.unitId), eq(orgUnitMoves.fromDistrictId, scope.unitId)))),
        ),
      ),
    );
  // Only the moves made after `at` change where a community stood then.
  const moves = candidates.length
    ? await tx
        .select()
        .from(orgUnitMoves)
        .where(and(gt(orgUnitMoves.movedAt, at), sql`${orgUnitMoves.unitId} = any(${uuidArray(candidates.map((c) => c.id))})`))
        .orderBy(desc(orgUnitMoves.movedAt))
    : [];
  const placeAt = (c: (typeof candidates)[number]) => {
    // Undo the moves made after `at`, latest first.
    let streetId = c.streetId;
    let districtId = c.districtId;
    for (const m of moves) {
      if (m.unitId !== c.id) continue;
      streetId = m.fromStreetId;
      districtId = m.fromDistrictId;
    }
    return { streetId, districtId };
  };
  return candidates
    .filter((c) => {
      const place = placeAt(c);
      return scope.kind === 'district' ? place.districtId === scope.unitId : place.streetId === scope.unitId;
    })
    .map((c) => ({ id: c.id, name: c.name, streetId: c.streetId, streetName: c.streetName }))
    .sort((a, b) => compareChinese(a.streetName, b.streetName) || compareChinese(a.name, b.name));
}
