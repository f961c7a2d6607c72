import { eq } from 'drizzle-orm';
import { communitySettings, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

/** The community's own settings (input `tenantId`): after how many days an unrated resolved case closes (7 unless set). */
export async function getCommunitySettings(tx: Tx, _caller: Caller, input: { tenantId: string }) {
  const [row] = await tx.select().from(communitySettings).where(eq(communitySettings.tenantId, input.tenantId));
  return { unratedCloseDays: row?.unratedCloseDays ?? 7 };
}
