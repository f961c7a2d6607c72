import { and, eq, sql } from 'drizzle-orm';
import { meetingParticipants, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';

// What registerParticipant, cancelRegistration share: not use cases, off the package root.

/** A meeting's participant, or consultation.notFound. */
export async function participantOf(tx: Tx, tenantId: string, meetingId: string, participantId: string) {
  const [row] = await tx
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.id, participantId)));
  if (!row) throw new UseCaseError('consultation.notFound');
  return row;
}

/** How many participants of a meeting are registered (not on the waiting list). */
export const registeredCount = async (tx: Tx, tenantId: string, meetingId: string) =>
  (
    await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(meetingParticipants)
      .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.registration, 'registered')))
  )[0]!.n;
