import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { cleanText, isRosterExample, maskMobile, maskName, normalizeMobile, occurrencesBetween, PARTNER_FILE_MAX_BYTES, PARTNER_KIND_NAMES, PARTNER_UNIT_KINDS, type PartnerUnitKind, promiseCounts, promiseRate } from '@shequ/domain';
import { cases, partnerUnits, servicePostClaims, serviceOccurrences, servicePosts, serviceRatings, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { Caller, StaffCaller } from '../caller.ts';
import { type Problem, REFUSAL_CODES, type RefusalCode, UseCaseError } from '../errors.ts';
import { readTable } from '../onboarding/bulk/read-file.ts';
import { parseInput } from '../parse-input.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import {
  type ClaimServicePostFields,
  claimServicePostSchema,
  type PartnerUnitFields,
  partnerUnitSchema,
  type RateOccurrenceFields,
  rateOccurrenceSchema,
  type RecordOccurrenceFields,
  recordOccurrenceSchema,
  type ServicePostFields,
  servicePostSchema,
} from './partners.schema.ts';
import { assertPeopleServed } from './occurrence-code.ts';
import { checkPostLeader } from './post-leader.ts';
import { codeHash, communityOf, newCode } from './shared.ts';

// Partner units (共建单位) and their service posts (服务岗位): "居民点单、社区派单、单位接单" (issue 18, decision 037).
// Units in the area are parties to community consultation (中办发〔2015〕41号; 民政部 2016, POLICY.md).

function partnerScope(caller: StaffCaller, action: 'read' | 'create' | 'update') {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, action, subject('PartnerUnit', { tenantId }));
  return tenantId;
}

type PartnerUnitValues = ReturnType<typeof partnerUnitSchema.parse>;
const isRefusalCode = (code: string): code is RefusalCode => (REFUSAL_CODES as readonly string[]).includes(code);

/**
 * Every problem of a unit's fields at once, each beside its field (decision 049's rule, as the residents' register:
 * a wrong mobile and a date the wrong way round are two problems of one pass, not one per try). Each field is read
 * by its own part of partnerUnitSchema, whose messages name the field (请填写单位名称, 地址最多 200 个字 …); a
 * shape no message words (a script's input) is input.invalid beside its field. Then the mobile (a mainland number)
 * and the membership (退出日期 not before 加入日期: the table's partner_units_membership check). Output: the values
 * when there is no problem, and the problems (refusal codes with `{ field }`).
 */
export function partnerUnitProblems(input: Record<string, unknown>): { unit: PartnerUnitValues | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const values: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(partnerUnitSchema.shape)) {
    const read = (schema as z.ZodTypeAny).safeParse(input[field]);
    if (read.success) {
      values[field] = read.data;
      continue;
    }
    const code = read.error.issues[0]!.message.replace(/^refusals\./, '');
    problems.push({ code: isRefusalCode(code) ? code : 'input.invalid', params: { field } });
  }
  const mobile = values.contactMobile as string | null | undefined;
  if (mobile && !normalizeMobile(mobile)) problems.push({ code: 'partner.mobile.invalid', params: { field: 'contactMobile' } });
  const since = values.memberSince as string | null | undefined;
  const until = values.memberUntil as string | null | undefined;
  if (since && until && until < since) problems.push({ code: 'partner.membership.invalid', params: { field: 'memberUntil' } });
  return { unit: problems.length ? null : (values as PartnerUnitValues), problems };
}

/** A unit's checked fields (partnerUnitProblems) with its contact sealed (AES-GCM, masked hint, keyed hash of the mobile: decision 034). */
function sealUnit(cipher: PersonalDataCipher, p: PartnerUnitValues) {
  const name = cleanText(p.name);
  const mobile = p.contactMobile ? normalizeMobile(p.contactMobile) : null;
  const contact = p.contactName ? cleanText(p.contactName) : null;
  return {
    name,
    kind: p.kind,
    address: p.address ?? null,
    contactNameEnc: contact ? cipher.encrypt(contact) : null,
    contactNameHint: contact ? maskName(contact) : null,
    contactMobileEnc: mobile ? cipher.encrypt(mobile) : null,
    contactMobileHint: mobile ? maskMobile(mobile) : null,
    contactMobileIndex: mobile ? cipher.blindIndex('mobile', mobile) : null,
    offers: p.offers ?? null,
    memberSince: p.memberSince ?? null,
    memberUntil: p.memberUntil ?? null,
    partyMembersReported: p.partyMembersReported,
  };
}

