import { and, eq, isNull } from 'drizzle-orm';
import { normalizeMobile, parseIdCard } from '@shequ/domain';
import { partyOrgs, residents, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { addPartyMember } from './add-party-member.ts';
import { partyCommunity } from './party-access.ts';

export type AddPartyMemberByNumberInput = {
  orgId: string;
  /** A mainland mobile or an ID-card number, as typed. */
  person: string;
  kind?: 'local' | 'reporting';
  workUnit?: string;
  reportedOn?: string;
  cipher: PersonalDataCipher;
};

/**
 * The party page's 添加党员: finds the person in the community's register by an exact mobile or ID-card number
 * (their keyed hashes, nothing decrypted; the register's rule, decision 034), then adds them as addPartyMember does.
 * Caller: staff who edit the register. Transaction: tenant scope. Output: `{ id, residentId }`.
 * Refusals: party.org.notFound (not one of the community's current organisations, checked first), party.member.person (field `person`: not a mobile or ID number, or nobody active in the register has it),
 * party.member.shared (several people share that mobile: use the ID number), and addPartyMember's.
 */
export async function addPartyMemberByNumber(tx: Tx, caller: StaffCaller, input: AddPartyMemberByNumberInput) {
  const tenantId = partyCommunity(caller, 'update');
  // The organisation first: another community's is unknown here whatever number was typed.
  const [org] = await tx.select({ id: partyOrgs.id }).from(partyOrgs).where(and(eq(partyOrgs.tenantId, tenantId), eq(partyOrgs.id, input.orgId), isNull(partyOrgs.retiredAt)));
  if (!org) throw new UseCaseError('party.org.notFound');
  const mobile = normalizeMobile(input.person);
  const id = mobile ? null : parseIdCard(input.person);
  if (!mobile && !id) throw new UseCaseError('party.member.person', { field: 'person' });
  const found = await tx
    .select({ id: residents.id })
    .from(residents)
    .where(
      and(
        eq(residents.tenantId, tenantId),
        eq(residents.status, 'active'),
        mobile ? eq(residents.mobileIndex, input.cipher.blindIndex('mobile', mobile)) : eq(residents.idNumberIndex, input.cipher.blindIndex('id_number', id!.number)),
      ),
    )
    .limit(2);
  if (!found.length) throw new UseCaseError('party.member.person', { field: 'person' });
  if (found.length > 1) throw new UseCaseError('party.member.shared', { field: 'person' });
  const residentId = found[0]!.id;
  const added = await addPartyMember(tx, caller, { residentId, orgId: input.orgId, kind: input.kind ?? 'local', workUnit: input.workUnit, reportedOn: input.reportedOn });
  return { id: added.id, residentId };
}
