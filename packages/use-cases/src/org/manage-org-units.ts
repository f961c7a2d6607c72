import { and, eq, ne } from 'drizzle-orm';
import { cleanText, type OrgKind } from '@shequ/domain';
import { isUniqueViolation, orgUnits, type Tx } from '@shequ/db';
import { type AppAbility, assertCan } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import { createOrgUnit } from './create-org-unit.ts';

// Operators keep the hierarchy: districts, streets and departments (communities come in through onboarding).

function mapUnique(error: unknown): never {
  if (isUniqueViolation(error, 'org_units_admin_code_key')) throw new UseCaseError('org.code.taken', { field: 'adminCode' });
  if (isUniqueViolation(error, 'org_units_parent_name_key')) throw new UseCaseError('org.name.taken', { field: 'name' });
  throw error;
}

function validName(name: string) {
  const cleaned = cleanText(name ?? '');
  if (!cleaned || Array.from(cleaned).length > 40) throw new UseCaseError('org.name.invalid', { field: 'name' });
  return cleaned;
}

export async function addOrgUnit(tx: Tx, ability: AppAbility, input: { kind: Exclude<OrgKind, 'community'>; parentId: string | null; name: string; adminCode?: string | null }) {
  assertCan(ability, 'manage', 'OrgUnit');
  const name = validName(input.name);
  try {
    return await createOrgUnit(tx, { kind: input.kind, parentId: input.parentId || null, name, adminCode: (input.adminCode ?? '').trim() || null });
  } catch (error) {
    if (error instanceof UseCaseError) throw new UseCaseError(error.code, { field: error.code === 'org.badCode' ? 'adminCode' : 'parentId' });
    mapUnique(error);
  }
}

export async function renameOrgUnit(tx: Tx, ability: AppAbility, id: string, name: string) {
  assertCan(ability, 'manage', 'OrgUnit');
  const cleaned = validName(name);
  try {
    const [row] = await tx.update(orgUnits).set({ name: cleaned }).where(eq(orgUnits.id, id)).returning();
    if (!row) throw new UseCaseError('org.notFound');
    return row;
  } catch (error) {
    if (error instanceof UseCaseError) throw error;
    mapUnique(error);
  }
}

/** Retires a district, street or department that has nothing active under it. Communities are archived instead. */
export async function retireOrgUnit(tx: Tx, ability: AppAbility, id: string) {
  assertCan(ability, 'manage', 'OrgUnit');
  const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!unit) throw new UseCaseError('org.notFound');
  if (unit.kind === 'community') throw new UseCaseError('org.retireCommunity');
  const [child] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.parentId, id), ne(orgUnits.status, 'archived'))).limit(1);
  if (child) throw new UseCaseError('org.hasChildren');
  const [row] = await tx.update(orgUnits).set({ status: 'archived' }).where(eq(orgUnits.id, id)).returning();
  return row!;
}
