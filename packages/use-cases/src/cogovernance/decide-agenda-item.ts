import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { adoptionProblem, type VoteCounts } from '@shequ/domain';
import { agendaItems, ballots, consultationDecisions, consultationMatters, consultationMatterWishes, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { attendanceCounts } from './attendance-counts.ts';
import { type DecideAgendaItemFields, decideAgendaItemSchema } from './consultation.schema.ts';
import { recordWishEvents } from './trace.ts';
import { assertMeetingOpen, assertMeetingUnderWay, chinaTime, consultationRules, consultationScope, lockItem } from './shared.ts';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Records an agenda item's deliberation and decision (决议, the fourth step of 四议两公开, POLICY.md): adopted,
 * rejected or deferred, with the vote. A show of hands brings its counts (for, against, abstain); a secret ballot
 * is tallied from its ballots and closed. An item cannot be recorded as adopted when 实到 is below the community's
 * quorum of 应到 (default ≥ 2/3) or the votes for are not above its threshold of those present (default > 1/2):
 * the rules are the community's (setConsultationRules), defaults from POLICY.md. Abstentions count as present.
 *
 * An adopted item becomes a decision published at once for its notice period (决议公开: `noticeDays`, default 7,
 * calendar days) at an unguessable public address; the wishes behind the matter get a public line and a message
 * (outcomes fed back: 中办发〔2015〕41号).
 * Input: `itemId`, `outcome`, `notes`, counts (hands: required unless deferred), `decision` (the resolution's text;
 * default the matter's title), `now`. Output: `{ outcome, decisionId, votes, expected, attending }`.
 * Refuses: consultation.notFound; consultation.meeting.closed; consultation.vote.tooEarly (before the meeting's start,
 * decision 062); consultation.item.decided;
 * consultation.votes.invalid (counts missing); consultation.votes.tooMany (more votes than people present);
 * consultation.quorum.notMet; consultation.threshold.notMet; forbidden.
 */
export async function decideAgendaItem(tx: Tx, caller: StaffCaller, input: DecideAgendaItemFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(decideAgendaItemSchema, input);
  const now = input.now ?? new Date();
  const { meeting, item } = await lockItem(tx, tenantId, p.itemId);
  assertMeetingOpen(meeting);
  assertMeetingUnderWay(meeting, 'vote', now);
  if (item.outcome !== 'pending') throw new UseCaseError('consultation.item.decided');
  const { expected, attending } = await attendanceCounts(tx, tenantId, meeting.id);

  let votes: VoteCounts | null = null;
  if (item.voteMode === 'secret' && item.ballotOpen) {
    const tally = await tx
      .select({ choice: ballots.choice, n: sql<number>`count(*)::int` })
      .from(ballots)
      .where(and(eq(ballots.tenantId, tenantId), eq(ballots.agendaItemId, item.id)))
      .groupBy(ballots.choice);
    const of = (c: string) => tally.find((t) => t.choice === c)?.n ?? 0;
    votes = { for: of('for'), against: of('against'), abstain: of('abstain') };
  } else if (p.votesFor != null || p.votesAgainst != null || p.votesAbstain != null) {
    votes = { for: p.votesFor ?? 0, against: p.votesAgainst ?? 0, abstain: p.votesAbstain ?? 0 };
  }
  if (!votes && p.outcome !== 'deferred') throw new UseCaseError('consultation.votes.invalid', { field: 'votesFor' });
  if (votes && votes.for + votes.against + votes.abstain > attending) throw new UseCaseError('consultation.votes.tooMany', { field: 'votesFor', attending });
  if (p.outcome === 'adopted') {
    const problem = adoptionProblem(await consultationRules(tx, tenantId), expected, attending, votes!);
    if (problem === 'quorum') throw new UseCaseError('consultation.quorum.notMet', { expected, attending });
    if (problem === 'threshold') throw new UseCaseError('consultation.threshold.notMet', { field: 'votesFor', attending, for: votes!.for });
    if (problem) throw new UseCaseError('consultation.votes.tooMany', { field: 'votesFor', attending });
  }

  await tx
    .update(agendaItems)
    .set({
      outcome: p.outcome,
      notes: p.notes ?? item.notes,
      ballotOpen: false,
      votesFor: votes?.for ?? null,
      votesAgainst: votes?.against ?? null,
      votesAbstain: votes?.abstain ?? null,
      expectedAtVote: expected,
      attendingAtVote: attending,
      decidedAt: now,
      decidedBy: caller.actor.userId,
    })
    .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, item.id)));

  const [matter] = await tx.select().from(consultationMatters).where(and(eq(consultationMatters.tenantId, tenantId), eq(consultationMatters.id, item.matterId)));
  let decisionId: string | null = null;
  if (p.outcome === 'adopted') {
    const rules = await consultationRules(tx, tenantId);
    const [d] = await tx
      .insert(consultationDecisions)
      .values({
        tenantId,
        agendaItemId: item.id,
        title: matter!.title,
        body: p.decision || matter!.title,
        publicToken: randomBytes(12).toString('base64url'),
        publishedAt: now,
        noticeEndsAt: new Date(now.getTime() + rules.noticeDays * DAY_MS),
        createdAt: now,
      })
      .returning({ id: consultationDecisions.id });
    decisionId = d!.id;
  }
  const wishes = await tx.select({ caseId: consultationMatterWishes.caseId }).from(consultationMatterWishes).where(and(eq(consultationMatterWishes.tenantId, tenantId), eq(consultationMatterWishes.matterId, item.matterId)));
  await recordWishEvents(tx, tenantId, wishes.map((w) => w.caseId), {
    type: 'consultation_decided',
    data: { title: matter!.title, outcome: p.outcome, meeting: meeting.topic, at: chinaTime(meeting.startsAt), ...(p.outcome === 'adopted' && p.decision ? { text: p.decision } : {}) },
    now,
    actorUserId: caller.actor.userId,
    message: 'wish_decided',
  });
  return { outcome: p.outcome, decisionId, votes, expected, attending };
}
