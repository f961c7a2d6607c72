import { and, eq } from 'drizzle-orm';
import { agendaItems, ballotCodes, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { attendanceCounts } from './attendance-counts.ts';
import { type OpenSecretBallotFields, openSecretBallotSchema } from './consultation.schema.ts';
import { assertMeetingOpen, assertMeetingUnderWay, codeHash, consultationScope, lockItem, newCode } from './shared.ts';

/**
 * Opens a secret ballot (无记名投票) on an agenda item and prints its one-time codes: by default one per person
 * present (实到), or `count`. The codes are returned once, to be printed on slips and drawn at random by those present;
 * only their hashes are stored, with the item and a used flag: no participant, no time, so nothing links a code to a
 * person, and a ballot (its choice only) to a code.
 * Input: `itemId`, `count`, `now`. Output: `{ codes }` (upper-case, CODE_ALPHABET).
 * Refuses: consultation.notFound; consultation.meeting.closed; consultation.vote.tooEarly (before the meeting's
 * start, decision 062); consultation.item.decided; consultation.ballot.open
 * (codes already printed for it); consultation.votes.invalid (nobody present and no count); forbidden.
 */
export async function openSecretBallot(tx: Tx, caller: StaffCaller, input: OpenSecretBallotFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(openSecretBallotSchema, input);
  const { meeting, item } = await lockItem(tx, tenantId, p.itemId);
  assertMeetingOpen(meeting);
  assertMeetingUnderWay(meeting, 'vote', input.now ?? new Date());
  if (item.outcome !== 'pending') throw new UseCaseError('consultation.item.decided');
  if (item.ballotOpen) throw new UseCaseError('consultation.ballot.open');
  const count = p.count ?? (await attendanceCounts(tx, tenantId, meeting.id)).attending;
  if (count < 1) throw new UseCaseError('consultation.votes.invalid', { field: 'count' });
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newCode());
  await tx.insert(ballotCodes).values([...codes].map((code) => ({ tenantId, codeHash: codeHash(tenantId, 'ballot', code), agendaItemId: item.id })));
  await tx.update(agendaItems).set({ voteMode: 'secret', ballotOpen: true }).where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, item.id)));
  return { codes: [...codes] };
}
