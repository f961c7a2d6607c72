import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { normalizeMobile } from '@shequ/domain';
import { cases, type Tx } from '@shequ/db';
import type { AnonymousCaller } from '../caller.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';

/**
 * Fills `cases.reporter_mobile_index` for wishes submitted before it existed (migration 0025): the number is opened
 * with the cipher and hashed, so the reporter finds those wishes on "我的" too (decision 035). Needs the key, so it
 * cannot be SQL in a migration. Safe to run again: only cases without an index are read; an unreadable number (key
 * replaced) is left as it is.
 * Input: `{ tenantId, cipher, limit? }` (at most `limit` cases, default 1,000, per call). Caller: the system (the
 * seed, `pnpm residents:backfill`). Transaction: the community's tenant scope. Output: `{ filled, unreadable }`.
 */
export async function backfillReporterMobileIndex(tx: Tx, _caller: AnonymousCaller, input: { tenantId: string; cipher: PersonalDataCipher; limit?: number }) {
  const rows = await tx
    .select({ id: cases.id, mobileEnc: cases.reporterMobileEnc })
    .from(cases)
    .where(and(eq(cases.tenantId, input.tenantId), isNull(cases.reporterMobileIndex), isNotNull(cases.reporterMobileEnc)))
    .limit(input.limit ?? 1000);
  let filled = 0;
  let unreadable = 0;
  for (const row of rows) {
    let mobile: string | null = null;
    try {
      mobile = normalizeMobile(input.cipher.decrypt(row.mobileEnc!));
    } catch {
      mobile = null;
    }
    if (!mobile) {
      unreadable++;
      continue;
    }
    await tx.update(cases).set({ reporterMobileIndex: input.cipher.blindIndex('mobile', mobile) }).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, row.id)));
    filled++;
  }
  return { filled, unreadable };
}
