import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import {
  type Channel,
  cleanText,
  CONTENT_MAX_LENGTH,
  maskMobile,
  maskName,
  MAX_PHOTOS,
  NAME_MAX_LENGTH,
  normalizeMobile,
  PHOTO_MAX_BYTES,
  sniffImageType,
  submissionKeyOrNull,
  trackingCodeFromBytes,
  formatTrackingCode,
  allowedWorkingMs,
  chinaDate,
  planDeadline,
} from '@shequ/domain';
import { type Db, newId, outbox, pipelinedTenantTransaction, withTenant } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { caseInputSchema } from './submit-case.schema.ts';
import { communityFacts, communitySlaPolicy, forgetCommunityFacts, workingCalendar } from '../deadlines/policy.ts';
import { notificationText } from '../notifications/notify.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import { cleanPhoto } from '../storage/clean-photo.ts';

export type SubmitCaseInput = {
  tenantId: string;
  categoryId: string;
  content: string;
  buildingId?: string | null;
  name?: string | null;
  mobile?: string | null;
  consent: boolean;
  photos: Uint8Array[];
  channel: Channel;
  /** The form's random key (see submissionKeyOrNull): the same form sent again stores nothing new. */
  submissionKey?: string | null;
  /**
   * The key alone decides (a record id generated on a phone, issue 20): the same key with other words is still the
   * case already stored (answered `repeated`), never a new one. Without it, a resident's form page sent again with
   * other words (back, edit, send) is a new case.
   */
  keyDecides?: boolean;
};

/** Where a failure after the case's commit is said (the app's logger): nobody is refused for it, so it must be logged. */
export type CaseLog = { error: (detail: Record<string, unknown>, message: string) => void };
/** Without the app's logger (a script, a seed), such a failure is written to stderr: never silent. */
const STDERR_LOG: CaseLog = { error: (detail, message) => console.error(message, detail) };

export type CaseDeps = { cipher: PersonalDataCipher; storage: PhotoStorage; log?: CaseLog };

/** A new form's submission key: 128 random bits, URL-safe (22 characters). */
export function newSubmissionKey(): string {
  return randomBytes(16).toString('base64url');
}

const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/** Checks what a resident sent; every problem names its field, so the form can put the message next to it. */
export function validateIntake(input: SubmitCaseInput) {
  const content = cleanText(input.content ?? '');
  if (!content) throw new UseCaseError('intake.content.required', { field: 'content' });
  if (Array.from(content).length > CONTENT_MAX_LENGTH) throw new UseCaseError('intake.content.tooLong', { field: 'content', max: CONTENT_MAX_LENGTH });
  const name = cleanText(input.name ?? '') || null;
  if (name && Array.from(name).length > NAME_MAX_LENGTH) throw new UseCaseError('intake.name.tooLong', { field: 'name', max: NAME_MAX_LENGTH });
  const rawMobile = (input.mobile ?? '').trim();
  const mobile = rawMobile ? normalizeMobile(rawMobile) : null;
  if (rawMobile && !mobile) throw new UseCaseError('intake.mobile.invalid', { field: 'mobile' });
  if ((name || mobile) && !input.consent && input.channel === 'qr') throw new UseCaseError('intake.consent.required', { field: 'consent' });
  if (input.photos.length > MAX_PHOTOS) throw new UseCaseError('intake.photos.tooMany', { field: 'photos', max: MAX_PHOTOS });
  const photos = input.photos.map((bytes) => {
    if (bytes.byteLength > PHOTO_MAX_BYTES) throw new UseCaseError('intake.photos.tooLarge', { field: 'photos', maxMb: PHOTO_MAX_BYTES / 1024 / 1024 });
    const mime = sniffImageType(bytes.subarray(0, 16));
    if (!mime) throw new UseCaseError('intake.photos.badType', { field: 'photos' });
    return { bytes, mime };
  });
  return { content, name, mobile, photos };
}

/**
 * A new case from a resident (QR) or recorded by staff: the hot path of the product, so it is one pipelined
 * transaction (one network round trip): set the tenant context, insert the case only if the category, building
 * and QR code check out (INSERT … SELECT, under RLS), then its photos and its first timeline event. Everything is
 * validated before anything is written; photos are stored first and removed again if the database refuses, so
 * nothing is ever half-saved.
 * Caller: a resident (anonymousCaller(): the QR code is their authority) or staff recording a wish on a resident's
 * behalf (walk-in, phone, a need found on a home visit): their right to create cases in that community is checked
 * here, and the case and its first event name them (`created_by`, actor 'staff') — the caller, never a field of the
 * input (it ignored its caller and took `createdBy` from the input). Input: SubmitCaseInput, `qrToken` (the QR path), `deps`
 * (cipher and photo storage). Output: `{ id, trackingCode, repeated }` (repeated: the same submissionKey sent again).
 * Refuses: intake.* (the schema's and the community's checks: category, building, QR code, photos); forbidden (a staff
 * caller who may not create cases in that community).
 */
