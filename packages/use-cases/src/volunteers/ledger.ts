import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { STAR_EVIDENCE, type EvidenceLevel } from '@shequ/domain';
import { type Tx, volunteerHourApprovals, volunteerHours } from '@shequ/db';

// Reading the append-only hour ledger (decision 036). Not use cases.

export type HourEntry = typeof volunteerHours.$inferSelect;
export type EntryStatus = 'pending' | 'approved' | 'reversed' | 'reversal';
export type LedgerEntry = HourEntry & { status: EntryStatus; leaderApprovedBy: string | null; secondApprovedBy: string | null };

/**
 * Entries with their state, derived from the ledger (nothing is updated): a reversal entry; an entry reversed by a
 * later one; approved (the leader's approval, and a staff member's second one when it needs it); else pending.
 */
export async function ledgerEntries(tx: Tx, tenantId: string, where: SQL | undefined): Promise<LedgerEntry[]> {
  const rows = await tx.select().from(volunteerHours).where(and(eq(volunteerHours.tenantId, tenantId), where)).orderBy(volunteerHours.createdAt, volunteerHours.id);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const approvals = await tx.select().from(volunteerHourApprovals).where(and(eq(volunteerHourApprovals.tenantId, tenantId), inArray(volunteerHourApprovals.entryId, ids)));
  const reversals = await tx.select({ reversesId: volunteerHours.reversesId }).from(volunteerHours).where(and(eq(volunteerHours.tenantId, tenantId), inArray(volunteerHours.reversesId, ids)));
  const reversed = new Set(reversals.map((r) => r.reversesId));
  return rows.map((r) => {
    const leader = approvals.find((a) => a.entryId === r.id && a.step === 'leader')?.approvedBy ?? null;
    const second = approvals.find((a) => a.entryId === r.id && a.step === 'second')?.approvedBy ?? null;
    const status: EntryStatus = r.reversesId ? 'reversal' : reversed.has(r.id) ? 'reversed' : leader && (!r.needsSecondApproval || second) ? 'approved' : 'pending';
    return { ...r, status, leaderApprovedBy: leader, secondApprovedBy: second };
  });
}

/**
 * Totals of a set of entries, in minutes: approved (all evidence), pending, and those that count toward stars and
 * certificates — approved entries at the top evidence levels (STAR_EVIDENCE: scanned, confirmed by the leader);
 * hours entered afterwards are shown but never count toward stars.
 */
export function ledgerTotals(entries: LedgerEntry[]) {
  const sum = (f: (e: LedgerEntry) => boolean) => entries.filter(f).reduce((a, e) => a + e.minutes, 0);
  return {
    approvedMinutes: sum((e) => e.status === 'approved'),
    pendingMinutes: sum((e) => e.status === 'pending'),
    starMinutes: sum((e) => e.status === 'approved' && STAR_EVIDENCE.includes(e.evidence as EvidenceLevel)),
  };
}
