import { and, desc, eq, ne } from 'drizzle-orm';
import { agendaItems, consultationMatters, consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { consultationScope } from './shared.ts';

/** Matters gathered and not yet on an agenda, newest first (for preparing a meeting); a cancelled meeting's are free again. */
export async function listOpenMatters(tx: Tx, caller: StaffCaller, _input: Record<string, never> = {}) {
  const tenantId = consultationScope(caller, 'read');
  const rows = await tx.select().from(consultationMatters).where(eq(consultationMatters.tenantId, tenantId)).orderBy(desc(consultationMatters.createdAt)).limit(500);
  const placed = new Set(
    (
      await tx
        .select({ matterId: agendaItems.matterId })
        .from(agendaItems)
        .innerJoin(consultationMeetings, and(eq(consultationMeetings.tenantId, agendaItems.tenantId), eq(consultationMeetings.id, agendaItems.meetingId)))
        .where(and(eq(agendaItems.tenantId, tenantId), ne(consultationMeetings.status, 'cancelled')))
    ).map((r) => r.matterId),
  );
  return rows.filter((r) => !placed.has(r.id));
}
