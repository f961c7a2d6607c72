import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { monthRange } from '@shequ/domain';
import { mealBookings, mealSittings, residents, type Tx } from '@shequ/db';
import { openOr, type PersonalDataCipher } from '../security/personal-data.ts';

/**
 * The category a claim writes for a meal or service without a subsidy (no rule applied): the same words on every
 * sheet (汇总, 明细, 按人), and as the settlement pages say it (meals.settlement.none). The 明细 sheet once left it
 * empty where 汇总 said 无补贴. Not a use case.
 */
export const NO_SUBSIDY_CATEGORY = '无补贴';
export const claimCategory = (category: string | null | undefined): string => category || NO_SUBSIDY_CATEGORY;

/** What a claim writes for a person whose ID number the register does not have (the office collects it first). */
export const NO_ID_NUMBER = '未登记';

/**
 * The full ID number a claim to 民政 carries (the authority matches it to its own records: a masked one cannot be
 * claimed, issue 19's trial), opened with the cipher; the hint only if it cannot be opened. Only the claim exports
 * call it, for callers who may reveal personal data, and they write the export to the audit log. Not a use case.
 */
export function claimIdNumber(cipher: PersonalDataCipher, enc: string | null, hint: string | null): string {
  if (!enc) return hint ?? NO_ID_NUMBER;
  return openOr(cipher, enc, hint ?? NO_ID_NUMBER);
}

/** The served meals of a month, one row each (the records the claim is the sum of). Not a use case. */
export async function servedMeals(tx: Tx, tenantId: string, month: string) {
  const { from, to } = monthRange(month);
  return tx
    .select({
      id: mealBookings.id,
      day: mealBookings.day,
      sitting: mealSittings.name,
      residentId: mealBookings.residentId,
      nameHint: residents.nameHint,
      nameEnc: residents.nameEnc,
      idNumberHint: residents.idNumberHint,
      idNumberEnc: residents.idNumberEnc,
      category: mealBookings.category,
      priceCents: mealBookings.priceCents,
      subsidyCents: mealBookings.subsidyCents,
      servedVia: mealBookings.servedVia,
      servedAt: mealBookings.servedAt,
    })
    .from(mealBookings)
    .innerJoin(mealSittings, and(eq(mealSittings.tenantId, mealBookings.tenantId), eq(mealSittings.id, mealBookings.sittingId)))
    .innerJoin(residents, and(eq(residents.tenantId, mealBookings.tenantId), eq(residents.id, mealBookings.residentId)))
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.status, 'served'), gte(mealBookings.day, from), lt(mealBookings.day, to)))
    .orderBy(asc(mealBookings.day), asc(mealBookings.servedAt), asc(mealBookings.id));
}