export async function submitCase(db: Db, caller: Caller, input: SubmitCaseInput & { qrToken?: string | null; deps: CaseDeps }, now = new Date()) {
  const { deps } = input;
  const createdBy = caller.actor ? caller.actor.userId : null;
  // Staff record a case only where they may (the ability is of their workspace: another community's is refused).
  if (caller.actor) assertCan(caller.ability, 'create', subject('Case', { tenantId: input.tenantId, assigneeId: null, gridWorkerId: null, holderOrgUnitId: input.tenantId }));
  const { content, name, mobile, photos } = validateIntake(input);
  // The same fields the forms were checked with (submit-case.schema.ts): category and building ids, and the rest again.
  parseInput(caseInputSchema, { categoryId: input.categoryId, content: input.content, buildingId: input.buildingId || null, name: input.name, mobile: input.mobile, submissionKey: input.submissionKey });
  const tenantId = input.tenantId;
  const id = newId();
  const hint = [name ? maskName(name) : null, mobile ? maskMobile(mobile) : null].filter(Boolean).join(' ') || null;
  const nameEnc = name ? deps.cipher.encrypt(name) : null;
  const mobileEnc = mobile ? deps.cipher.encrypt(mobile) : null;
  // The register finds a person's wishes by this keyed hash (decision 034), never by decrypting cases.
  const mobileIndex = mobile ? deps.cipher.blindIndex('mobile', mobile) : null;
  const consentAt = name || mobile ? now : null;
  const buildingInput = input.buildingId ?? null;
  const qrToken = input.qrToken ?? null;
  const actorKind = createdBy ? 'staff' : 'resident';
  let submissionKey = submissionKeyOrNull(input.submissionKey);

  // Only the cleaned picture is ever stored (no EXIF, no GPS position), so staff, officers and exports see nothing else.
  const cleaned = await Promise.all(photos.map(async (p) => ({ mime: p.mime, bytes: await cleanPhoto(p.bytes, p.mime) })));
  const stored = cleaned.map((p) => {
    const photoId = newId();
    return { id: photoId, key: `${tenantId}/${photoId}.${EXT[p.mime]}`, ...p };
  });
  for (const p of stored) await deps.storage.put(p.key, p.bytes);

  // Deadlines and the grid worker's notice go into the same round trip; the policy and names come from caches.
  const intake = await intakePlan(db, tenantId, input.categoryId, now);

  let created: { trackingCode: string; unknownWorker: string | null } | null = null;
  try {
    for (let attempt = 0; attempt < 4; attempt++) {
      const trackingCode = trackingCodeFromBytes(randomBytes(10));
      const at = now.toISOString();
      // One statement writes the case and everything that comes with it (data-modifying CTEs, each reading the
      // case from new_case's RETURNING): fewer statements for PostgreSQL to run than one per table, which was a
      // visible share of its CPU per submission in `pnpm bench intake`. Nothing is written unless the case is.
      const results = await pipelinedTenantTransaction(db.$client, tenantId, (sql) => [
        sql`
          with new_case as (
            insert into cases (tenant_id, id, tracking_code, category_id, content, building_id, grid_id, channel,
              reporter_name_enc, reporter_mobile_enc, reporter_mobile_index, reporter_hint, consent_at, created_by, created_at, updated_at, submission_key)
            select ${tenantId}::uuid, ${id}::uuid, ${trackingCode}, c.id, ${content}, b.id, b.grid_id, ${input.channel}::case_channel,
              ${nameEnc}::text, ${mobileEnc}::text, ${mobileIndex}::varchar, ${hint}::text, ${consentAt?.toISOString() ?? null}::timestamptz, ${createdBy}::uuid,
              ${at}::timestamptz, ${at}::timestamptz, ${submissionKey}::varchar
            from categories c
            left join qr_codes q on q.tenant_id = c.tenant_id and q.token = ${qrToken} and q.replaced_at is null
            left join buildings b on b.tenant_id = c.tenant_id and b.id = coalesce(q.building_id, ${buildingInput}::uuid)
            where c.tenant_id = ${tenantId} and c.id = ${input.categoryId} and c.active
              and (${qrToken}::text is null or q.id is not null)
              and (coalesce(q.building_id, ${buildingInput}::uuid) is null or b.id is not null)
            on conflict do nothing
            returning tenant_id, id, grid_id
          ), first_event as (
            insert into case_events (tenant_id, id, case_id, at, actor_kind, actor_user_id, type, public, data)
            select tenant_id, ${newId()}::uuid, id, ${at}::timestamptz, ${actorKind}::text, ${createdBy}::uuid, 'submitted', true,
              ${JSON.stringify({ channel: input.channel, photos: stored.length })}::jsonb
            from new_case
          )${intake ? sql`, ${intakeWrites(sql, intake, trackingCode, at)}` : sql``}
          select id${intake ? sql`, (select w.user_id from worker w where not (${intake.mailToJson}::jsonb ? w.user_id::text)) as unknown_worker` : sql``} from new_case`,
        ...stored.map(
          (p) => sql`
            insert into case_photos (tenant_id, id, case_id, storage_key, mime, bytes)
            select tenant_id, ${p.id}::uuid, id, ${p.key}::text, ${p.mime}::text, ${p.bytes.byteLength}::int from cases where tenant_id = ${tenantId} and id = ${id}`,
        ),
      ]);
      if (results[0]!.length === 1) {
        created = { trackingCode, unknownWorker: (results[0]![0] as { unknown_worker?: string | null }).unknown_worker ?? null };
        break;
      }
      if (submissionKey) {
        const earlier = await caseBySubmissionKey(db, tenantId, submissionKey);
        if (earlier && (earlier.content === content || input.keyDecides)) {
          // The same form sent again (a double tap, a retry after a lost answer): the case it already stored.
          await Promise.allSettled(stored.map((p) => deps.storage.remove(p.key)));
          return { id: earlier.id, trackingCode: earlier.trackingCode, repeated: true };
        }
        // The same form page with other words (sent, then back and edited): a new case, without the key.
        if (earlier) {
          submissionKey = null;
          continue;
        }
      }
      await explainRefusal(db, tenantId, input.categoryId, buildingInput, qrToken);
      // Everything checked out, so the random tracking code collided with an existing one: draw another.
    }
    if (!created) throw new Error('could not allocate a tracking code');
  } catch (error) {
    await Promise.allSettled(stored.map((p) => deps.storage.remove(p.key)));
    throw error;
  }
  // After the case's commit and outside the clean-up above (its photos are stored for good now): a grid worker the
  // cached facts did not know is mailed in a second transaction. Should that fail, the case and the bell's notice
  // stand and the resident is not told of a failure that is not theirs; only that one email is lost — and logged, so
  // the office can be told (it was dropped in silence: a grid worker never mailed and nobody knew).
  if (created.unknownWorker && intake) {
    const userId = created.unknownWorker;
    await mailNewGridWorker(db, tenantId, userId, intake.routedText(created.trackingCode)).catch((error: unknown) =>
      (deps.log ?? STDERR_LOG).error({ err: error, tenantId, caseId: id, userId, kind: 'case_routed' }, 'the grid worker’s email for a new case could not be queued'),
    );
  }
  return { id, trackingCode: created.trackingCode, repeated: false };
}

