import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type DecisionStatus, decisionProgress, formatTrackingCode } from '@shequ/domain';
import {
  actionItems,
  actionItemUpdates,
  agendaItems,
  cases,
  consultationDecisions,
  consultationMatters,
  consultationMatterWishes,
  consultationMeetings,
  decisionObjections,
  orgUnits,
  partnerUnits,
  type Tx,
  users,
} from '@shequ/db';
import type { Caller, StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type FileObjectionFields, fileObjectionSchema } from './consultation.schema.ts';
import { consultationScope } from './shared.ts';

/** A decision's status as readers see it: its notice period over, a 'notice' decision is a project in progress. */
export function effectiveStatus(d: { status: string; noticeEndsAt: Date }, now: Date): DecisionStatus {
  if (d.status === 'notice' && now.getTime() >= d.noticeEndsAt.getTime()) return 'in_progress';
  return d.status as DecisionStatus;
}

type ItemRow = typeof actionItems.$inferSelect & { unitName: string | null; departmentName: string | null };

async function itemsOf(tx: Tx, tenantId: string, decisionIds: string[]): Promise<ItemRow[]> {
  if (!decisionIds.length) return [];
  const rows = await tx
    .select({ item: actionItems, unitName: partnerUnits.name, departmentName: orgUnits.name })
    .from(actionItems)
    .leftJoin(partnerUnits, and(eq(partnerUnits.tenantId, actionItems.tenantId), eq(partnerUnits.id, actionItems.ownerPartnerUnitId)))
    .leftJoin(orgUnits, eq(orgUnits.id, actionItems.ownerOrgUnitId))
    .where(and(eq(actionItems.tenantId, tenantId), inArray(actionItems.decisionId, decisionIds)))
    .orderBy(asc(actionItems.createdAt), asc(actionItems.id));
  return rows.map((r) => ({ ...r.item, unitName: r.unitName, departmentName: r.departmentName }));
}

/** The owner as the public may read it: a unit's, department's or team's name; staff are "社区工作人员" (no names). */
function publicOwner(i: ItemRow): { kind: string; name: string | null } {
  if (i.ownerKind === 'partner_unit') return { kind: i.ownerKind, name: i.unitName };
  if (i.ownerKind === 'department') return { kind: i.ownerKind, name: i.departmentName };
  if (i.ownerKind === 'team') return { kind: i.ownerKind, name: i.ownerTeam };
  return { kind: 'staff', name: null };
}

const progressOf = (items: ItemRow[]) => decisionProgress(items.filter((i) => !i.parentId).map((i) => i.progress));

async function decisionByToken(tx: Tx, tenantId: string, token: string) {
  const [d] = await tx.select().from(consultationDecisions).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.publicToken, token)));
  if (!d) throw new UseCaseError('consultation.notFound');
  return d;
}

/**
 * A published decision as anyone may read it, signed in or not (决议公开 and 实施结果公开, 四议两公开: POLICY.md):
 * title, text, meeting date, 应到 / 实到 and the vote as recorded, the notice period, each action item's title, owner
 * (a unit's, department's or team's name; staff unnamed), progress and due date, the overall progress and the result.
 * No personal data: no names of people, no notes (which staff write freely), no contacts.
 * Input: `tenantId` (the community of the page's slug), `token`, `now`. Refuses: consultation.notFound.
 */
