import { and, eq, or } from 'drizzle-orm';
import { residentLinks, residents, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';

// Households (同住) across moves: the rule of one home, and ending links a move broke. Building blocks of linkResidents
// and of the use cases that change an address; off the package root.

/** Whether two registered addresses may be one home: the same building, and the same unit and room where both know them. */
export function sameAddress(a: { buildingId: string | null; unit: string | null; room: string | null }, b: { buildingId: string | null; unit: string | null; room: string | null }): boolean {
  if (!a.buildingId || !b.buildingId) return true;
  if (a.buildingId !== b.buildingId) return false;
  const differ = (x: string | null, y: string | null) => Boolean(x && y && x.trim() !== y.trim());
  return !differ(a.unit, b.unit) && !differ(a.room, b.room);
}

/**
 * After a person's address changed (another building, unit or room: editResident, an offline edit of visiting care
 * and its conflict resolved), ends their household (同住) links to people who no longer share it: 同住 was kept after
 * a move, and meal help, the services and the school still let one book for the other as household (issue 19's
 * trial). A family contact link stays (family living elsewhere). Each ended link is written to the audit log with the
 * two people, so the office can link them again as family contacts. Not a use case. Output: how many were ended.
 */
export async function endHouseholdsApart(tx: Tx, tenantId: string, residentId: string, actorUserId: string | null): Promise<number> {
  const links = await tx
    .select({ id: residentLinks.id, residentId: residentLinks.residentId, otherId: residentLinks.otherId })
    .from(residentLinks)
    .where(and(eq(residentLinks.tenantId, tenantId), eq(residentLinks.kind, 'household'), or(eq(residentLinks.residentId, residentId), eq(residentLinks.otherId, residentId))));
  if (!links.length) return 0;
  const place = async (id: string) => (await tx.select({ buildingId: residents.buildingId, unit: residents.unit, room: residents.room }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, id))))[0];
  const self = await place(residentId);
  if (!self) return 0;
  let ended = 0;
  for (const link of links) {
    const otherId = link.residentId === residentId ? link.otherId : link.residentId;
    const other = await place(otherId);
    if (other && sameAddress(self, other)) continue;
    await tx.delete(residentLinks).where(and(eq(residentLinks.tenantId, tenantId), eq(residentLinks.id, link.id)));
    await recordAuditEvent(tx, { tenantId, actorUserId, action: 'household_link_ended', subjectType: 'Resident', subjectId: residentId, detail: { otherId, reason: 'moved' } });
    ended += 1;
  }
  return ended;
}
