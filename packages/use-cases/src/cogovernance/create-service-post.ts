import { servicePosts, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import {
type ServicePostFields,
servicePostInputSchema
} from './partners.schema.ts';
import { checkPostLeader } from './post-leader.ts';
import { partnerScope } from './partner-units.ts';

/**
 * Publishes a service post: what, for whom, where, recurrence, time, capacity, keywords, and its leader (负责人, a
 * person of the register) with whether the post requires a party member as leader (党员先锋岗). Output `{ id }`.
 * Refuses: partner.recurrence.invalid; partner.leader.required / notEligible / notPartyMember (checkPostLeader);
 * forbidden.
 */
export async function createServicePost(tx: Tx, caller: StaffCaller, input: ServicePostFields) {
  const tenantId = partnerScope(caller, 'create');
  const p = parseInput(servicePostInputSchema, input);
  const leaderResidentId = await checkPostLeader(tx, caller, tenantId, p);
  const [row] = await tx
    .insert(servicePosts)
    .values({ tenantId, ...p, description: p.description ?? null, audience: p.audience ?? null, place: p.place ?? null, leaderResidentId, requiresPartyLeader: Boolean(p.requiresPartyLeader) })
    .returning({ id: servicePosts.id });
  return { id: row!.id };
}
