import { and, eq, ne } from 'drizzle-orm';
import { cleanText, type OrgKind } from '@shequ/domain';
import { isUniqueViolation, isUuid, orgUnits, type Tx } from '@shequ/db';
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

const ADDABLE_KINDS: readonly string[] = ['district', 'street', 'department'] satisfies Exclude<OrgKind, 'community'>[];

/**
 * Adds a district, street or department. Input as the form sends it: a kind that is none of these is refused
 * (org.badParent, as a unit without its parent), a parent that is not an id is none.
 */
export async function addOrgUnit(tx: Tx, ability: AppAbility, input: { kind: string; parentId: string | null; name: string; adminCode?: string | null }) {
  assertCan(ability, 'manage', 'OrgUnit');
  if (!ADDABLE_KINDS.includes(input.kind)) throw new UseCaseError('org.badParent', { field: 'kind' });
  const kind = input.kind as Exclude<OrgKind, 'community'>;
  const name = validName(input.name);
  try {
    return await createOrgUnit(tx, { kind, parentId: isUuid(input.parentId) ? input.parentId : null, name, adminCode: (input.adminCode ?? '').trim() || null });
  } catch (error) {
    if (error instanceof UseCaseError) throw new UseCaseError(error.code, { field: error.code === 'org.badCode' ? 'adminCode' : 'parentId' });
    mapUnique(error);
  }
}

/** Renames a unit; an id that is not one is a unit not found. */
export async function renameOrgUnit(tx: Tx, ability: AppAbility, id: string, name: string) {
  assertCan(ability, 'manage', 'OrgUnit');
  if (!isUuid(id)) throw new UseCaseError('org.notFound');
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
  if (!isUuid(id)) throw new UseCaseError('org.notFound');
  const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!unit) throw new UseCaseError('org.notFound');
  if (unit.kind === 'community') throw new UseCaseError('org.retireCommunity');
  const [child] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.parentId, id), ne(orgUnits.status, 'archived'))).limit(1);
  if (child) throw new UseCaseError('org.hasChildren');
  const [row] = await tx.update(orgUnits).set({ status: 'archived' }).where(eq(orgUnits.id, id)).returning();
  return row!;
}
