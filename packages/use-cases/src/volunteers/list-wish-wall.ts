import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Tx, wishClaims, wishWallItems } from '@shequ/db';
import type { Caller } from '../caller.ts';

/**
 * The public wish wall: open wishes (to claim), claimed ones (with the promised date), and lit ones of the last 90
 * days (with the thanks), newest first. No personal data: titles and texts as staff wrote them. Anyone
 * (anonymousCaller(), or the signed-in resident).
 */
export async function listWishWall(tx: Tx, _caller: Caller, input: { tenantId: string; now?: Date }) {
  const items = await tx.select().from(wishWallItems).where(and(eq(wishWallItems.tenantId, input.tenantId), inArray(wishWallItems.status, ['open', 'claimed', 'lit']))).orderBy(desc(wishWallItems.createdAt)).limit(200);
  const since = new Date((input.now ?? new Date()).getTime() - 90 * 86_400_000);
  const shown = items.filter((i) => i.status !== 'lit' || (i.litAt && i.litAt >= since));
  const claims = shown.length ? await tx.select({ itemId: wishClaims.itemId, promisedOn: wishClaims.promisedOn }).from(wishClaims).where(and(eq(wishClaims.tenantId, input.tenantId), eq(wishClaims.status, 'active'), inArray(wishClaims.itemId, shown.map((i) => i.id)))) : [];
  return shown.map((i) => ({ id: i.id, title: i.title, text: i.publicText, status: i.status as 'open' | 'claimed' | 'lit', promisedOn: claims.find((c) => c.itemId === i.id)?.promisedOn ?? null, litAt: i.litAt, thanks: i.thanks }));
}
