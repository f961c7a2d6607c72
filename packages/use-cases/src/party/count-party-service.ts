import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { chinaDate, chinaDayStart } from '@shequ/domain';
import { partyMembers, residents, type Tx, volunteerHours } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { ledgerEntries } from '../volunteers/ledger.ts';
import { partyCommunity } from './party-access.ts';

export type PartyService = {
  year: number;
  /** Approved minutes per current member (memberId), only members who served. */
  byMember: Record<string, number>;
  /** Per organisation (orgId): approved minutes of its current members, and how many of them served. */
  byOrg: Record<string, { minutes: number; people: number }>;
};

/**
 * Party members' volunteer service (issue 16: the party organisation lets features "count party members' service"):
 * for each current member of the community's party organisation, the approved minutes of volunteer service in a
 * calendar year, China time, by the day served (else the day entered), read from the hour ledger as a volunteer's
 * own hours are (decision 036: pending, reversed and reversal entries do not count). Input: `{ year? }` (this year
 * in China by default). Caller: staff who see the whole register (as listPartyOrgs). Transaction: tenant scope.
 * Output: PartyService. Refusals: forbidden.
 */
export async function countPartyService(tx: Tx, caller: StaffCaller, input: { year?: number; now?: Date } = {}): Promise<PartyService> {
  const tenantId = partyCommunity(caller, 'read');
  const year = input.year ?? Number(chinaDate(input.now ?? new Date()).slice(0, 4));
  const from = chinaDayStart(`${year}-01-01`);
  const to = chinaDayStart(`${year + 1}-01-01`);
  const members = await tx
    .select({ id: partyMembers.id, orgId: partyMembers.orgId, residentId: partyMembers.residentId })
    .from(partyMembers)
    .innerJoin(residents, and(eq(residents.tenantId, partyMembers.tenantId), eq(residents.id, partyMembers.residentId)))
    .where(and(eq(partyMembers.tenantId, tenantId), isNull(partyMembers.leftAt), eq(residents.status, 'active')));
  const out: PartyService = { year, byMember: {}, byOrg: {} };
  if (!members.length) return out;
  // Entries of the year (ledgerEntries finds their later reversals itself, whatever day those are).
  const day = sql`coalesce(${volunteerHours.servedFrom}, ${volunteerHours.createdAt})`;
  const entries = await ledgerEntries(
    tx,
    tenantId,
    and(
      inArray(volunteerHours.residentId, members.map((m) => m.residentId)),
      sql`${day} >= ${from.toISOString()}::timestamptz and ${day} < ${to.toISOString()}::timestamptz`,
    ),
  );
  const minutesOf = new Map<string, number>();
  for (const e of entries) {
    if (e.status !== 'approved') continue;
    minutesOf.set(e.residentId, (minutesOf.get(e.residentId) ?? 0) + e.minutes);
  }
  for (const m of members) {
    const minutes = minutesOf.get(m.residentId) ?? 0;
    if (!minutes) continue;
    out.byMember[m.id] = minutes;
    const org = (out.byOrg[m.orgId] ??= { minutes: 0, people: 0 });
    org.minutes += minutes;
    org.people += 1;
  }
  return out;
}
