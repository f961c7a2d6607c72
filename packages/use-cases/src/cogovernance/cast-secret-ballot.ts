import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { normalizeCode } from '@shequ/domain';
import { agendaItems, ballotCodes, ballots, consultationMeetings, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type CastSecretBallotFields, castSecretBallotSchema } from './consultation.schema.ts';
import { assertMeetingUnderWay, codeHash } from './shared.ts';

/**
 * Casts a secret ballot with a one-time code (no sign-in: the code is the only right to vote). The code is spent
 * (used once, atomically) and a ballot holding only the choice is written; the code is not kept with it.
 * Input: `tenantId` (the community whose page took it), `code`, `choice` ('for' | 'against' | 'abstain').
 * Output: `{ ok: true }`. Refuses: consultation.code.invalid (no such code in the community); consultation.code.used;
 * consultation.ballot.closed (the item was decided); consultation.vote.tooEarly (the meeting has not started, decision 062).
 */
export async function castSecretBallot(tx: Tx, _caller: Caller, input: CastSecretBallotFields & { tenantId: string; now?: Date }) {
  const p = parseInput(castSecretBallotSchema, input);
  const code = normalizeCode(p.code);
  if (!code) throw new UseCaseError('consultation.code.invalid', { field: 'code' });
  const hash = codeHash(input.tenantId, 'ballot', code);
  const [row] = await tx.select().from(ballotCodes).where(and(eq(ballotCodes.tenantId, input.tenantId), eq(ballotCodes.codeHash, hash)));
  if (!row) throw new UseCaseError('consultation.code.invalid', { field: 'code' });
  // The item is held (shared) while the ballot goes in, so a decision cannot be tallied halfway through a vote.
  const [item] = await tx.select({ ballotOpen: agendaItems.ballotOpen, meetingId: agendaItems.meetingId }).from(agendaItems).where(and(eq(agendaItems.tenantId, input.tenantId), eq(agendaItems.id, row.agendaItemId))).for('share');
  if (!item?.ballotOpen) throw new UseCaseError('consultation.ballot.closed');
  // Codes are printed once the meeting is on (openSecretBallot); a meeting moved later since is not voted on early.
  const [meeting] = await tx.select({ startsAt: consultationMeetings.startsAt }).from(consultationMeetings).where(and(eq(consultationMeetings.tenantId, input.tenantId), eq(consultationMeetings.id, item.meetingId)));
  if (meeting) assertMeetingUnderWay(meeting, 'vote', input.now ?? new Date());
  const spent = await tx
    .update(ballotCodes)
    .set({ used: true })
    .where(and(eq(ballotCodes.tenantId, input.tenantId), eq(ballotCodes.codeHash, hash), eq(ballotCodes.used, false)))
    .returning({ itemId: ballotCodes.agendaItemId });
  if (!spent.length) throw new UseCaseError('consultation.code.used', { field: 'code' });
  // A random (v4) id, not the time-ordered v7 of other rows: a ballot's id must not tell when it was cast.
  await tx.insert(ballots).values({ tenantId: input.tenantId, id: randomUUID(), agendaItemId: row.agendaItemId, choice: p.choice });
  return { ok: true as const };
}
