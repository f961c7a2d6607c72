import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { chinaDate, occurrenceStatus } from '@shequ/domain';
import { actionItems, consultationDecisions, orgUnits, partnerUnits, servicePostClaims, serviceOccurrences, servicePosts, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { partnerFigures } from './partner-figures.ts';
import { KIND_NAMES, pct, recurrenceName, reportScope, yearRange } from './report-parts.ts';

const OCCURRENCE_NAMES: Record<string, string> = { scheduled: '待服务', delivered: '已服务', missed: '未履约', cancelled: '已取消' };

/**
 * One partner unit's report for a year (共建单位年度报告): the unit (kind, masked contact, what it offers, membership),
 * its figures as on the register, the posts it claimed, each occurrence of the year (date, post, status, people
 * served) and the action items it owns (decision, title, progress). Input: `unitId`, `year`, `now`.
 * Refuses: partner.notFound; consultation.time.invalid; forbidden.
 */
export async function getPartnerUnitReport(tx: Tx, caller: StaffCaller, input: { unitId: string; year: number; now?: Date }) {
  const tenantId = reportScope(caller, input.year);
  const now = input.now ?? new Date();
  const { from, to } = yearRange(input.year);
  const [unit] = await tx.select().from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, input.unitId)));
  if (!unit) throw new UseCaseError('partner.notFound');
  const [community] = await tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, tenantId));
  const f = (await partnerFigures(tx, tenantId, input.year, now)).get(unit.id) ?? { postsClaimed: 0, promised: 0, delivered: 0, upcoming: 0, promiseRate: null, peopleServed: 0, ratings: 0, averageRating: null };
  const posts = await tx
    .select({ title: servicePosts.title, recurrence: servicePosts.recurrence, startTime: servicePosts.startTime, place: servicePosts.place, claimedOn: servicePostClaims.claimedOn, endedOn: servicePostClaims.endedOn })
    .from(servicePostClaims)
    .innerJoin(servicePosts, and(eq(servicePosts.tenantId, servicePostClaims.tenantId), eq(servicePosts.id, servicePostClaims.postId)))
    .where(and(eq(servicePostClaims.tenantId, tenantId), eq(servicePostClaims.partnerUnitId, unit.id)))
    .orderBy(asc(servicePostClaims.claimedOn));
  const occurrences = await tx
    .select({ startsAt: serviceOccurrences.startsAt, status: serviceOccurrences.status, peopleServed: serviceOccurrences.peopleServed, title: servicePosts.title })
    .from(serviceOccurrences)
    .innerJoin(servicePosts, and(eq(servicePosts.tenantId, serviceOccurrences.tenantId), eq(servicePosts.id, serviceOccurrences.postId)))
    .where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.partnerUnitId, unit.id), gte(serviceOccurrences.startsAt, from), lte(serviceOccurrences.startsAt, to)))
    .orderBy(asc(serviceOccurrences.startsAt));
  const actions = await tx
    .select({ title: actionItems.title, progress: actionItems.progress, completedAt: actionItems.completedAt, decision: consultationDecisions.title })
    .from(actionItems)
    .innerJoin(consultationDecisions, and(eq(consultationDecisions.tenantId, actionItems.tenantId), eq(consultationDecisions.id, actionItems.decisionId)))
    .where(and(eq(actionItems.tenantId, tenantId), eq(actionItems.ownerPartnerUnitId, unit.id)))
    .orderBy(asc(actionItems.createdAt));
  return {
    year: input.year,
    community: community?.name ?? '',
    unit: { name: unit.name, kind: unit.kind, kindName: KIND_NAMES[unit.kind] ?? unit.kind, address: unit.address, contact: [unit.contactNameHint, unit.contactMobileHint].filter(Boolean).join(' '), offers: unit.offers, memberSince: unit.memberSince, memberUntil: unit.memberUntil, partyMembersReported: unit.partyMembersReported },
    figures: { ...f, promiseRatePercent: pct(f.promiseRate) },
    posts: posts.map((p) => ({ ...p, recurrenceName: recurrenceName(p.recurrence) })),
    // Each occurrence as the figures count it (occurrenceStatus): one a day past without a check-in is 未履约.
    occurrences: occurrences.map((o) => {
      const status = occurrenceStatus({ status: o.status as 'scheduled', startsAt: o.startsAt }, now);
      return { date: chinaDate(o.startsAt), title: o.title, status, statusName: OCCURRENCE_NAMES[status] ?? status, peopleServed: o.peopleServed };
    }),
    actions: actions.map((a) => ({ decision: a.decision, title: a.title, progress: a.progress, done: a.completedAt !== null })),
  };
}

export type PartnerUnitReport = Awaited<ReturnType<typeof getPartnerUnitReport>>;
