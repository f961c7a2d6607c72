import ExcelJS from 'exceljs';
import { chinaDateTime, yuan } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { z } from '../zod.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { openOr, type PersonalDataCipher } from '../security/personal-data.ts';
import { claimCategory, claimIdNumber, servedMeals } from './served-meals.ts';
import { mealMonthSchema } from './meals.schema.ts';
import { assertMealStaff, mealCommunity } from './station.ts';
import { xlsxBytes } from '../export/xlsx.ts';

/**
 * The month's subsidy claim the station sends to 民政 (Excel, .xlsx): sheet 汇总 (by category: people, meals,
 * subsidy, and the total), 明细 (every served meal: date, sitting, name, full ID number, category, price, subsidy,
 * paid, how it was confirmed and when) and 按人 (per person: name, full ID number, category, meals, subsidy); a meal
 * without a subsidy is 无补贴 on every sheet. Its totals are the sums of the served-meal records, row for row (only
 * meals actually served are claimed: 民发〔2023〕58号, POLICY.md). The authority matches each person by their full
 * ID number, so names and ID numbers are opened with the cipher (claimIdNumber; 未登记 where the register has none):
 * only the station's staff who may reveal personal data export it, and each export is written to the audit log
 * with its counts (decision 009). Amounts in yuan with two decimals.
 * Input: `{ month: 'YYYY-MM', cipher }`. Output: `{ fileName, bytes, meals, subsidyCents }`.
 * Refuses: forbidden (not the station's staff, or may not reveal personal data).
 */
export async function exportMealClaim(tx: Tx, caller: StaffCaller, input: z.input<typeof mealMonthSchema> & { cipher: PersonalDataCipher }) {
  assertMealStaff(caller, 'update');
  const tenantId = mealCommunity(caller);
  assertCan(caller.ability, 'reveal', subject('PersonalData', { tenantId }));
  const p = parseInput(mealMonthSchema, input);
  const rows = await servedMeals(tx, tenantId, p.month);
  const name = (enc: string, hint: string) => openOr(input.cipher, enc, hint);
  const idNumber = (r: (typeof rows)[number]) => claimIdNumber(input.cipher, r.idNumberEnc, r.idNumberHint);
  const money = (cents: number) => Number(yuan(cents));
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('汇总');
  summary.addRow([`${p.month} 老年助餐补贴申领汇总`]);
  summary.addRow(['补贴类别', '人数', '餐次', '补贴金额（元）']);
  const cats = new Map<string, { people: Set<string>; meals: number; cents: number }>();
  for (const r of rows) {
    const c = cats.get(claimCategory(r.category)) ?? { people: new Set(), meals: 0, cents: 0 };
    c.people.add(r.residentId);
    c.meals += 1;
    c.cents += r.subsidyCents;
    cats.set(claimCategory(r.category), c);
  }
  for (const [cat, c] of cats) summary.addRow([cat, c.people.size, c.meals, money(c.cents)]);
  const total = rows.reduce((a, r) => a + r.subsidyCents, 0);
  summary.addRow(['合计', new Set(rows.map((r) => r.residentId)).size, rows.length, money(total)]);

  const detail = wb.addWorksheet('明细');
  detail.addRow(['日期', '餐次', '姓名', '身份证号', '补贴类别', '餐费（元）', '补贴（元）', '自付（元）', '确认方式', '确认时间']);
  for (const r of rows) {
    detail.addRow([r.day, r.sitting, name(r.nameEnc, r.nameHint), idNumber(r), claimCategory(r.category), money(r.priceCents), money(r.subsidyCents), money(r.priceCents - r.subsidyCents), r.servedVia === 'delivery' ? '送餐确认' : '扫码取餐', r.servedAt ? chinaDateTime(r.servedAt) : '']);
  }
  const perPerson = wb.addWorksheet('按人');
  perPerson.addRow(['姓名', '身份证号', '补贴类别', '餐次', '补贴（元）']);
  const people = new Map<string, { name: string; idNumber: string; category: string; meals: number; cents: number }>();
  for (const r of rows) {
    const x = people.get(r.residentId) ?? { name: name(r.nameEnc, r.nameHint), idNumber: idNumber(r), category: claimCategory(r.category), meals: 0, cents: 0 };
    x.meals += 1;
    x.cents += r.subsidyCents;
    if (r.category) x.category = r.category; // as the settlement page's per person: the category that was subsidised
    people.set(r.residentId, x);
  }
  for (const x of people.values()) perPerson.addRow([x.name, x.idNumber, x.category, x.meals, money(x.cents)]);
  for (const sheet of [summary, detail, perPerson]) sheet.columns.forEach((c) => (c.width = 14));
  // The ID number columns wide enough for 18 characters, and text (never a number Excel would round).
  for (const [sheet, col] of [[detail, 4], [perPerson, 2]] as const) {
    sheet.getColumn(col).width = 21;
    sheet.getColumn(col).numFmt = '@';
  }
  const bytes = await xlsxBytes(wb);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'export_meal_claim', subjectType: 'MealService', subjectId: null, detail: { month: p.month, meals: rows.length, people: people.size, idNumbers: true } });
  return { fileName: `助餐补贴申领-${p.month}.xlsx`, bytes, meals: rows.length, subsidyCents: total };
}
