import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { chinaDate, decisionProgress, promiseRate } from '@shequ/domain';
import { actionItems, agendaItems, consultationDecisions, consultationMeetings, orgUnits, partnerUnits, serviceOccurrences, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { effectiveStatus } from './effective-status.ts';
import { partnerFigures } from './partner-figures.ts';
import { KIND_NAMES, pct, reportScope, yearRange } from './report-parts.ts';

const STATUS_NAMES: Record<string, string> = { notice: '公示中', in_progress: '实施中', done: '已完成' };

/**
 * The committee's report for a year (共治委员会年度报告): every partner unit with posts claimed, occurrences promised
 * and delivered, 承诺兑现率 (percent, one decimal; null when nothing was due), people served and residents' ratings;
 * the year's meetings with 应到 / 实到 of their votes; the decisions with status, progress and result; and totals.
 * Input: `year`, `now`. Refuses: consultation.time.invalid (a year out of range); forbidden.
 */
export async function getCommitteeReport(tx: Tx, caller: StaffCaller, input: { year: number; now?: Date }) {
  const tenantId = reportScope(caller, input.year);
  const now = input.now ?? new Date();
  const { from, to } = yearRange(input.year);
  const [community] = await tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, tenantId));
  const units = await tx.select().from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId)).orderBy(asc(partnerUnits.name));
  const figures = await partnerFigures(tx, tenantId, input.year, now);
  const none = { postsClaimed: 0, promised: 0, delivered: 0, upcoming: 0, promiseRate: null, peopleServed: 0, ratings: 0, averageRating: null };
  const unitRows = units.map((u) => {
    const f = figures.get(u.id) ?? none;
    return { id: u.id, name: u.name, kind: u.kind, kindName: KIND_NAMES[u.kind] ?? u.kind, ...f, promiseRatePercent: pct(f.promiseRate) };
  });
  const meetings = await tx
    .select()
    .from(consultationMeetings)
    .where(and(eq(consultationMeetings.tenantId, tenantId), gte(consultationMeetings.startsAt, from), lte(consultationMeetings.startsAt, to)))
    .orderBy(asc(consultationMeetings.startsAt));
  const items = meetings.length ? await tx.select().from(agendaItems).where(and(eq(agendaItems.tenantId, tenantId), inArray(agendaItems.meetingId, meetings.map((m) => m.id)))) : [];
  const decisions = await tx
    .select()
    .from(consultationDecisions)
    .where(and(eq(consultationDecisions.tenantId, tenantId), gte(consultationDecisions.publishedAt, from), lte(consultationDecisions.publishedAt, to)))
    .orderBy(asc(consultationDecisions.publishedAt));
  const actions = decisions.length ? await tx.select().from(actionItems).where(and(eq(actionItems.tenantId, tenantId), inArray(actionItems.decisionId, decisions.map((d) => d.id)), isNull(actionItems.parentId))) : [];
  const promised = unitRows.reduce((s, u) => s + u.promised, 0);
  const delivered = unitRows.reduce((s, u) => s + u.delivered, 0);
  return {
    year: input.year,
    community: community?.name ?? '',
    units: unitRows,
    meetings: meetings.map((m) => {
      const mine = items.filter((i) => i.meetingId === m.id);
      return { topic: m.topic, date: chinaDate(m.startsAt), items: mine.length, adopted: mine.filter((i) => i.outcome === 'adopted').length, expected: mine.find((i) => i.expectedAtVote !== null)?.expectedAtVote ?? null, attending: mine.find((i) => i.attendingAtVote !== null)?.attendingAtVote ?? null, minutesApproved: m.minutesState === 'approved' };
    }),
    decisions: decisions.map((d) => {
      const status = effectiveStatus(d, now);
      return { title: d.title, published: chinaDate(d.publishedAt), status, statusName: STATUS_NAMES[status] ?? status, progress: decisionProgress(actions.filter((a) => a.decisionId === d.id).map((a) => a.progress)), result: d.result };
    }),
    totals: {
      units: unitRows.length,
      unitsWithPosts: unitRows.filter((u) => u.postsClaimed > 0).length,
      promised,
      delivered,
      promiseRatePercent: pct(promiseRate(await yearOccurrences(tx, tenantId, from, to, null), now)),
      peopleServed: unitRows.reduce((s, u) => s + u.peopleServed, 0),
      meetings: meetings.length,
      decisions: decisions.length,
      decisionsDone: decisions.filter((d) => effectiveStatus(d, now) === 'done').length,
    },
  };
}

async function yearOccurrences(tx: Tx, tenantId: string, from: Date, to: Date, unitId: string | null) {
  const rows = await tx
    .select({ status: serviceOccurrences.status, startsAt: serviceOccurrences.startsAt })
    .from(serviceOccurrences)
    .where(and(eq(serviceOccurrences.tenantId, tenantId), gte(serviceOccurrences.startsAt, from), lte(serviceOccurrences.startsAt, to), unitId ? eq(serviceOccurrences.partnerUnitId, unitId) : undefined));
  return rows.map((r) => ({ status: r.status as 'scheduled', startsAt: r.startsAt }));
}

export type CommitteeReport = Awaited<ReturnType<typeof getCommitteeReport>>;
