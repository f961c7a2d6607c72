import { and, asc, eq, inArray } from 'drizzle-orm';
import { decisionProgress } from '@shequ/domain';
import { actionItems, consultationDecisions, orgUnits, partnerUnits, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';

// What getPublicDecision, listPublicDecisions, fileObjection, getWishConsultation, listDecisions, getDecision share: not use cases, off the package root.

/** An action item with its owner's name (a partner unit's or a department's). */
export type ItemRow = typeof actionItems.$inferSelect & { unitName: string | null; departmentName: string | null };

/** The action items of some decisions, oldest first, with their owners' names. */
export async function itemsOf(tx: Tx, tenantId: string, decisionIds: string[]): Promise<ItemRow[]> {
  if (!decisionIds.length) return [];
  const rows = await tx
    .select({ item: actionItems, unitName: partnerUnits.name, departmentName: orgUnits.name })
    .from(actionItems)
    .leftJoin(partnerUnits, and(eq(partnerUnits.tenantId, actionItems.tenantId), eq(partnerUnits.id, actionItems.ownerPartnerUnitId)))
    .leftJoin(orgUnits, eq(orgUnits.id, actionItems.ownerOrgUnitId))
    .where(and(eq(actionItems.tenantId, tenantId), inArray(actionItems.decisionId, decisionIds)))
    .orderBy(asc(actionItems.createdAt), asc(actionItems.id));
  return rows.map((r) => ({ ...r.item, unitName: r.unitName, departmentName: r.departmentName }));
}

/** The owner as the public may read it: a unit's, department's or team's name; staff are "社区工作人员" (no names). */
export function publicOwner(i: ItemRow): { kind: string; name: string | null } {
  if (i.ownerKind === 'partner_unit') return { kind: i.ownerKind, name: i.unitName };
  if (i.ownerKind === 'department') return { kind: i.ownerKind, name: i.departmentName };
  if (i.ownerKind === 'team') return { kind: i.ownerKind, name: i.ownerTeam };
  return { kind: 'staff', name: null };
}

/** A decision's overall progress from its top-level action items. */
export const progressOf = (items: ItemRow[]) => decisionProgress(items.filter((i) => !i.parentId).map((i) => i.progress));

/** A decision by its public token, or consultation.notFound. */
export async function decisionByToken(tx: Tx, tenantId: string, token: string) {
  const [d] = await tx.select().from(consultationDecisions).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.publicToken, token)));
  if (!d) throw new UseCaseError('consultation.notFound');
  return d;
}