/**
 * Registers a partner unit of the community: kind (enterprise, public institution, social organisation, individual
 * business, a unit's party organisation), address, contact person (name and mobile sealed, shown masked), what it
 * can offer, committee membership dates, party members who reported to the community (在职党员报到).
 * Input: partnerUnitSchema's fields and the cipher. Output: `{ id }`.
 * Refuses, every problem at once (partnerUnitProblems): partner.name.required / tooLong; partner.kind.invalid;
 * partner.mobile.invalid; partner.membership.invalid (退出日期 before 加入日期, field memberUntil); the other fields'
 * own words; then partner.name.taken; forbidden.
 */
export async function registerPartnerUnit(tx: Tx, caller: StaffCaller, input: PartnerUnitFields & { cipher: PersonalDataCipher }) {
  const tenantId = partnerScope(caller, 'create');
  const { unit, problems } = partnerUnitProblems(input);
  const refusal = UseCaseError.of(problems);
  if (!unit) throw refusal!;
  const sealed = sealUnit(input.cipher, unit);
  const [row] = await tx.insert(partnerUnits).values({ tenantId, ...sealed, createdBy: caller.actor.userId }).onConflictDoNothing().returning({ id: partnerUnits.id });
  if (!row) throw new UseCaseError('partner.name.taken', { field: 'name' });
  return { id: row.id };
}

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

/** The community's partner units (contact masked) with their figures (see partnerFigures). */
export async function listPartnerUnits(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = partnerScope(caller, 'read');
  const units = await tx.select().from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId)).orderBy(asc(partnerUnits.name));
  const figures = await partnerFigures(tx, tenantId, null, input.now ?? new Date());
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    address: u.address,
    contactNameHint: u.contactNameHint,
    contactMobileHint: u.contactMobileHint,
    offers: u.offers,
    memberSince: u.memberSince,
    memberUntil: u.memberUntil,
    partyMembersReported: u.partyMembersReported,
    ...(figures.get(u.id) ?? { postsClaimed: 0, promised: 0, delivered: 0, upcoming: 0, promiseRate: null, peopleServed: 0, ratings: 0, averageRating: null }),
  }));
}

/**
 * Per unit: posts claimed (active claims), occurrences promised (`promised`: those due, domain promiseCounts) and
 * delivered, `upcoming` (scheduled, not yet due), 承诺兑现率 (domain promiseRate: delivered of those due; cancelled ones
 * and future ones are no promise yet), people served, residents' ratings.
 * `year`: only that year's occurrences (China time), or all when null.
 */
export async function partnerFigures(tx: Tx, tenantId: string, year: number | null, now: Date) {
  const claims = await tx.select({ unit: servicePostClaims.partnerUnitId }).from(servicePostClaims).where(and(eq(servicePostClaims.tenantId, tenantId), isNull(servicePostClaims.endedOn)));
  const range = year ? and(gte(serviceOccurrences.startsAt, new Date(`${year}-01-01T00:00:00+08:00`)), lte(serviceOccurrences.startsAt, new Date(`${year}-12-31T23:59:59+08:00`))) : undefined;
  const occ = await tx
    .select({ id: serviceOccurrences.id, unit: serviceOccurrences.partnerUnitId, status: serviceOccurrences.status, startsAt: serviceOccurrences.startsAt, served: serviceOccurrences.peopleServed })
    .from(serviceOccurrences)
    .where(and(eq(serviceOccurrences.tenantId, tenantId), range));
  const ratings = await tx
    .select({ unit: serviceOccurrences.partnerUnitId, n: sql<number>`count(*)::int`, sum: sql<number>`sum(${serviceRatings.stars})::int` })
    .from(serviceRatings)
    .innerJoin(serviceOccurrences, and(eq(serviceOccurrences.tenantId, serviceRatings.tenantId), eq(serviceOccurrences.id, serviceRatings.occurrenceId)))
    .where(and(eq(serviceRatings.tenantId, tenantId), range))
    .groupBy(serviceOccurrences.partnerUnitId);
  const out = new Map<string, { postsClaimed: number; promised: number; delivered: number; upcoming: number; promiseRate: number | null; peopleServed: number; ratings: number; averageRating: number | null }>();
  const units = new Set([...claims.map((c) => c.unit), ...occ.map((o) => o.unit), ...ratings.map((r) => r.unit)]);
  for (const unit of units) {
    const mine = occ.filter((o) => o.unit === unit);
    const rated = ratings.find((r) => r.unit === unit);
    const states = mine.map((o) => ({ status: o.status as 'scheduled', startsAt: o.startsAt }));
    const counts = promiseCounts(states, now);
    out.set(unit, {
      postsClaimed: claims.filter((c) => c.unit === unit).length,
      promised: counts.due,
      delivered: counts.kept,
      upcoming: counts.upcoming,
      promiseRate: promiseRate(states, now),
      peopleServed: mine.reduce((s, o) => s + (o.served ?? 0), 0),
      ratings: rated?.n ?? 0,
      averageRating: rated?.n ? Math.round((rated.sum / rated.n) * 10) / 10 : null,
    });
  }
  return out;
}

