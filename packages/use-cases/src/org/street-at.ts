import { eq } from 'drizzle-orm';
import { orgUnitMoves, orgUnits, type Tx } from '@shequ/db';

/** The street a community belonged to at a moment, from its move history (for attributing past periods). Not a use case. */
export async function streetAt(tx: Tx, communityId: string, at: Date): Promise<string | null> {
  const moves = await tx
    .select({ fromStreetId: orgUnitMoves.fromStreetId, toStreetId: orgUnitMoves.toStreetId, movedAt: orgUnitMoves.movedAt })
    .from(orgUnitMoves)
    .where(eq(orgUnitMoves.unitId, communityId))
    .orderBy(orgUnitMoves.movedAt);
  const firstAfter = moves.find((m) => m.movedAt > at);
  if (firstAfter) return firstAfter.fromStreetId;
  const [unit] = await tx.select({ streetId: orgUnits.streetId }).from(orgUnits).where(eq(orgUnits.id, communityId));
  return unit?.streetId ?? null;
}
