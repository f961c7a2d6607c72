import { and, desc, eq, or } from 'drizzle-orm';
import { cases, categories, type Tx } from '@shequ/db';
import type { ResidentSelf } from '../caller.ts';

export type MyWish = {
  trackingCode: string;
  category: string;
  /** The first words of the wish (at most 40 characters). */
  excerpt: string;
  status: string;
  createdAt: Date;
  rating: number | null;
  /** Resolved and not yet rated: the "我的" page invites a rating on the tracking page. */
  awaitsRating: boolean;
};

/**
 * The resident's wishes in the community: those whose reporter left this mobile (cases.reporter_mobile_index, the
 * keyed hash written by submitCase since decision 034; backfillReporterMobileIndex fills older cases), including
 * wishes sent from a QR code without signing in, and those staff linked to the register entry (cases.resident_id).
 * Newest first, at most 50. Never decrypts a case.
 */
export async function listMyWishes(tx: Tx, caller: ResidentSelf): Promise<MyWish[]> {
  const mine = caller.residentId ? or(eq(cases.reporterMobileIndex, caller.mobileIndex), eq(cases.residentId, caller.residentId)) : eq(cases.reporterMobileIndex, caller.mobileIndex);
  const rows = await tx
    .select({ trackingCode: cases.trackingCode, category: categories.name, content: cases.content, status: cases.status, createdAt: cases.createdAt, rating: cases.rating })
    .from(cases)
    .innerJoin(categories, and(eq(categories.tenantId, cases.tenantId), eq(categories.id, cases.categoryId)))
    .where(and(eq(cases.tenantId, caller.tenantId), mine))
    .orderBy(desc(cases.createdAt))
    .limit(50);
  return rows.map((r) => ({
    trackingCode: r.trackingCode,
    category: r.category,
    excerpt: r.content.length > 40 ? `${r.content.slice(0, 40)}…` : r.content,
    status: r.status,
    createdAt: r.createdAt,
    rating: r.rating,
    awaitsRating: r.status === 'resolved' && r.rating === null,
  }));
}
