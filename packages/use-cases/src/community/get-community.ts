import { and, eq } from 'drizzle-orm';
import { orgUnits, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/**
 * One community's hierarchy row: id, name, slug (its resident URL), status and where it sits (street, district).
 * Hierarchy data, readable in any transaction; the page that shows it checks the caller may see the community.
 * Refuses: 'community.notFound' when the id is no community.
 */
export async function getCommunity(tx: Tx, _caller: Caller, input: { communityId: string }) {
  const [row] = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, slug: orgUnits.slug, status: orgUnits.status, streetId: orgUnits.streetId, districtId: orgUnits.districtId })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, input.communityId), eq(orgUnits.kind, 'community')));
  if (!row) throw new UseCaseError('community.notFound');
  return row;
}
