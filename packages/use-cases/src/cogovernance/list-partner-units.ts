import { asc, eq } from 'drizzle-orm';
import { partnerUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { partnerFigures } from './partner-figures.ts';
import { partnerScope } from './partner-units.ts';

/** The community's partner units (contact masked) with their figures (see partnerFigures). */
export async function listPartnerUnits(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = partnerScope(caller, 'read');
  const units = await tx.select().from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId)).orderBy(asc(partnerUnits.name));
  const figures = await partnerFigures(tx, tenantId, null, input.now ?? new Date());
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    address: u.address,
    contactNameHint: u.contactNameHint,
    contactMobileHint: u.contactMobileHint,
    offers: u.offers,
    memberSince: u.memberSince,
    memberUntil: u.memberUntil,
    partyMembersReported: u.partyMembersReported,
    ...(figures.get(u.id) ?? { postsClaimed: 0, promised: 0, delivered: 0, upcoming: 0, promiseRate: null, peopleServed: 0, ratings: 0, averageRating: null }),
  }));
}
