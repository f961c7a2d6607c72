import { desc, eq } from 'drizzle-orm';
import { consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { consultationScope } from './shared.ts';

/** The community's meetings, newest first (upcoming and past), with their agenda size. */
export async function listMeetings(tx: Tx, caller: StaffCaller, _input: Record<string, never> = {}) {
  const tenantId = consultationScope(caller, 'read');
  return tx
    .select({ id: consultationMeetings.id, topic: consultationMeetings.topic, startsAt: consultationMeetings.startsAt, place: consultationMeetings.place, status: consultationMeetings.status, minutesState: consultationMeetings.minutesState })
    .from(consultationMeetings)
    .where(eq(consultationMeetings.tenantId, tenantId))
    .orderBy(desc(consultationMeetings.startsAt))
    .limit(500);
}
