import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/** The community whose staff a caller manages (their workspace's); without one, nothing there is theirs. Not a use case. */
export function staffCommunity(caller: StaffCaller): string {
  const tenantId = caller.actor.workspace.tenantId;
  if (!tenantId) throw new UseCaseError('accounts.notFound');
  return tenantId;
}
