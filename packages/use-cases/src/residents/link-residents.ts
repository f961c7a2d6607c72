import { UseCaseError } from '../errors.ts';
import { and, eq, or } from 'drizzle-orm';
import { residentLinks, residents, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { cleanText, formatResidentAddress } from '@shequ/domain';
import { communityOf, loadResident, parseInput } from './person.ts';
import { linkResidentsSchema } from './schemas.ts';

/**
 * Links two people of the register: 'household' (they live together) or 'family_contact' (the other is the
 * person to call: a daughter living in another building), with the relation in words.
 * Input: `{ residentId, otherId, kind, relation? }`. Inside the community's tenant transaction. Output: `{ id }`
 * (the existing link's when the same link is made twice).
 * 'household' means one address: two people whose registered addresses differ (another building, or in one
 * building another unit or room, where both are known) are not linked as living together (issue 19's trial linked
 * people of two buildings, and meal help then let one book for the other as household); family living elsewhere is a
 * family contact. A person without an address on file may be linked (the office may not have it yet).
 * Refuses: resident.link.invalid (a person linked to themselves); resident.link.notTogether { self, other } (household
 * across addresses, field 'kind'); resident.notFound (either unknown or not the caller's to see); forbidden (a role
 * that may not edit the first person).
 */
/** Whether two registered addresses may be one home: the same building, and the same unit and room where both know them. */
function sameAddress(a: { buildingId: string | null; unit: string | null; room: string | null }, b: { buildingId: string | null; unit: string | null; room: string | null }): boolean {
  if (!a.buildingId || !b.buildingId) return true;
  if (a.buildingId !== b.buildingId) return false;
  const differ = (x: string | null, y: string | null) => Boolean(x && y && x.trim() !== y.trim());
  return !differ(a.unit, b.unit) && !differ(a.room, b.room);
}

export async function linkResidents(tx: Tx, caller: StaffCaller, input: { residentId: string; otherId: string; kind: 'household' | 'family_contact'; relation?: string | null }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(linkResidentsSchema, input);
  if (parsed.residentId === parsed.otherId) throw new UseCaseError('resident.link.invalid', { field: 'otherId' });
  const self = await loadResident(tx, caller.ability, tenantId, parsed.residentId, 'update');
  const other = await loadResident(tx, caller.ability, tenantId, parsed.otherId);
  if (parsed.kind === 'household' && !sameAddress(self.row, other.row)) {
    throw new UseCaseError('resident.link.notTogether', { field: 'kind', self: formatResidentAddress(self.building, self.row.unit, self.row.room), other: formatResidentAddress(other.building, other.row.unit, other.row.room) });
  }
  const [row] = await tx
    .insert(residentLinks)
    .values({ tenantId, residentId: parsed.residentId, otherId: parsed.otherId, kind: parsed.kind, relation: cleanText(parsed.relation ?? '') || null, createdBy: caller.actor.userId })
    .onConflictDoUpdate({ target: [residentLinks.tenantId, residentLinks.residentId, residentLinks.otherId, residentLinks.kind], set: { relation: cleanText(parsed.relation ?? '') || null } })
    .returning({ id: residentLinks.id });
  return { id: row!.id };
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
