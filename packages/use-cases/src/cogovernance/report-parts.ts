import type ExcelJS from 'exceljs';
import { parseRecurrence } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { communityOf } from './shared.ts';
import { xlsxBytes } from '../export/xlsx.ts';

// The committee's yearly reports (issue 18): per partner unit, and for the committee as a whole, as data (for the
// PDF the web renders) and as Excel. Figures are those of the pages (partnerFigures: 承诺兑现率 from occurrences),
// for the year's occurrences, meetings and decisions (China time). No personal data: units' contacts stay masked.
// What the four report use cases (get-/export-committee-report.ts, get-/export-partner-unit-report.ts) share; not
// use cases, off the package root.

/** Partner units' kinds as the reports name them. */
export const KIND_NAMES: Record<string, string> = { enterprise: '企业', institution: '事业单位', social_org: '社会组织', individual_business: '个体工商户', party_org: '单位党组织' };

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * A post's recurrence as the reports name it, in the posts page's words (每周六, 每月第 2 个周六): the stored rule
 * (`monthly:2:6`) stood in the unit's report as it is stored (found checking the committee's downloads).
 */
export function recurrenceName(rule: string): string {
  const r = parseRecurrence(rule);
  if (!r) return rule;
  return r.kind === 'weekly' ? `每${WEEKDAY_NAMES[r.weekday]}` : `每月第 ${r.nth} 个${WEEKDAY_NAMES[r.weekday]}`;
}

/** A calendar year in China time. */
export const yearRange = (year: number) => ({ from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year}-12-31T23:59:59.999+08:00`) });

/** 承诺兑现率 as domain promiseRate gives it: a percent with one decimal, or null when nothing was due. */
export const pct = (rate: number | null) => rate;

/** The caller's community, once they may read its partner units and consultations and the year is in range. */
export function reportScope(caller: StaffCaller, year: number) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('PartnerUnit', { tenantId }));
  assertCan(caller.ability, 'read', subject('Consultation', { tenantId }));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UseCaseError('consultation.year.invalid', { field: 'year', min: 2000, max: 2100 });
  return tenantId;
}

/** A workbook's bytes, its columns widened for Chinese text. */
export async function workbookBytes(wb: ExcelJS.Workbook) {
  for (const sheet of wb.worksheets) sheet.columns.forEach((c) => (c.width = 16));
  return await xlsxBytes(wb);
}
