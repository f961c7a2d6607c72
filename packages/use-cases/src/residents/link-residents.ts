import { UseCaseError } from '../errors.ts';
import { residentLinks, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { cleanText, formatResidentAddress } from '@shequ/domain';
import { communityOf, loadResident, parseInput } from './person.ts';
import { linkResidentsSchema } from './schemas.ts';
import { sameAddress } from './households.ts';

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
