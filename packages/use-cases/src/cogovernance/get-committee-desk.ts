import { and, desc, eq, notInArray } from 'drizzle-orm';
import { formatTrackingCode } from '@shequ/domain';
import { cases, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { listDecisions } from './list-decisions.ts';
import { listMeetings } from './list-meetings.ts';
import { listOpenMatters } from './list-open-matters.ts';
import { consultationRules, consultationScope } from './shared.ts';
import { committeeChoices } from './committee-choices.ts';

// What the committee's staff pages read (issue 18, decision 037): the desk (meetings, matters, decisions and the
// choices their forms offer) and the service posts with their claims and occurrences. Reads only.

/** Wishes still open (not closed, rejected or merged), newest first: what a matter can answer. */
const CLOSED = ['closed', 'rejected', 'merged'] as const;

/**
 * The committee's desk: meetings (newest first), matters not yet on an agenda, decisions with progress, the
 * community's rules, and the choices the forms offer: open wishes (tracking code and the first 60 characters),
 * partner units (id, name), community staff (for chair and invitees), departments (action owners).
 * Input: `now`. Output: that object. Refuses: forbidden (no read of the community's consultation).
 */
export async function getCommitteeDesk(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = consultationScope(caller, 'read');
  const [meetings, matters, decisions, rules] = await Promise.all([listMeetings(tx, caller), listOpenMatters(tx, caller), listDecisions(tx, caller, input), consultationRules(tx, tenantId)]);
  const wishes = await tx
    .select({ id: cases.id, trackingCode: cases.trackingCode, content: cases.content, status: cases.status })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.kind, 'wish'), notInArray(cases.status, [...CLOSED])))
    .orderBy(desc(cases.createdAt))
    .limit(100);
  const choices = await committeeChoices(tx, tenantId);
  return { meetings, matters, decisions, rules, wishes: wishes.map((w) => ({ id: w.id, code: formatTrackingCode(w.trackingCode), status: w.status, excerpt: w.content.slice(0, 60) })), ...choices };
}