export async function getPublicDecision(tx: Tx, _caller: Caller, input: { tenantId: string; token: string; now?: Date }) {
  const now = input.now ?? new Date();
  const d = await decisionByToken(tx, input.tenantId, input.token);
  const [item] = await tx
    .select({ expected: agendaItems.expectedAtVote, attending: agendaItems.attendingAtVote, votesFor: agendaItems.votesFor, votesAgainst: agendaItems.votesAgainst, votesAbstain: agendaItems.votesAbstain, voteMode: agendaItems.voteMode, topic: consultationMeetings.topic, startsAt: consultationMeetings.startsAt })
    .from(agendaItems)
    .innerJoin(consultationMeetings, and(eq(consultationMeetings.tenantId, agendaItems.tenantId), eq(consultationMeetings.id, agendaItems.meetingId)))
    .where(and(eq(agendaItems.tenantId, input.tenantId), eq(agendaItems.id, d.agendaItemId)));
  const items = await itemsOf(tx, input.tenantId, [d.id]);
  const [objections] = await tx.select({ n: sql<number>`count(*)::int` }).from(decisionObjections).where(and(eq(decisionObjections.tenantId, input.tenantId), eq(decisionObjections.decisionId, d.id)));
  return {
    title: d.title,
    body: d.body,
    status: effectiveStatus(d, now),
    publishedAt: d.publishedAt,
    noticeEndsAt: d.noticeEndsAt,
    inNotice: now.getTime() < d.noticeEndsAt.getTime(),
    completedAt: d.completedAt,
    result: d.result,
    meeting: item ? { topic: item.topic, startsAt: item.startsAt } : null,
    vote: item ? { expected: item.expected, attending: item.attending, for: item.votesFor, against: item.votesAgainst, abstain: item.votesAbstain, mode: item.voteMode } : null,
    progress: progressOf(items),
    items: items.map((i) => ({ id: i.id, parentId: i.parentId, title: i.title, owner: publicOwner(i), progress: i.progress, dueAt: i.dueAt, completedAt: i.completedAt })),
    objections: objections?.n ?? 0,
  };
}