/**
 * Publishes a service post: what, for whom, where, recurrence, time, capacity, keywords, and its leader (负责人, a
 * person of the register) with whether the post requires a party member as leader (党员先锋岗). Output `{ id }`.
 * Refuses: partner.recurrence.invalid; partner.leader.required / notEligible / notPartyMember (checkPostLeader);
 * forbidden.
 */
export async function createServicePost(tx: Tx, caller: StaffCaller, input: ServicePostFields) {
  const tenantId = partnerScope(caller, 'create');
  const p = parseInput(servicePostSchema, input);
  const leaderResidentId = await checkPostLeader(tx, caller, tenantId, p);
  const [row] = await tx
    .insert(servicePosts)
    .values({ tenantId, ...p, description: p.description ?? null, audience: p.audience ?? null, place: p.place ?? null, leaderResidentId, requiresPartyLeader: Boolean(p.requiresPartyLeader) })
    .returning({ id: servicePosts.id });
  return { id: row!.id };
}

/** A unit claims (认领) a post from a day. Output `{ id }`. Refuses: partner.notFound; partner.claim.taken; forbidden. */
export async function claimServicePost(tx: Tx, caller: StaffCaller, input: ClaimServicePostFields) {
  const tenantId = partnerScope(caller, 'update');
  const p = parseInput(claimServicePostSchema, input);
  const [post] = await tx.select({ id: servicePosts.id }).from(servicePosts).where(and(eq(servicePosts.tenantId, tenantId), eq(servicePosts.id, p.postId)));
  const [unit] = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, p.partnerUnitId)));
  if (!post || !unit) throw new UseCaseError('partner.notFound');
  const [row] = await tx.insert(servicePostClaims).values({ tenantId, postId: post.id, partnerUnitId: unit.id, claimedOn: p.claimedOn }).onConflictDoNothing().returning({ id: servicePostClaims.id });
  if (!row) throw new UseCaseError('partner.claim.taken');
  return { id: row.id };
}

/**
 * Generates the occurrences (promises) of every active claim between two days (YYYY-MM-DD, China time) from its
 * post's recurrence, from the claim's day on; idempotent (one per claim and start). Output: `{ created }`.
 */
export async function generateOccurrences(tx: Tx, caller: StaffCaller, input: { from: string; to: string }) {
  const tenantId = partnerScope(caller, 'update');
  const claims = await tx
    .select({ claim: servicePostClaims, post: servicePosts })
    .from(servicePostClaims)
    .innerJoin(servicePosts, and(eq(servicePosts.tenantId, servicePostClaims.tenantId), eq(servicePosts.id, servicePostClaims.postId)))
    .where(and(eq(servicePostClaims.tenantId, tenantId), eq(servicePosts.active, true)));
  const values = claims.flatMap(({ claim, post }) => {
    const from = claim.claimedOn > input.from ? claim.claimedOn : input.from;
    const to = claim.endedOn && claim.endedOn < input.to ? claim.endedOn : input.to;
    return occurrencesBetween(post.recurrence, post.startTime, from, to).map((startsAt) => ({ tenantId, postId: post.id, claimId: claim.id, partnerUnitId: claim.partnerUnitId, startsAt }));
  });
  if (!values.length) return { created: 0 };
  const rows = await tx.insert(serviceOccurrences).values(values).onConflictDoNothing().returning({ id: serviceOccurrences.id });
  return { created: rows.length };
}

