import { type ConsultationRules } from '@shequ/domain';
import { type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf, consultationRules } from './shared.ts';

/** The community's consultation rules (quorum, threshold, notice days); defaults when it set none. */
export async function getConsultationRules(tx: Tx, caller: StaffCaller, _input: Record<string, never> = {}): Promise<ConsultationRules> {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('Consultation', { tenantId }));
  return consultationRules(tx, tenantId);
}
