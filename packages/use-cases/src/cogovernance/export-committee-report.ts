import ExcelJS from 'exceljs';
import { type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { communityOf } from './shared.ts';
import { type CommitteeReport, getCommitteeReport } from './get-committee-report.ts';
import { workbookBytes } from './report-parts.ts';

const UNIT_HEADINGS = ['单位名称', '类型', '认领岗位', '应履约场次', '已服务场次', '承诺兑现率（%）', '服务人次', '评价数', '平均评分'];

const unitCells = (u: CommitteeReport['units'][number]) => [u.name, u.kindName, u.postsClaimed, u.promised, u.delivered, u.promiseRatePercent ?? '', u.peopleServed, u.ratings, u.averageRating ?? ''];

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
