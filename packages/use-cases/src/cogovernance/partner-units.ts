import { cleanText, maskMobile, maskName, normalizeMobile } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { type Problem, REFUSAL_CODES, type RefusalCode } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import {
partnerUnitSchema
} from './partners.schema.ts';
import { communityOf } from './shared.ts';

// Partner units (共建单位) and their service posts (服务岗位): "居民点单、社区派单、单位接单" (issue 18, decision 037).
// Units in the area are parties to community consultation (中办发〔2015〕41号; 民政部 2016, POLICY.md).
// This module: the building blocks the partner use cases share (their scope check, a unit's field checks, sealing
// its contact); each use case has a file of its own. Off the package root.

/** The community a caller acts in on partner units and posts, checked for `action` on PartnerUnit. Refuses: forbidden. */
export function partnerScope(caller: StaffCaller, action: 'read' | 'create' | 'update') {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, action, subject('PartnerUnit', { tenantId }));
  return tenantId;
}

export type PartnerUnitValues = ReturnType<typeof partnerUnitSchema.parse>;

const isRefusalCode = (code: string): code is RefusalCode => (REFUSAL_CODES as readonly string[]).includes(code);

/**
 * Every problem of a unit's fields at once, each beside its field (decision 049's rule, as the residents' register:
 * a wrong mobile and a date the wrong way round are two problems of one pass, not one per try). Each field is read
 * by its own part of partnerUnitSchema, whose messages name the field (请填写单位名称, 地址最多 200 个字 …); a
 * shape no message words (a script's input) is input.invalid beside its field. Then the mobile (a mainland number)
 * and the membership (退出日期 not before 加入日期: the table's partner_units_membership check). Output: the values
 * when there is no problem, and the problems (refusal codes with `{ field }`).
 */
export function partnerUnitProblems(input: Record<string, unknown>): { unit: PartnerUnitValues | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const values: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(partnerUnitSchema.shape)) {
    const read = (schema as z.ZodTypeAny).safeParse(input[field]);
    if (read.success) {
      values[field] = read.data;
      continue;
    }
    const code = read.error.issues[0]!.message.replace(/^refusals\./, '');
    problems.push({ code: isRefusalCode(code) ? code : 'input.invalid', params: { field } });
  }
  const mobile = values.contactMobile as string | null | undefined;
  if (mobile && !normalizeMobile(mobile)) problems.push({ code: 'partner.mobile.invalid', params: { field: 'contactMobile' } });
  const since = values.memberSince as string | null | undefined;
  const until = values.memberUntil as string | null | undefined;
  if (since && until && until < since) problems.push({ code: 'partner.membership.invalid', params: { field: 'memberUntil', since } });
  return { unit: problems.length ? null : (values as PartnerUnitValues), problems };
}

/** A unit's checked fields (partnerUnitProblems) with its contact sealed (AES-GCM, masked hint, keyed hash of the mobile: decision 034). */
export function sealUnit(cipher: PersonalDataCipher, p: PartnerUnitValues) {
  const name = cleanText(p.name);
  const mobile = p.contactMobile ? normalizeMobile(p.contactMobile) : null;
  const contact = p.contactName ? cleanText(p.contactName) : null;
  return {
    name,
    kind: p.kind,
    address: p.address ?? null,
    contactNameEnc: contact ? cipher.encrypt(contact) : null,
    contactNameHint: contact ? maskName(contact) : null,
    contactMobileEnc: mobile ? cipher.encrypt(mobile) : null,
    contactMobileHint: mobile ? maskMobile(mobile) : null,
    contactMobileIndex: mobile ? cipher.blindIndex('mobile', mobile) : null,
    offers: p.offers ?? null,
    memberSince: p.memberSince ?? null,
    memberUntil: p.memberUntil ?? null,
    partyMembersReported: p.partyMembersReported,
  };
}
