import { partnerUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import {
type PartnerUnitFields
} from './partners.schema.ts';
import { partnerScope, partnerUnitProblems, sealUnit } from './partner-units.ts';

/**
 * Registers a partner unit of the community: kind (enterprise, public institution, social organisation, individual
 * business, a unit's party organisation), address, contact person (name and mobile sealed, shown masked), what it
 * can offer, committee membership dates, party members who reported to the community (在职党员报到).
 * Input: partnerUnitSchema's fields and the cipher. Output: `{ id }`.
 * Refuses, every problem at once (partnerUnitProblems): partner.name.required / tooLong; partner.kind.invalid;
 * partner.mobile.invalid; partner.membership.invalid (退出日期 before 加入日期, field memberUntil); the other fields'
 * own words; then partner.name.taken; forbidden.
 */
export async function registerPartnerUnit(tx: Tx, caller: StaffCaller, input: PartnerUnitFields & { cipher: PersonalDataCipher }) {
  const tenantId = partnerScope(caller, 'create');
  const { unit, problems } = partnerUnitProblems(input);
  const refusal = UseCaseError.of(problems);
  if (!unit) throw refusal!;
  const sealed = sealUnit(input.cipher, unit);
  const [row] = await tx.insert(partnerUnits).values({ tenantId, ...sealed, createdBy: caller.actor.userId }).onConflictDoNothing().returning({ id: partnerUnits.id });
  if (!row) throw new UseCaseError('partner.name.taken', { field: 'name' });
  return { id: row.id };
}
