import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { residents, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import { communityOf } from './shared.ts';
import { type volunteerYearSchema } from './volunteers.schema.ts';
import { volunteerFigures } from './volunteer-figures.ts';
import { xlsxBytes } from '../export/xlsx.ts';

/** The month columns' headings (1月 … 12月): hours served in each month of the year. */
const MONTHS = Array.from({ length: 12 }, (_, m) => `${m + 1}月`);

/**
 * The year's figures as an Excel workbook in the shape offices report upward: 汇总 (totals), 服务队 (per team with hours
 * by month), 志愿者 (per volunteer: full name — opened for the report, so the export is audited —, teams, times served,
 * hours, hours by month 1月…12月, star level). Caller: staff reading volunteers' records. Input: year, cipher.
 * Output: `{ fileName, bytes }`. Refuses: forbidden.
 */
export async function exportVolunteerFigures(tx: Tx, caller: StaffCaller, input: z.input<typeof volunteerYearSchema> & { cipher: PersonalDataCipher }) {
  const figures = await volunteerFigures(tx, caller, input);
  const tenantId = communityOf(caller);
  const ids = figures.volunteers.map((v) => v.residentId);
  const sealed = ids.length ? await tx.select({ id: residents.id, nameEnc: residents.nameEnc }).from(residents).where(and(eq(residents.tenantId, tenantId), inArray(residents.id, ids))) : [];
  const open = (residentId: string, hint: string) => {
    const enc = sealed.find((n) => n.id === residentId)?.nameEnc;
    try {
      return enc ? input.cipher.decrypt(enc) : hint;
    } catch {
      return hint;
    }
  };
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('汇总');
  summary.addRow([`${figures.year} 年志愿服务情况汇总`]);
  summary.addRow(['服务队数', '开展活动（次）', '服务人次', '参与志愿者（人）', '服务时长（小时）']);
  summary.addRow([figures.teams.length, figures.totals.activities, figures.totals.attendances, figures.totals.volunteers, figures.totals.hours]);
  const teamSheet = wb.addWorksheet('服务队');
  teamSheet.addRow(['服务队', '活动（次）', '班次', '服务人次', '志愿者（人）', '服务时长（小时）', ...MONTHS]);
  for (const t of figures.teams) teamSheet.addRow([t.name, t.activities, t.shifts, t.attendances, t.volunteers, t.hours, ...t.months]);
  const people = wb.addWorksheet('志愿者');
  people.addRow(['序号', '姓名', '服务队', '服务次数', '服务时长（小时）', ...MONTHS, '星级']);
  figures.volunteers.forEach((v, i) => people.addRow([i + 1, open(v.residentId, v.nameHint), v.teams.join('、'), v.times, v.hours, ...v.months, v.stars ? `${v.stars}星` : '']));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_figures_exported', subjectType: 'Volunteer', subjectId: tenantId, detail: { year: figures.year, people: figures.volunteers.length } });
  const bytes = Buffer.from(await xlsxBytes(wb));
  return { fileName: `志愿服务统计-${figures.year}.xlsx`, bytes };
}