/** The community's published decisions, newest first, for its public page (no personal data). */
export async function listPublicDecisions(tx: Tx, _caller: Caller, input: { tenantId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const rows = await tx.select().from(consultationDecisions).where(eq(consultationDecisions.tenantId, input.tenantId)).orderBy(desc(consultationDecisions.publishedAt)).limit(200);
  const items = await itemsOf(tx, input.tenantId, rows.map((r) => r.id));
  return rows.map((d) => ({ token: d.publicToken, title: d.title, status: effectiveStatus(d, now), publishedAt: d.publishedAt, progress: progressOf(items.filter((i) => i.decisionId === d.id)) }));
}

/**
 * An objection to a published decision, during its notice period (决议公开 with a channel for objections). Anyone may
 * write (no sign-in); nothing about the writer is kept. Input: `tenantId`, `token`, `body` (≤ 500), `now`.
 * Output: `{ id }`. Refuses: consultation.objection.invalid; consultation.notFound; consultation.notice.over.
 */
export async function fileObjection(tx: Tx, _caller: Caller, input: FileObjectionFields & { tenantId: string; token: string; now?: Date }) {
  const p = parseInput(fileObjectionSchema, input);
  const now = input.now ?? new Date();
  const d = await decisionByToken(tx, input.tenantId, input.token);
  if (now.getTime() >= d.noticeEndsAt.getTime()) throw new UseCaseError('consultation.notice.over');
  const [row] = await tx.insert(decisionObjections).values({ tenantId: input.tenantId, decisionId: d.id, body: p.body, createdAt: now }).returning({ id: decisionObjections.id });
  return { id: row!.id };
}

/**
 * What a resident's wish led to, for its tracking page: each decision on a matter the wish is linked to (title,
 * status, progress, result, public token for the link). Input: `tenantId`, `caseId`, `now`.
 */
export async function getWishConsultation(tx: Tx, _caller: Caller, input: { tenantId: string; caseId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const rows = await tx
    .select({ decision: consultationDecisions, outcome: agendaItems.outcome, topic: consultationMeetings.topic, startsAt: consultationMeetings.startsAt, matter: consultationMatters.title })
    .from(consultationMatterWishes)
    .innerJoin(consultationMatters, and(eq(consultationMatters.tenantId, consultationMatterWishes.tenantId), eq(consultationMatters.id, consultationMatterWishes.matterId)))
    .innerJoin(agendaItems, and(eq(agendaItems.tenantId, consultationMatterWishes.tenantId), eq(agendaItems.matterId, consultationMatterWishes.matterId)))
    .innerJoin(consultationMeetings, and(eq(consultationMeetings.tenantId, agendaItems.tenantId), eq(consultationMeetings.id, agendaItems.meetingId)))
    .leftJoin(consultationDecisions, and(eq(consultationDecisions.tenantId, agendaItems.tenantId), eq(consultationDecisions.agendaItemId, agendaItems.id)))
    .where(and(eq(consultationMatterWishes.tenantId, input.tenantId), eq(consultationMatterWishes.caseId, input.caseId)))
    .orderBy(asc(consultationMeetings.startsAt));
  const items = await itemsOf(tx, input.tenantId, rows.flatMap((r) => (r.decision ? [r.decision.id] : [])));
  return rows.map((r) => ({
    matter: r.matter,
    meeting: { topic: r.topic, startsAt: r.startsAt },
    outcome: r.outcome,
    decision: r.decision
      ? { token: r.decision.publicToken, title: r.decision.title, status: effectiveStatus(r.decision, now), result: r.decision.result, progress: progressOf(items.filter((i) => i.decisionId === r.decision!.id)) }
      : null,
  }));
}

/** The community's decisions for staff, newest first, with status and progress. */
export async function listDecisions(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = consultationScope(caller, 'read');
  const now = input.now ?? new Date();
  const rows = await tx.select().from(consultationDecisions).where(eq(consultationDecisions.tenantId, tenantId)).orderBy(desc(consultationDecisions.publishedAt)).limit(500);
  const items = await itemsOf(tx, tenantId, rows.map((r) => r.id));
  return rows.map((d) => {
    const mine = items.filter((i) => i.decisionId === d.id);
    return { id: d.id, token: d.publicToken, title: d.title, status: effectiveStatus(d, now), publishedAt: d.publishedAt, progress: progressOf(mine), items: mine.length, overdue: mine.filter((i) => i.overdueAt && !i.completedAt).length };
  });
}

/**
 * One page per decision, the whole line (issue 18): the wishes behind it (tracking code, status, rating) → the
 * meeting (topic, 应到/实到, vote) → the decision → action items with their updates → result → residents'
 * satisfaction (the wishes' ratings). Input: `decisionId`, `now`. Refuses: consultation.notFound.
 */
export async function getDecision(tx: Tx, caller: StaffCaller, input: { decisionId: string; now?: Date }) {
  const tenantId = consultationScope(caller, 'read');
  const now = input.now ?? new Date();
  const [d] = await tx.select().from(consultationDecisions).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, input.decisionId)));
  if (!d) throw new UseCaseError('consultation.notFound');
  const [agenda] = await tx
    .select({ item: agendaItems, meeting: consultationMeetings })
    .from(agendaItems)
    .innerJoin(consultationMeetings, and(eq(consultationMeetings.tenantId, agendaItems.tenantId), eq(consultationMeetings.id, agendaItems.meetingId)))
    .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, d.agendaItemId)));
  const wishes = await tx
    .select({ id: cases.id, trackingCode: cases.trackingCode, status: cases.status, rating: cases.rating, content: cases.content })
    .from(consultationMatterWishes)
    .innerJoin(cases, and(eq(cases.tenantId, consultationMatterWishes.tenantId), eq(cases.id, consultationMatterWishes.caseId)))
    .where(and(eq(consultationMatterWishes.tenantId, tenantId), eq(consultationMatterWishes.matterId, agenda!.item.matterId)));
  const items = await itemsOf(tx, tenantId, [d.id]);
  const updates = items.length
    ? await tx
        .select({ update: actionItemUpdates, by: users.displayName })
        .from(actionItemUpdates)
        .leftJoin(users, eq(users.id, actionItemUpdates.createdBy))
        .where(and(eq(actionItemUpdates.tenantId, tenantId), inArray(actionItemUpdates.actionItemId, items.map((i) => i.id))))
        .orderBy(desc(actionItemUpdates.createdAt))
    : [];
  const objections = await tx.select().from(decisionObjections).where(and(eq(decisionObjections.tenantId, tenantId), eq(decisionObjections.decisionId, d.id))).orderBy(desc(decisionObjections.createdAt));
  const ratings = wishes.map((w) => w.rating).filter((r): r is number => typeof r === 'number');
  return {
    decision: { ...d, status: effectiveStatus(d, now) },
    meeting: agenda!.meeting,
    vote: agenda!.item,
    wishes: wishes.map((w) => ({ ...w, code: formatTrackingCode(w.trackingCode) })),
    items: items.map((i) => ({ ...i, owner: publicOwner(i), updates: updates.filter((u) => u.update.actionItemId === i.id).map((u) => ({ ...u.update, by: u.by })) })),
    progress: progressOf(items),
    objections,
    satisfaction: ratings.length ? { rated: ratings.length, average: Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 10) / 10 } : null,
  };
}
