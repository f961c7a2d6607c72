import ExcelJS from 'exceljs';
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { chinaDate, decisionProgress, promiseRate } from '@shequ/domain';
import { actionItems, agendaItems, consultationDecisions, consultationMeetings, orgUnits, partnerUnits, servicePostClaims, serviceOccurrences, servicePosts, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { effectiveStatus } from './decisions.ts';
import { partnerFigures } from './partners.ts';
import { communityOf } from './shared.ts';

// The committee's yearly reports (issue 18): per partner unit, and for the committee as a whole, as data (for the
// PDF the web renders) and as Excel. Figures are those of the pages (partnerFigures: 承诺兑现率 from occurrences),
// for the year's occurrences, meetings and decisions (China time). No personal data: units' contacts stay masked.

const KIND_NAMES: Record<string, string> = { enterprise: '企业', institution: '事业单位', social_org: '社会组织', individual_business: '个体工商户', party_org: '单位党组织' };
const STATUS_NAMES: Record<string, string> = { notice: '公示中', in_progress: '实施中', done: '已完成' };
const OCCURRENCE_NAMES: Record<string, string> = { scheduled: '待服务', delivered: '已服务', missed: '未履约', cancelled: '已取消' };

const yearRange = (year: number) => ({ from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year}-12-31T23:59:59.999+08:00`) });
/** 承诺兑现率 as domain promiseRate gives it: a percent with one decimal, or null when nothing was due. */
const pct = (rate: number | null) => rate;

function reportScope(caller: StaffCaller, year: number) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('PartnerUnit', { tenantId }));
  assertCan(caller.ability, 'read', subject('Consultation', { tenantId }));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UseCaseError('consultation.time.invalid', { field: 'year' });
  return tenantId;
}

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
  const none = { postsClaimed: 0, promised: 0, delivered: 0, promiseRate: null, peopleServed: 0, ratings: 0, averageRating: null };
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
  const f = (await partnerFigures(tx, tenantId, input.year, now)).get(unit.id) ?? { postsClaimed: 0, promised: 0, delivered: 0, promiseRate: null, peopleServed: 0, ratings: 0, averageRating: null };
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
    posts,
    occurrences: occurrences.map((o) => ({ date: chinaDate(o.startsAt), title: o.title, status: o.status, statusName: OCCURRENCE_NAMES[o.status] ?? o.status, peopleServed: o.peopleServed })),
    actions: actions.map((a) => ({ decision: a.decision, title: a.title, progress: a.progress, done: a.completedAt !== null })),
  };
}

export type CommitteeReport = Awaited<ReturnType<typeof getCommitteeReport>>;
export type PartnerUnitReport = Awaited<ReturnType<typeof getPartnerUnitReport>>;

const UNIT_HEADINGS = ['单位名称', '类型', '认领岗位', '应履约场次', '已服务场次', '承诺兑现率（%）', '服务人次', '评价数', '平均评分'];
const unitCells = (u: CommitteeReport['units'][number]) => [u.name, u.kindName, u.postsClaimed, u.promised, u.delivered, u.promiseRatePercent ?? '', u.peopleServed, u.ratings, u.averageRating ?? ''];

async function workbookBytes(wb: ExcelJS.Workbook) {
  for (const sheet of wb.worksheets) sheet.columns.forEach((c) => (c.width = 16));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * The committee's report as Excel (.xlsx): 汇总 (totals), 共建单位 (a row per unit, UNIT_HEADINGS), 协商会议, 决议落实.
 * The same figures as getCommitteeReport (and the register page). Written to the audit log.
 * Input: `year`, `now`. Output: `{ fileName, bytes, report }`. Refuses: as getCommitteeReport.
 */
export async function exportCommitteeReport(tx: Tx, caller: StaffCaller, input: { year: number; now?: Date }) {
  const report = await getCommitteeReport(tx, caller, input);
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('汇总');
  summary.addRow([`${report.community} 共治委员会 ${report.year} 年度报告`]);
  const t = report.totals;
  for (const row of [
    ['共建单位', t.units],
    ['认领岗位的单位', t.unitsWithPosts],
    ['应履约场次', t.promised],
    ['已服务场次', t.delivered],
    ['承诺兑现率（%）', t.promiseRatePercent ?? ''],
    ['服务人次', t.peopleServed],
    ['协商会议', t.meetings],
    ['决议', t.decisions],
    ['已完成决议', t.decisionsDone],
  ])
    summary.addRow(row);
  const units = wb.addWorksheet('共建单位');
  units.addRow(UNIT_HEADINGS);
  for (const u of report.units) units.addRow(unitCells(u));
  const meetings = wb.addWorksheet('协商会议');
  meetings.addRow(['日期', '会议主题', '议题数', '通过', '应到', '实到', '纪要已审定']);
  for (const m of report.meetings) meetings.addRow([m.date, m.topic, m.items, m.adopted, m.expected ?? '', m.attending ?? '', m.minutesApproved ? '是' : '否']);
  const decisions = wb.addWorksheet('决议落实');
  decisions.addRow(['公开日期', '决议', '状态', '进度（%）', '实施结果']);
  for (const d of report.decisions) decisions.addRow([d.published, d.title, d.statusName, d.progress, d.result ?? '']);
  const bytes = await workbookBytes(wb);
  const tenantId = communityOf(caller);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'export_committee_report', subjectType: 'Consultation', subjectId: null, detail: { year: report.year } });
  return { fileName: `共治委员会年度报告-${report.year}.xlsx`, bytes, report };
}

/**
 * One partner unit's report as Excel (.xlsx): 概况 (the unit and its figures), 服务场次 (the year's occurrences),
 * 认领岗位, 行动项. Input: `unitId`, `year`, `now`. Output: `{ fileName, bytes, report }`. Refuses: as getPartnerUnitReport.
 */
export async function exportPartnerUnitReport(tx: Tx, caller: StaffCaller, input: { unitId: string; year: number; now?: Date }) {
  const report = await getPartnerUnitReport(tx, caller, input);
  const wb = new ExcelJS.Workbook();
  const about = wb.addWorksheet('概况');
  const f = report.figures;
  for (const row of [
    ['单位名称', report.unit.name],
    ['类型', report.unit.kindName],
    ['地址', report.unit.address ?? ''],
    ['联系人', report.unit.contact],
    ['可提供服务', report.unit.offers ?? ''],
    ['加入日期', report.unit.memberSince ?? ''],
    ['报到党员数', report.unit.partyMembersReported],
    ['年度', report.year],
    ['认领岗位', f.postsClaimed],
    ['应履约场次', f.promised],
    ['已服务场次', f.delivered],
    ['承诺兑现率（%）', f.promiseRatePercent ?? ''],
    ['服务人次', f.peopleServed],
    ['评价数', f.ratings],
    ['平均评分', f.averageRating ?? ''],
  ])
    about.addRow(row);
  const occ = wb.addWorksheet('服务场次');
  occ.addRow(['日期', '服务岗位', '状态', '服务人次']);
  for (const o of report.occurrences) occ.addRow([o.date, o.title, o.statusName, o.peopleServed ?? '']);
  const posts = wb.addWorksheet('认领岗位');
  posts.addRow(['服务岗位', '周期', '时间', '地点', '认领日期', '结束日期']);
  for (const p of report.posts) posts.addRow([p.title, p.recurrence, p.startTime, p.place ?? '', p.claimedOn, p.endedOn ?? '']);
  const acts = wb.addWorksheet('行动项');
  acts.addRow(['决议', '行动项', '进度（%）', '完成']);
  for (const a of report.actions) acts.addRow([a.decision, a.title, a.progress, a.done ? '是' : '否']);
  const bytes = await workbookBytes(wb);
  await recordAuditEvent(tx, { tenantId: communityOf(caller), actorUserId: caller.actor.userId, action: 'export_partner_report', subjectType: 'PartnerUnit', subjectId: input.unitId, detail: { year: report.year } });
  return { fileName: `共建单位年度报告-${report.unit.name}-${report.year}.xlsx`, bytes, report };
}
