import ExcelJS from 'exceljs';
import { type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { communityOf } from './shared.ts';
import { getPartnerUnitReport } from './get-partner-unit-report.ts';
import { workbookBytes } from './report-parts.ts';

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
  for (const p of report.posts) posts.addRow([p.title, p.recurrenceName, p.startTime, p.place ?? '', p.claimedOn, p.endedOn ?? '']);
  const acts = wb.addWorksheet('行动项');
  acts.addRow(['决议', '行动项', '进度（%）', '完成']);
  for (const a of report.actions) acts.addRow([a.decision, a.title, a.progress, a.done ? '是' : '否']);
  const bytes = await workbookBytes(wb);
  await recordAuditEvent(tx, { tenantId: communityOf(caller), actorUserId: caller.actor.userId, action: 'export_partner_report', subjectType: 'PartnerUnit', subjectId: input.unitId, detail: { year: report.year } });
  return { fileName: `共建单位年度报告-${report.unit.name}-${report.year}.xlsx`, bytes, report };
}
