import { and, eq, isNull } from 'drizzle-orm';
import { grids, partyOrgs, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../residents/person.ts';
import { createPartyOrgSchema, type CreatePartyOrgInput } from './party.schema.ts';
import { partyCommunity } from './party-access.ts';

const PARENT_KIND = { general_branch: null, branch: 'general_branch', grid_group: 'branch' } as const;

/**
 * Adds a 党总支 (the root, no parent), a 党支部 (under the general branch) or a 网格党小组 (under a branch, on one of the
 * community's grids). Input: createPartyOrgSchema. Caller: staff who edit the register. Transaction: tenant scope.
 * Output: `{ id }`. Audited. Refusals: party.org.parent (missing, or of the wrong kind), party.org.grid (a grid group
 * without one of the community's grids, or a grid given to another kind), party.org.taken (same name); forbidden.
 */
export async function createPartyOrg(tx: Tx, caller: StaffCaller, input: CreatePartyOrgInput) {
  const tenantId = partyCommunity(caller, 'update');
  const v = parseInput(createPartyOrgSchema, input);
  const parentKind = PARENT_KIND[v.kind];
  if (parentKind === null ? v.parentId : !v.parentId) throw new UseCaseError('party.org.parent', { field: 'parentId' });
  if (v.parentId) {
    const [parent] = await tx.select({ kind: partyOrgs.kind }).from(partyOrgs).where(and(eq(partyOrgs.tenantId, tenantId), eq(partyOrgs.id, v.parentId), isNull(partyOrgs.retiredAt)));
    if (parent?.kind !== parentKind) throw new UseCaseError('party.org.parent', { field: 'parentId' });
  }
  if ((v.kind === 'grid_group') !== Boolean(v.gridId)) throw new UseCaseError('party.org.grid', { field: 'gridId' });
  if (v.gridId) {
    const [grid] = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, v.gridId)));
    if (!grid) throw new UseCaseError('party.org.grid', { field: 'gridId' });
  }
  const [taken] = await tx.select({ id: partyOrgs.id }).from(partyOrgs).where(and(eq(partyOrgs.tenantId, tenantId), eq(partyOrgs.name, v.name), isNull(partyOrgs.retiredAt)));
  if (taken) throw new UseCaseError('party.org.taken', { field: 'name' });
  const [row] = await tx.insert(partyOrgs).values({ tenantId, kind: v.kind, name: v.name, parentId: v.parentId ?? null, gridId: v.gridId ?? null }).returning({ id: partyOrgs.id });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'party_org_created', subjectType: 'PartyOrg', subjectId: row!.id, detail: { kind: v.kind } });
  return { id: row!.id };
}