/**
 * The accept and resolve deadlines of a new case and the texts of its grid worker's notice, from cached policy and
 * names (no query on the hot path once warm).
 */
async function intakePlan(db: Db, tenantId: string, categoryId: string, now: Date) {
  const facts = await communityFacts(db, tenantId);
  const categoryName = facts.categories.get(categoryId);
  if (categoryName === undefined) return null; // the insert refuses it; explainRefusal says why
  const [calendar, policy] = await Promise.all([workingCalendar(db), communitySlaPolicy(db, tenantId, categoryName)]);
  const deadlines = (['accept', 'resolve'] as const).map((kind) => {
    const allowedMs = allowedWorkingMs(policy, kind);
    return { kind, allowedMs, ...planDeadline(calendar, policy, now, allowedMs) };
  });
  const routedData = { community: facts.name, category: categoryName, code: '' };
  return {
    deadlines,
    mailToJson: facts.mailToJson,
    routedData,
    routedText: (code: string) => notificationText('case_routed', { ...routedData, code: formatTrackingCode(code) }),
    receivedDay: chinaDate(now),
    resolveDueDay: chinaDate(deadlines.find((d) => d.kind === 'resolve')!.dueAt),
  };
}

/**
 * The CTEs that follow a new case (reading it from new_case): its accept and resolve deadlines, the dashboards'
 * stale days (received, resolve due), and 新微心愿 for the building's grid worker, in-app and by email when they
 * have one (the default channel).
 */
