import { and, eq } from 'drizzle-orm';
import { isUuid, residents, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError, type RefusalCode } from '../errors.ts';
import { isFamilyOf, isResidentCaller, type MealResidentCaller } from '../meals/station.ts';
import { loadResident } from './person.ts';

/**
 * Who acts for whom at the elderly service station's bookings (senior school, services; meals have their own with a
 * day): the resident for themselves ('self'); a family member for a parent linked in the register (`isFamilyOf`,
 * decision 038) ('family'); staff or a grid worker, after `assertStaff`, for someone they may read in the register
 * ('staff'). Not a use case. Refuses: `notFamily`; resident.notFound; what `assertStaff` throws.
 */
export async function actingFor(tx: Tx, caller: StaffCaller | MealResidentCaller, tenantId: string, residentId: string, options: { notFamily: RefusalCode; assertStaff: (staff: StaffCaller) => void }) {
  if (!isUuid(residentId)) throw new UseCaseError('resident.notFound');
  if (isResidentCaller(caller)) {
    const self = caller.resident.residentId;
    if (self !== residentId && !(await isFamilyOf(tx, tenantId, self, residentId))) throw new UseCaseError(options.notFamily);
    const [person] = await tx.select({ status: residents.status }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, residentId)));
    if (!person || person.status !== 'active') throw new UseCaseError('resident.notFound');
    return { bookedBy: self === residentId ? ('self' as const) : ('family' as const), userId: null, residentId: self };
  }
  options.assertStaff(caller);
  await loadResident(tx, caller.ability, tenantId, residentId, 'read');
  return { bookedBy: 'staff' as const, userId: caller.actor.userId, residentId: null };
}

/** Who acted on a booking of `residentId` (cancelled it, gave it away, withdrew): the person, a family member (who), or staff. */
export type ActedBy = { by: 'self' | 'family' | 'staff'; byResidentId: string | null };

/**
 * Who the caller is to the person a booking is for, as the booking records it when they end it (cancelledBy,
 * withdrawnBy): the resident themselves ('self'), a family member on 我的 ('family', and who), or staff ('staff': the
 * station's, the school's, or a grid worker). Not a use case.
 */
export function actedBy(caller: StaffCaller | MealResidentCaller, residentId: string): ActedBy {
  if (!isResidentCaller(caller)) return { by: 'staff', byResidentId: null };
  const self = caller.resident.residentId;
  return { by: self === residentId ? 'self' : 'family', byResidentId: self };
}

/** How 我的 says who ended a booking, to the one looking (`viewerId`): you, the person themselves, a family member, the staff; null when not recorded. */
export type EndedBy = 'you' | 'person' | 'family' | 'staff' | null;

/** Who ended a booking as its viewer on 我的 reads it (EndedBy), from what the booking recorded. */
export function endedByFor(viewerId: string, row: { by: string | null; byResidentId: string | null }): EndedBy {
  if (!row.by) return null;
  if (row.by === 'staff') return 'staff';
  if (row.byResidentId === viewerId) return 'you';
  return row.by === 'self' ? 'person' : 'family';
}
