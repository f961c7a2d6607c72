import { and, asc, eq, gte, lt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { chinaDayStart, chinaDateTime, monthRange, yuan } from '@shequ/domain';
import { elderServiceBookings, elderServices, elderServiceSlots, residents, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { mealMonthSchema } from '../meals/meals.schema.ts';
import { parseInput } from '../parse-input.ts';
import { openOr, type PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import { assertServiceStaff, serviceCommunity } from './shared.ts';

// The station's services settled by the month, as meals are (issue 19: "price and subsidy as for meals"): only
// services actually done count, with the price and subsidy fixed when the note after the service was written
// (decision 044); the claim to 民政 is the sum of those records, row for row.

/** The services done in a month (by the slot's start, China time), one row each. Not a use case. */
export async function doneServices(tx: Tx, tenantId: string, month: string) {
  const { from, to } = monthRange(month);
  return tx
    .select({
      id: elderServiceBookings.id,
      startsAt: elderServiceSlots.startsAt,
      service: elderServices.name,
      kind: elderServices.kind,
      residentId: elderServiceBookings.residentId,
      nameHint: residents.nameHint,
      nameEnc: residents.nameEnc,
      idNumberHint: residents.idNumberHint,
      category: elderServiceBookings.category,
      priceCents: elderServiceBookings.priceCents,
      subsidyCents: elderServiceBookings.subsidyCents,
      doneAt: elderServiceBookings.doneAt,
    })
    .from(elderServiceBookings)
    .innerJoin(elderServiceSlots, and(eq(elderServiceSlots.tenantId, elderServiceBookings.tenantId), eq(elderServiceSlots.id, elderServiceBookings.slotId)))
    .innerJoin(elderServices, and(eq(elderServices.tenantId, elderServiceSlots.tenantId), eq(elderServices.id, elderServiceSlots.serviceId)))
    .innerJoin(residents, and(eq(residents.tenantId, elderServiceBookings.tenantId), eq(residents.id, elderServiceBookings.residentId)))
    .where(
      and(
        eq(elderServiceBookings.tenantId, tenantId),
        eq(elderServiceBookings.status, 'done'),
        gte(elderServiceSlots.startsAt, chinaDayStart(from)),
        lt(elderServiceSlots.startsAt, chinaDayStart(to)),
      ),
    )
    .orderBy(asc(elderServiceSlots.startsAt), asc(elderServiceBookings.id));
}

type DoneRow = Awaited<ReturnType<typeof doneServices>>[number];

function group<K>(rows: DoneRow[], key: (r: DoneRow) => K) {
  const out = new Map<K, { uses: number; priceCents: number; subsidyCents: number; people: Set<string> }>();
  for (const r of rows) {
    const g = out.get(key(r)) ?? { uses: 0, priceCents: 0, subsidyCents: 0, people: new Set<string>() };
    g.uses += 1;
    g.priceCents += r.priceCents;
    g.subsidyCents += r.subsidyCents;
    g.people.add(r.residentId);
    out.set(key(r), g);
  }
  return out;
}

/**
 * The month's settlement of the station's services: services done, full price, subsidy and what people paid (fen),
 * by service, by subsidy category and by person (masked names). Bookings cancelled or missed (no-show) do not count.
 * Input: `{ month: 'YYYY-MM' }`. Output: `{ month, uses, priceCents, subsidyCents, paidCents, byService[],
 * byCategory[], byPerson[] }`. Refuses: forbidden (not the station's staff); a malformed month (invalid input).
 */
export async function getServiceSettlement(tx: Tx, caller: StaffCaller, input: z.input<typeof mealMonthSchema>) {
  assertServiceStaff(caller, 'update');
  const tenantId = serviceCommunity(caller);
  const p = parseInput(mealMonthSchema, input);
  const rows = await doneServices(tx, tenantId, p.month);
  const sum = (f: (r: DoneRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const byPersonRaw = group(rows, (r) => r.residentId);
  return {
    month: p.month,
    uses: rows.length,
    priceCents: sum((r) => r.priceCents),
    subsidyCents: sum((r) => r.subsidyCents),
    paidCents: sum((r) => r.priceCents - r.subsidyCents),
    byService: [...group(rows, (r) => r.service)].map(([service, g]) => ({ service, uses: g.uses, people: g.people.size, priceCents: g.priceCents, subsidyCents: g.subsidyCents })),
    byCategory: [...group(rows, (r) => r.category)].map(([category, g]) => ({ category, uses: g.uses, people: g.people.size, subsidyCents: g.subsidyCents })).sort((a, b) => b.subsidyCents - a.subsidyCents),
    byPerson: [...byPersonRaw].map(([residentId, g]) => {
      const first = rows.find((r) => r.residentId === residentId)!;
      return { residentId, nameHint: first.nameHint, category: first.category, uses: g.uses, subsidyCents: g.subsidyCents, paidCents: g.priceCents - g.subsidyCents };
    }).sort((a, b) => b.subsidyCents - a.subsidyCents || b.uses - a.uses),
  };
}

/**
 * The month's subsidy claim for the station's services (Excel, .xlsx), as the meal claim: sheet 汇总 (by service and
 * category: people, uses, subsidy, and the total), 明细 (every service done: time, service, name, masked ID number,
 * category, price, subsidy, paid, when done). Its totals are the sums of the done-service records (only services
 * actually given are claimed: 民发〔2023〕58号's rule for meals, applied to the station's services by decision 044).
 * Names are opened with the cipher, so the export is audited (decision 009). Amounts in yuan with two decimals.
 * Input: `{ month: 'YYYY-MM', cipher }`. Output: `{ fileName, bytes, uses, subsidyCents }`.
 * Refuses: forbidden (not the station's staff); a malformed month (invalid input).
 */
export async function exportServiceClaim(tx: Tx, caller: StaffCaller, input: z.input<typeof mealMonthSchema> & { cipher: PersonalDataCipher }) {
  assertServiceStaff(caller, 'update');
  const tenantId = serviceCommunity(caller);
  const p = parseInput(mealMonthSchema, input);
  const rows = await doneServices(tx, tenantId, p.month);
  const name = (enc: string, hint: string) => openOr(input.cipher, enc, hint);
  const money = (cents: number) => Number(yuan(cents));
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('汇总');
  summary.addRow([`${p.month} 养老服务站服务补贴申领汇总`]);
  summary.addRow(['服务项目', '补贴类别', '人数', '次数', '补贴金额（元）']);
  for (const [key, g] of group(rows, (r) => `${r.service}\u0000${r.category ?? '无补贴'}`)) {
    const [service, category] = key.split('\u0000');
    summary.addRow([service, category, g.people.size, g.uses, money(g.subsidyCents)]);
  }
  const total = rows.reduce((a, r) => a + r.subsidyCents, 0);
  summary.addRow(['合计', '', new Set(rows.map((r) => r.residentId)).size, rows.length, money(total)]);
  const detail = wb.addWorksheet('明细');
  detail.addRow(['服务时间', '服务项目', '姓名', '身份证号', '补贴类别', '价格（元）', '补贴（元）', '自付（元）', '完成时间']);
  for (const r of rows) {
    detail.addRow([chinaDateTime(r.startsAt), r.service, name(r.nameEnc, r.nameHint), r.idNumberHint ?? '', r.category ?? '', money(r.priceCents), money(r.subsidyCents), money(r.priceCents - r.subsidyCents), r.doneAt ? chinaDateTime(r.doneAt) : '']);
  }
  for (const sheet of [summary, detail]) sheet.columns.forEach((c) => (c.width = 14));
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'export_service_claim', subjectType: 'ElderService', subjectId: null, detail: { month: p.month, uses: rows.length } });
  return { fileName: `养老服务补贴申领-${p.month}.xlsx`, bytes, uses: rows.length, subsidyCents: total };
}