function intakeWrites(sql: postgres.ReservedSql, intake: NonNullable<Awaited<ReturnType<typeof intakePlan>>>, trackingCode: string, at: string) {
  const deadlineRows = intake.deadlines.map(
    (d, i) => sql`${i ? sql`,` : sql``} (${newId()}::uuid, ${d.kind}::varchar, ${d.allowedMs}::int, ${d.dueAt.toISOString()}::timestamptz,
      ${JSON.stringify(d.remindAt.map((r) => r.toISOString()))}::jsonb, ${(d.remindAt[0] ?? d.dueAt).toISOString()}::timestamptz, ${d.provisional}::boolean)`,
  );
  const routed = intake.routedText(trackingCode);
  const mailTo = intake.mailToJson;
  return sql`
    deadline_rows as (
      insert into deadlines (id, tenant_id, subject_type, subject_id, kind, state, started_at, allowed_ms, due_at, remind_at, wake_at, provisional)
      select d.id, nc.tenant_id, 'case', nc.id, d.kind, 'running', ${at}::timestamptz, d.allowed_ms, d.due_at, d.remind_at, d.wake_at, d.provisional
      from new_case nc cross join (values ${deadlineRows}) as d (id, kind, allowed_ms, due_at, remind_at, wake_at, provisional)
    ), stale_days as (
      insert into rollup_dirty (community_id, day)
      select nc.tenant_id, v.day from new_case nc cross join (values (${intake.receivedDay}::date), (${intake.resolveDueDay}::date)) as v (day)
      on conflict do nothing
    ), worker as (
      select nc.tenant_id as community_id, nc.id as case_id, g.grid_worker_id as user_id from new_case nc join grids g on g.tenant_id = nc.tenant_id and g.id = nc.grid_id
      where g.grid_worker_id is not null
    ), notified as (
      insert into notifications (id, user_id, kind, community_id, subject_type, subject_id, data)
      select ${newId()}::uuid, user_id, 'case_routed', community_id, 'case', case_id, ${JSON.stringify({ ...intake.routedData, code: formatTrackingCode(trackingCode) })}::jsonb from worker
    ), mailed as (
      -- The address comes from the cached facts: reading users here would bring their row-level security into the
      -- hot statement (about a fifth of PostgreSQL's time per submission). A grid worker the cache does not know yet
      -- is returned by the statement (unknown_worker) and mailed right after it (mailNewGridWorker).
      insert into outbox (id, tenant_id, channel, kind, user_id, recipient, subject, body)
      select ${newId()}::uuid, w.community_id, 'email', 'case_routed', w.user_id, ${mailTo}::jsonb ->> w.user_id::text, ${routed.subject}, ${routed.body}
      from worker w where ${mailTo}::jsonb ->> w.user_id::text is not null
    )`;
}

/**
 * 新微心愿 by email to a grid worker the cached facts did not know (assigned within the cache's minute by another
 * process): the facts are read again, and the message queued in its own transaction after the case's. The case and
 * the bell are already stored; this only adds the outside channel the person chose.
 */
async function mailNewGridWorker(db: Db, tenantId: string, userId: string, text: { subject: string; body: string }) {
  forgetCommunityFacts(tenantId);
  const recipient = (await communityFacts(db, tenantId)).mailTo[userId];
  if (!recipient) return;
  await withTenant(db, tenantId, (tx) => tx.insert(outbox).values({ tenantId, channel: 'email', kind: 'case_routed', userId, recipient, subject: text.subject, body: text.body }));
}

async function caseBySubmissionKey(db: Db, tenantId: string, key: string) {
  const [rows] = await pipelinedTenantTransaction(db.$client, tenantId, (sql) => [
    sql`select id, tracking_code, content from cases where tenant_id = ${tenantId} and submission_key = ${key}`,
  ]);
  const row = rows![0] as { id: string; tracking_code: string; content: string } | undefined;
  return row ? { id: row.id, trackingCode: row.tracking_code, content: row.content } : null;
}

/** Why the insert wrote nothing (the rare path): names the field at fault, or returns for a retry. */
async function explainRefusal(db: Db, tenantId: string, categoryId: string, buildingId: string | null, qrToken: string | null) {
  const [result] = await pipelinedTenantTransaction(db.$client, tenantId, (sql) => [
    sql`select
      exists (select 1 from categories where tenant_id = ${tenantId} and id = ${categoryId} and active) as category,
      (${qrToken}::text is null or exists (select 1 from qr_codes where tenant_id = ${tenantId} and token = ${qrToken} and replaced_at is null)) as qr,
      (${buildingId}::uuid is null or exists (select 1 from buildings where tenant_id = ${tenantId} and id = ${buildingId}::uuid)) as building`,
  ]);
  const row = result![0] as { category: boolean; qr: boolean; building: boolean } | undefined;
  if (!row!.category) throw new UseCaseError('intake.category.invalid', { field: 'categoryId' });
  if (!row!.qr) throw new UseCaseError('intake.qr.replaced');
  if (!row!.building) throw new UseCaseError('intake.building.invalid', { field: 'buildingId' });
}
