import { type AppAbility, assertCan, type TaggedSubject } from '@shequ/permissions';
import type { Tx } from '@shequ/db';
import { UseCaseError, type RefusalCode } from '../errors.ts';
import { loadResident } from './person.ts';

/**
 * Whether a staff caller may act on a booking made for `residentId` (cancel it, withdraw it, answer an offer): the
 * service's keepers (`update` on `service`), or whoever may book for that person (`create` on `service` and the
 * person readable in the register: a grid worker for the people of their own grids). Whoever may book for someone
 * may cancel that booking (issue 19's trial: a grid worker booked a meal and could not cancel it, 403). Someone else's
 * booking is not found for them (`notFound`); a database fault stays one. Not a use case.
 */
export async function assertBooksFor(tx: Tx, ability: AppAbility, tenantId: string, residentId: string, service: TaggedSubject, notFound: RefusalCode) {
  if (ability.can('update', service)) return;
  assertCan(ability, 'create', service);
  await loadResident(tx, ability, tenantId, residentId, 'read').catch((error: unknown) => {
    if (error instanceof UseCaseError) throw new UseCaseError(notFound);
    throw error;
  });
}
