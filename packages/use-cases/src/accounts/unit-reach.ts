import { and, eq, or, type SQL } from 'drizzle-orm';
import { type AccountActor, isWithinReach, type OrgKind, type Role, UNIT_ACCOUNT_ROLES } from '@shequ/domain';
import { isUuid, memberships, orgUnits, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { accountActorOf } from './account-places.ts';

// The reach of the unit accounts pages: building blocks of their use cases (not exported from the package root).

/** A unit whose accounts someone manages: its kind, name, and the district it lies in (its own id for a district). */
export type ManagedUnit = { id: string; kind: OrgKind; name: string; districtId: string | null; streetId: string | null };

/** The caller as the account rule sees them. */
export function accountActorFor(caller: StaffCaller): AccountActor {
  return accountActorOf(caller.actor.userId, caller.actor.workspace);
}

/** The CASL check every action of the unit accounts pages makes: may the caller manage `role` in this unit? */
export function assertMayManageRole(caller: StaffCaller, unit: ManagedUnit, role: Role): void {
  assertCan(caller.ability, 'manage', subject('Membership', { tenantId: unit.kind === 'community' ? unit.id : null, orgUnitId: unit.id, role, districtId: unit.districtId }));
}

/**
 * Which units' accounts the caller manages (an operator: every unit; a district officer: their district and the
 * streets, departments and communities in it; nobody else any): the condition on org_units, or null for none.
 */
export function unitsInReach(actor: AccountActor): SQL | null | undefined {
  if (actor.role === 'platform_operator') return undefined;
  if (actor.role === 'district_officer' && actor.orgUnitId) return or(eq(orgUnits.id, actor.orgUnitId), eq(orgUnits.districtId, actor.orgUnitId));
  return null;
}

/** Whether the caller manages every account role of the unit (its reach, and CASL). */
export function mayManageUnit(caller: StaffCaller, unit: ManagedUnit): boolean {
  const actor = accountActorFor(caller);
  return UNIT_ACCOUNT_ROLES[unit.kind].every(
    (role) => isWithinReach(actor, { role, orgUnitId: unit.id, districtId: unit.districtId }) && caller.ability.can('manage', subject('Membership', { tenantId: unit.kind === 'community' ? unit.id : null, orgUnitId: unit.id, role, districtId: unit.districtId })),
  );
}

/**
 * The unit named by a page's URL or form, if the caller manages its accounts. An id that is no unit, an archived
 * unit and a unit outside the caller's reach are all refused alike ('accounts.unitNotFound': the page answers 404,
 * so nobody learns which ids exist elsewhere).
 */
export async function loadManagedUnit(tx: Tx, caller: StaffCaller, orgUnitId: unknown): Promise<ManagedUnit> {
  if (!isUuid(orgUnitId)) throw new UseCaseError('accounts.unitNotFound');
  const [row] = await tx
    .select({ id: orgUnits.id, kind: orgUnits.kind, name: orgUnits.name, districtId: orgUnits.districtId, streetId: orgUnits.streetId, status: orgUnits.status })
    .from(orgUnits)
    .where(eq(orgUnits.id, orgUnitId));
  if (!row || row.status === 'archived') throw new UseCaseError('accounts.unitNotFound');
  const unit: ManagedUnit = { id: row.id, kind: row.kind, name: row.name, districtId: row.kind === 'district' ? row.id : row.districtId, streetId: row.streetId };
  if (!mayManageUnit(caller, unit)) throw new UseCaseError('accounts.unitNotFound');
  return unit;
}

/**
 * A membership shown on a unit's accounts page, if the caller manages it: its unit within reach, its role one the
 * page manages (a district's officers, a community's admins) and allowed by CASL. Anything else, whatever the id,
 * is 'accounts.notFound' (404).
 */
export async function loadManagedMembership(tx: Tx, caller: StaffCaller, membershipId: string) {
  const [m] = await tx
    .select({ id: memberships.id, userId: memberships.userId, role: memberships.role, orgUnitId: memberships.orgUnitId })
    .from(memberships)
    .where(eq(memberships.id, membershipId));
  if (!m || !m.orgUnitId) throw new UseCaseError('accounts.notFound');
  const unit = await loadManagedUnit(tx, caller, m.orgUnitId).catch((e) => Promise.reject(e instanceof UseCaseError ? new UseCaseError('accounts.notFound') : e));
  if (!UNIT_ACCOUNT_ROLES[unit.kind].includes(m.role)) throw new UseCaseError('accounts.notFound');
  assertMayManageRole(caller, unit, m.role);
  return { membership: m, unit };
}

/**
 * Locks a community's admin memberships (so two people removing the last two admins at once cannot both succeed)
 * and refuses ('accounts.lastAdmin') when `membershipId` is the only one left.
 */
export async function assertNotLastAdmin(tx: Tx, communityId: string, membershipId: string): Promise<void> {
  const admins = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.orgUnitId, communityId), eq(memberships.role, 'community_admin')))
    .for('update');
  if (admins.every((a) => a.id === membershipId)) throw new UseCaseError('accounts.lastAdmin');
}
