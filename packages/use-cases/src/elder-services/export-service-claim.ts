import ExcelJS from 'exceljs';
import { chinaDateTime, yuan } from '@shequ/domain';
import { type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { mealMonthSchema } from '../meals/meals.schema.ts';
import { parseInput } from '../parse-input.ts';
import { openOr, type PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import { claimCategory, claimIdNumber } from '../meals/served-meals.ts';
import { doneServices, group } from './service-settlement.ts';
import { assertServiceStaff, serviceCommunity } from './shared.ts';
import { xlsxBytes } from '../export/xlsx.ts';

/**
 * The month's subsidy claim for the station's services (Excel, .xlsx), as the meal claim: sheet 汇总 (by service and
 * category: people, uses, subsidy, and the total), 明细 (every service done: time, service, name, full ID number,
 * category, price, subsidy, paid, when done) and 按人 (per person: name, full ID number, uses, subsidy); a service
 * without a subsidy is 无补贴 on every sheet (claimCategory). The authority matches people by their full ID number
 * (claimIdNumber), so only staff who may reveal personal data export it.
 * Its totals are the sums of the done-service records (only services
 * actually given are claimed: 民发〔2023〕58号's rule for meals, applied to the station's services by decision 044).
 * Names are opened with the cipher, so the export is audited (decision 009). Amounts in yuan with two decimals.
 * Input: `{ month: 'YYYY-MM', cipher }`. Output: `{ fileName, bytes, uses, subsidyCents }`.
 * Refuses: forbidden (not the station's staff, or may not reveal personal data); a malformed month (invalid input).
 */
export async function exportServiceClaim(tx: Tx, caller: StaffCaller, input: z.input<typeof mealMonthSchema> & { cipher: PersonalDataCipher }) {
  assertServiceStaff(caller, 'update');
  const tenantId = serviceCommunity(caller);
  assertCan(caller.ability, 'reveal', subject('PersonalData', { tenantId }));
  const p = parseInput(mealMonthSchema, input);
  const rows = await doneServices(tx, tenantId, p.month);
  const name = (enc: string, hint: string) => openOr(input.cipher, enc, hint);
  const idNumber = (r: (typeof rows)[number]) => claimIdNumber(input.cipher, r.idNumberEnc, r.idNumberHint);
  const money = (cents: number) => Number(yuan(cents));
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('汇总');
  summary.addRow([`${p.month} 养老服务站服务补贴申领汇总`]);
  summary.addRow(['服务项目', '补贴类别', '人数', '次数', '补贴金额（元）']);
  for (const [key, g] of group(rows, (r) => `${r.service}\u0000${claimCategory(r.category)}`)) {
    const [service, category] = key.split('\u0000');
    summary.addRow([service, category, g.people.size, g.uses, money(g.subsidyCents)]);
  }
  const total = rows.reduce((a, r) => a + r.subsidyCents, 0);
  summary.addRow(['合计', '', new Set(rows.map((r) => r.residentId)).size, rows.length, money(total)]);
  const detail = wb.addWorksheet('明细');
  detail.addRow(['服务时间', '服务项目', '姓名', '身份证号', '补贴类别', '价格（元）', '补贴（元）', '自付（元）', '完成时间']);
  for (const r of rows) {
    detail.addRow([chinaDateTime(r.startsAt), r.service, name(r.nameEnc, r.nameHint), idNumber(r), claimCategory(r.category), money(r.priceCents), money(r.subsidyCents), money(r.priceCents - r.subsidyCents), r.doneAt ? chinaDateTime(r.doneAt) : '']);
  }
  const perPerson = wb.addWorksheet('按人');
  perPerson.addRow(['姓名', '身份证号', '次数', '补贴（元）']);
  const people = new Map<string, { name: string; idNumber: string; uses: number; cents: number }>();
  for (const r of rows) {
    const x = people.get(r.residentId) ?? { name: name(r.nameEnc, r.nameHint), idNumber: idNumber(r), uses: 0, cents: 0 };
    x.uses += 1;
    x.cents += r.subsidyCents;
    people.set(r.residentId, x);
  }
  for (const x of people.values()) perPerson.addRow([x.name, x.idNumber, x.uses, money(x.cents)]);
  for (const sheet of [summary, detail, perPerson]) sheet.columns.forEach((c) => (c.width = 14));
  for (const [sheet, col] of [[detail, 4], [perPerson, 2]] as const) {
    sheet.getColumn(col).width = 21;
    sheet.getColumn(col).numFmt = '@';
  }
  const bytes = await xlsxBytes(wb);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'export_service_claim', subjectType: 'ElderService', subjectId: null, detail: { month: p.month, uses: rows.length, people: people.size, idNumbers: true } });
  return { fileName: `养老服务补贴申领-${p.month}.xlsx`, bytes, uses: rows.length, subsidyCents: total };
}
