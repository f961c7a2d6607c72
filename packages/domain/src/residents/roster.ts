import { normalizeTyped } from '../text/normalize.ts';
import type { Gender } from './register.ts';

/**
 * A community's roster as offices keep it in Excel: the columns the residents' import reads (decision 034), by
 * the headings people use for them. Only 姓名 is required.
 */
export const ROSTER_COLUMNS = ['name', 'mobile', 'gender', 'birth', 'idNumber', 'building', 'unit', 'room', 'tags'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

const HEADINGS: Record<RosterColumn, string[]> = {
  name: ['姓名', '名字', '居民姓名', 'name'],
  mobile: ['手机号', '手机', '手机号码', '联系电话', '电话', '联系方式', 'mobile', 'phone'],
  gender: ['性别', 'gender', 'sex'],
  birth: ['出生年月', '出生日期', '出生年月日', '生日', 'birth'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '身份证', 'id', 'idnumber'],
  building: ['楼栋', '楼号', '楼栋号', '栋', 'building'],
  unit: ['单元', '单元号', 'unit'],
  room: ['房号', '门牌号', '房间号', '室', 'room'],
  tags: ['标签', '人员类别', '类别', '人员类型', 'tags'],
};

/** The import template's headings, in ROSTER_COLUMNS' order: each column's usual name (the first the import reads). */
export const ROSTER_TEMPLATE_HEADINGS: Record<RosterColumn, string> = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, HEADINGS[c][0]!])) as Record<RosterColumn, string>;

/** The template's example row begins its 姓名 with this mark; the import skips such a row (it is not a person). */
export const ROSTER_EXAMPLE_MARK = '（示例）';

/** Whether a roster row's 姓名 marks the template's example row (full- or half-width brackets alike). */
export function isRosterExample(name: string | undefined): boolean {
  return normalizeTyped(name ?? '').trim().startsWith(normalizeTyped(ROSTER_EXAMPLE_MARK));
}

/** The column each heading names (null for a column the import does not read). */
export function mapRosterHeaders(headings: string[]): (RosterColumn | null)[] {
  const seen = new Set<RosterColumn>();
  return headings.map((h) => {
    const key = normalizeTyped(h).replace(/[\s*＊:：]/g, '').toLowerCase();
    const column = ROSTER_COLUMNS.find((c) => HEADINGS[c].includes(key)) ?? null;
    if (!column || seen.has(column)) return null;
    seen.add(column);
    return column;
  });
}

/** 男 / 女 (and male, female, M, F); null for empty; 'unknown' for anything else. */
export function parseGender(input: string): Gender | null | 'unknown' {
  const v = normalizeTyped(input).trim().toLowerCase();
  if (!v) return null;
  if (['男', 'male', 'm', '男性'].includes(v)) return 'male';
  if (['女', 'female', 'f', '女性'].includes(v)) return 'female';
  return 'unknown';
}

/**
 * A birth cell as the roster holds it: Excel keeps a date typed into a cell of General format as its serial number
 * (days since 1899-12-30: 18172 is 1949-10-01), which reaches us as five digits; those are read as the date they
 * stand for (a year, 1948, or a month, 194803, has four or six digits and passes through unchanged).
 */
export function rosterBirth(cell: string | undefined): string | undefined {
  const v = (cell ?? '').trim();
  if (!/^\d{5}(\.\d+)?$/.test(v)) return cell;
  const day = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(v)) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** Tags written in one cell: 独居、高龄 / 独居,高龄 / 独居 高龄. */
export function splitTags(cell: string): string[] {
  return [...new Set(normalizeTyped(cell).split(/[、,，;；\s|]+/).map((t) => t.trim()).filter(Boolean))];
}

/** A building as typed in a roster (3, 3号楼, 3栋, ３栋) matched to the community's building names. */
export function matchBuilding(typed: string, names: readonly string[]): string | null {
  const v = normalizeTyped(typed).replace(/\s/g, '');
  if (!v) return null;
  if (names.includes(v)) return v;
  const digits = /^(\d+)(?:号楼|号|栋|幢|楼)?$/.exec(v)?.[1];
  if (!digits) return null;
  return names.find((n) => new RegExp(`^${digits}(?:号楼|号|栋|幢|楼)?$`).test(n)) ?? null;
}

export const MAX_ROSTER_ROWS = 5000;
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;
