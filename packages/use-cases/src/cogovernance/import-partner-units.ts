import { eq } from 'drizzle-orm';
import { cleanText, isRosterExample, PARTNER_FILE_MAX_BYTES, PARTNER_KIND_NAMES, PARTNER_UNIT_KINDS, type PartnerUnitKind } from '@shequ/domain';
import { partnerUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type Problem, UseCaseError } from '../errors.ts';
import { readTable } from '../onboarding/bulk/read-file.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import {
type PartnerUnitFields
} from './partners.schema.ts';
import { partnerScope, partnerUnitProblems, sealUnit } from './partner-units.ts';

const HEADINGS: Record<string, keyof PartnerUnitFields> = {
  单位名称: 'name',
  名称: 'name',
  类型: 'kind',
  单位类型: 'kind',
  地址: 'address',
  联系人: 'contactName',
  联系电话: 'contactMobile',
  手机号: 'contactMobile',
  可提供服务: 'offers',
  服务内容: 'offers',
  加入日期: 'memberSince',
  退出日期: 'memberUntil',
  报到党员数: 'partyMembersReported',
};

const MAX_ROWS = 2000;

/** One problem of an import row: a refusal code and its values (`field`: the column it is about). */
export type PartnerImportReason = Problem;

/**
 * One row of the import's report: ok, error (a reason that is not a duplicate) or duplicate (only the name is
 * taken); `reasons`: every problem of the row at once, each with its field; `code`: the first one's code.
 */
export type PartnerImportRow = { line: number; name: string; status: 'ok' | 'error' | 'duplicate'; code: string | null; reasons: PartnerImportReason[] };

/** The kinds as the template and the messages name them. */
const KIND_WORDS = '企业、事业单位、社会组织、个体工商户、单位党组织';

/** A day typed in a sheet as 2024/3/1, 2024.3.1 or 2024年3月1日 read as 2024-03-01; anything else as it is. */
function sheetDay(value: string | undefined): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value ?? '');
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : value;
}

/**
 * Imports partner units from Excel (.xlsx) or CSV, by Chinese headings (单位名称 and 类型 required; 地址, 联系人,
 * 联系电话, 可提供服务, 加入日期, 退出日期, 报到党员数; partnerImportTemplate writes them, with an example row whose
 * 单位名称 begins with （示例）, skipped). A dry run (`commit` false) reports each row — ok, error or duplicate (a name
 * already registered, or earlier in the file) — with every problem of the row at once, each beside its column
 * (partnerUnitProblems, as the residents' import does: decision 049), and writes nothing; committing re-reads the file
 * and writes only the good rows. A 类型 that is empty or not one of the kinds (企业 …; 个体户 and the like are read)
 * is partner.import.kindMissing / kindUnknown with the kinds named. Output: `{ rows, created }`.
 * Refuses: partner.import.empty / tooLarge (over PARTNER_FILE_MAX_BYTES) / unreadable / missingColumns / tooManyRows; forbidden.
 */
export async function importPartnerUnits(tx: Tx, caller: StaffCaller, input: { bytes: Uint8Array; fileName: string; commit?: boolean; cipher: PersonalDataCipher }) {
  const tenantId = partnerScope(caller, 'create');
  if (!input.bytes.length) throw new UseCaseError('partner.import.empty');
  if (input.bytes.length > PARTNER_FILE_MAX_BYTES) throw new UseCaseError('partner.import.tooLarge', { maxMb: PARTNER_FILE_MAX_BYTES / 1024 / 1024 });
  let table: string[][];
  try {
    table = await readTable(input.bytes, input.fileName);
  } catch (error) {
    if (error instanceof UseCaseError) throw new UseCaseError('partner.import.unreadable');
    throw error;
  }
  const headerAt = table.findIndex((r) => r.some((c) => c));
  if (headerAt < 0) throw new UseCaseError('partner.import.empty');
  const columns = table[headerAt]!.map((h) => HEADINGS[h.trim()] ?? null);
  if (!columns.includes('name') || !columns.includes('kind')) throw new UseCaseError('partner.import.missingColumns', { columns: '单位名称、类型' });
  const body = table
    .slice(headerAt + 1)
    .map((cells, i) => ({ line: headerAt + i + 2, cells }))
    .filter((r) => r.cells.some((c) => c))
    // The template's example row (单位名称 beginning with （示例）) is not a unit: left in or deleted, it is skipped.
    .filter((r) => !isRosterExample(r.cells[columns.indexOf('name')]));
  if (!body.length) throw new UseCaseError('partner.import.empty');
  if (body.length > MAX_ROWS) throw new UseCaseError('partner.import.tooManyRows', { max: MAX_ROWS });
  const existing = new Set((await tx.select({ name: partnerUnits.name }).from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId))).map((r) => r.name));
  // The line where each name first appears in this file: a second row of the same name is said to repeat that line,
  // not to be a unit already registered (found from outside).
  const firstLine = new Map<string, number>();
  const rows: PartnerImportRow[] = [];
  const good: ReturnType<typeof sealUnit>[] = [];
  for (const { line, cells } of body) {
    const record: Record<string, string> = {};
    columns.forEach((key, c) => {
      if (key) record[key] = (cells[c] ?? '').trim();
    });
    const kindText = record.kind ?? '';
    const kind = PARTNER_KIND_NAMES[kindText] ?? ((PARTNER_UNIT_KINDS as readonly string[]).includes(kindText) ? (kindText as PartnerUnitKind) : undefined);
    const name = cleanText(record.name ?? '');
    // Every problem of the row at once: the kind in the sheet's words, then each field on its own, then the name taken.
    const reasons: Problem[] = [];
    if (!kind) reasons.push(kindText ? { code: 'partner.import.kindUnknown', params: { field: 'kind', kind: kindText.slice(0, 20), kinds: KIND_WORDS } } : { code: 'partner.import.kindMissing', params: { field: 'kind', kinds: KIND_WORDS } });
    const checked = partnerUnitProblems({ ...record, name: record.name ?? '', kind: kind ?? PARTNER_UNIT_KINDS[0], memberSince: sheetDay(record.memberSince), memberUntil: sheetDay(record.memberUntil) });
    reasons.push(...checked.problems);
    if (name && existing.has(name)) reasons.push({ code: 'partner.name.taken', params: { field: 'name' } });
    else if (name && firstLine.has(name)) reasons.push({ code: 'partner.import.sameName', params: { field: 'name', line: firstLine.get(name)! } });
    if (name && !firstLine.has(name)) firstLine.set(name, line);
    if (reasons.length || !checked.unit) {
      const invalid = reasons.some((r) => r.code !== 'partner.name.taken' && r.code !== 'partner.import.sameName');
      rows.push({ line, name, status: invalid ? 'error' : 'duplicate', code: reasons[0]?.code ?? null, reasons });
      continue;
    }
    good.push(sealUnit(input.cipher, checked.unit));
    rows.push({ line, name, status: 'ok', code: null, reasons: [] });
  }
  let created = 0;
  if (input.commit && good.length) {
    const inserted = await tx.insert(partnerUnits).values(good.map((g) => ({ tenantId, ...g, createdBy: caller.actor.userId }))).onConflictDoNothing().returning({ id: partnerUnits.id });
    created = inserted.length;
  }
  return { rows, created };
}
