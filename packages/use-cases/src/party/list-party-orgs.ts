import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { grids, partyMembers, partyOrgs, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { partyCommunity } from './party-access.ts';

/**
 * The community's party organisation as a list in tree order (general branch, its branches, each branch's grid
 * groups), with each one's grid name, current members and how many of them are 在职党员 who reported.
 * Caller: staff who see the whole register. Transaction: tenant scope.
 */
export async function listPartyOrgs(tx: Tx, caller: StaffCaller, _input: Record<string, never> = {}) {
  const tenantId = partyCommunity(caller, 'read');
  const rows = await tx
    .select({
      id: partyOrgs.id,
      kind: partyOrgs.kind,
      name: partyOrgs.name,
      parentId: partyOrgs.parentId,
      gridName: grids.name,
      members: count(partyMembers.id),
      reporting: sql<number>`count(${partyMembers.id}) filter (where ${partyMembers.kind} = 'reporting')`.mapWith(Number),
      reported: sql<number>`count(${partyMembers.id}) filter (where ${partyMembers.kind} = 'reporting' and ${partyMembers.reportedOn} is not null)`.mapWith(Number),
    })
    .from(partyOrgs)
    .leftJoin(grids, and(eq(grids.tenantId, partyOrgs.tenantId), eq(grids.id, partyOrgs.gridId)))
    .leftJoin(partyMembers, and(eq(partyMembers.tenantId, partyOrgs.tenantId), eq(partyMembers.orgId, partyOrgs.id), isNull(partyMembers.leftAt)))
    .where(and(eq(partyOrgs.tenantId, tenantId), isNull(partyOrgs.retiredAt)))
    .groupBy(partyOrgs.tenantId, partyOrgs.id, grids.name)
    .orderBy(asc(partyOrgs.sortOrder), asc(partyOrgs.name));
  // Tree order: each organisation followed by its children.
  const children = new Map<string | null, typeof rows>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const out: ((typeof rows)[number] & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ ...r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