/**
 * Records an occurrence: delivered (checked in, with the people served), missed, or cancelled by the community.
 * Output `{ status }`. Refuses: partner.notFound; partner.occurrence.recorded (already delivered);
 * partner.served.overCapacity / tooMany (more people served than the post's places allow, decision 062); forbidden.
 */
export async function recordOccurrence(tx: Tx, caller: StaffCaller, input: RecordOccurrenceFields & { now?: Date }) {
  const tenantId = partnerScope(caller, 'update');
  const p = parseInput(recordOccurrenceSchema, input);
  const [o] = await tx.select().from(serviceOccurrences).where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, p.occurrenceId))).for('update');
  if (!o) throw new UseCaseError('partner.notFound');
  if (o.status === 'delivered') throw new UseCaseError('partner.occurrence.recorded');
  if (p.status === 'delivered') await assertPeopleServed(tx, tenantId, o.postId, p.peopleServed);
  await tx
    .update(serviceOccurrences)
    .set({ status: p.status, checkedInAt: p.status === 'delivered' ? (input.now ?? new Date()) : null, peopleServed: p.status === 'delivered' ? p.peopleServed : null })
    .where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, o.id)));
  return { status: p.status };
}

/** Issues an occurrence's check-in code (its QR, shown at the post; the same code shape as meetings'). Output `{ code }`. */
export async function issueOccurrenceCode(tx: Tx, caller: StaffCaller, input: { occurrenceId: string }) {
  const tenantId = partnerScope(caller, 'update');
  const code = newCode();
  const rows = await tx.update(serviceOccurrences).set({ checkInHash: codeHash(tenantId, 'check-in', code) }).where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, input.occurrenceId))).returning({ id: serviceOccurrences.id });
  if (!rows.length) throw new UseCaseError('partner.notFound');
  return { code };
}

/** A resident rates an occurrence (1–5 stars, anonymous). Input: `tenantId`, `occurrenceId`. Refuses: partner.notFound (not delivered). */
export async function rateOccurrence(tx: Tx, _caller: Caller, input: RateOccurrenceFields & { tenantId: string; occurrenceId: string }) {
  const p = parseInput(rateOccurrenceSchema, input);
  const [o] = await tx.select({ id: serviceOccurrences.id }).from(serviceOccurrences).where(and(eq(serviceOccurrences.tenantId, input.tenantId), eq(serviceOccurrences.id, input.occurrenceId), eq(serviceOccurrences.status, 'delivered')));
  if (!o) throw new UseCaseError('partner.notFound');
  const [row] = await tx.insert(serviceRatings).values({ tenantId: input.tenantId, occurrenceId: o.id, stars: p.stars, comment: p.comment ?? null }).returning({ id: serviceRatings.id });
  return { id: row!.id };
}

/**
 * 居民点单、社区派单、单位接单: the active posts whose keywords appear in a wish (a 理发 wish surfaces the barber's
 * post), with the units that claimed them, for the wish's page. Input: `caseId`. Output: posts (id, title,
 * recurrence rule, place) with their units' names; empty for a caller who may not read partner units (a grid
 * worker: the page offers nothing to dispatch). Refuses: consultation.notFound (not a case of the community).
 */
export async function findPostsForWish(tx: Tx, caller: StaffCaller, input: { caseId: string }) {
  const tenantId = communityOf(caller);
  if (!caller.ability.can('read', subject('PartnerUnit', { tenantId }))) return [];
  const [c] = await tx.select({ content: cases.content }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, input.caseId)));
  if (!c) throw new UseCaseError('consultation.notFound');
  const posts = (await tx.select().from(servicePosts).where(and(eq(servicePosts.tenantId, tenantId), eq(servicePosts.active, true)))).filter((p) => p.keywords.some((k) => k && c.content.includes(k)));
  if (!posts.length) return [];
  const claims = await tx
    .select({ postId: servicePostClaims.postId, unit: partnerUnits.name })
    .from(servicePostClaims)
    .innerJoin(partnerUnits, and(eq(partnerUnits.tenantId, servicePostClaims.tenantId), eq(partnerUnits.id, servicePostClaims.partnerUnitId)))
    .where(and(eq(servicePostClaims.tenantId, tenantId), inArray(servicePostClaims.postId, posts.map((p) => p.id)), isNull(servicePostClaims.endedOn)));
  return posts.map((p) => ({ id: p.id, title: p.title, recurrence: p.recurrence, place: p.place, units: claims.filter((c) => c.postId === p.id).map((c) => c.unit) }));
}
