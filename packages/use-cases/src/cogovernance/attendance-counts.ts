import { and, eq } from 'drizzle-orm';
import { meetingParticipants, type Tx } from '@shequ/db';

/**
 * 应到 / 实到 of a meeting: every voting participant invited (a member who sends apologies or cancels a seat is still
 * expected: 应到 is fixed by who is entitled, so it cannot be lowered to reach a quorum), and those of them present.
 */
export async function attendanceCounts(tx: Tx, tenantId: string, meetingId: string) {
  const rows = await tx
    .select({ registration: meetingParticipants.registration, attendedAt: meetingParticipants.attendedAt })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.voting, true)));
  return { expected: rows.length, attending: rows.filter((r) => r.attendedAt !== null).length };
}
