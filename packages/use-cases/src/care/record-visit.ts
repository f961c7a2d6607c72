import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { cases, careVisits, careWindows, type Db, newId, type Tx, withScope } from '@shequ/db';
import { PHOTO_MAX_BYTES, sniffImageType } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { type CaseDeps, submitCase } from '../cases/submit-case.ts';
import { settleDeadlines } from '../deadlines/store.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import { actorScope } from '../security/actor-scope.ts';
import { cleanPhoto } from '../storage/clean-photo.ts';
import { CARE_WINDOW_SUBJECT, careCommunityOf, heldBefore } from './care-core.ts';
import { offlineMoment } from './offline-time.ts';
import { type RecordVisitFields, recordVisitSchema } from './schemas.ts';

export type RecordVisitInput = RecordVisitFields & { photo?: Uint8Array | null; now?: Date };

const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/** The wish key of the case a visit's need becomes: the same visit sent twice files one case (submitCase's key). */
export const needSubmissionKey = (visitId: string) => createHash('sha256').update(`care-visit:${visitId}`).digest('base64url').slice(0, 32);

/**
 * Records a contact with a care recipient (the quick visit form, from the staff pages or the phone app, online or
 * sent later from the phone's queue) and meets the person's windows it counts for (meetWindows): every window open at
 * its moment, on time, else a period's added visit, else one overdue window late (see meetWindows; decision 078). Visits are append-only (decision 039) and keyed by the id the
 * phone generated, so the same visit sent again (a lost answer, a repeated sync) is stored once and answered
 * `repeated: true`. A need found becomes a wish/case in the same step (`needCase`: category and text), routed as
 * every wish is (its building's grid), linked to the person; sent again, it is the same case. The photo is optional
 * and never proof (基层减负 2024, POLICY.md); its metadata (EXIF, GPS) is stripped before it is stored (decision 023).
 * Location is optional. When it happened (decision 076): a visit recorded online takes the server's time (a date the
 * phone or a post sends is ignored); one recorded offline keeps the phone's time, at most OFFLINE_VISIT_BACK_DAYS
 * (7) days back and not in the future; `receivedAt` keeps when the server got it, shown beside a visit whose date
 * differs from it. Every contact says who was seen (`seen` required, care.seen.required). A contact where nobody was seen (`seen: 'nobody'`) is stored as an attempt and meets no window:
 * 基层减负 asks no photo as proof, but a visit must have met the person or their family (decision 067).
 *
 * Takes `db`, not a transaction: the case is filed through submitCase (its own transaction) before the visit is
 * written, so a crash between the two files nothing twice (the case's key is derived from the visit id).
 * Input: RecordVisitFields (+ `photo` bytes, `now`, `deps`: cipher and photo storage, for the case and the photo).
 * Output: `{ id, repeated, caseId, windowsMet }`.
 * Refuses: care.notFound / resident.notFound (not a person the caller sees); forbidden (create CareVisit: a grid
 * worker only for the people of their grids — or, for a visit recorded offline, a person handed over from them after
 * the visit: decision 078, taken and counted for the window it falls in); care.visitedAt.future (offline, dated after now:
 * `latest`), care.visitedAt.tooOld (offline, dated more than 7 days back: `earliest`, China time); care.seen.required;
 * care.visit.taken (the id was used for another person); care.need.category / care.need.content; intake.* (the case's own refusals).
 */
export async function recordVisit(db: Db, caller: StaffCaller, input: RecordVisitInput & { deps: CaseDeps }) {
  const { deps } = input;
  const tenantId = careCommunityOf(caller);
  const parsed = parseInput(recordVisitSchema, input);
  if ((parsed.latitude ?? null) === null && (parsed.longitude ?? null) !== null) throw new UseCaseError('care.location.partial', { field: 'latitude' });
  if ((parsed.latitude ?? null) !== null && (parsed.longitude ?? null) === null) throw new UseCaseError('care.location.partial', { field: 'longitude' });
  const now = input.now ?? new Date();
  const at = visitMoment(parsed, now);
  const scope = actorScope(caller.actor);

  const before = await withScope(db, scope, async (tx) => {
    const [earlier] = await tx.select().from(careVisits).where(and(eq(careVisits.tenantId, tenantId), eq(careVisits.id, parsed.id)));
    // Their own visit sent again is answered as stored even if the person has since left their grids (a lost answer);
    // anyone else's id is answered only once the person is theirs to visit, so an id never tells whose visit it is.
    if (earlier && earlier.visitorId === caller.actor.userId) return { earlier, buildingId: null };
    try {
      const { row, gridWorkerId } = await loadResident(tx, caller.ability, tenantId, parsed.residentId);
      assertCan(caller.ability, 'create', subject('CareVisit', { tenantId, gridWorkerId }));
      return { earlier: earlier ?? null, buildingId: row.buildingId };
    } catch (error) {
      // Made on the phone while they were responsible, sent after the person was handed over (decision 078): theirs.
      const own = parsed.offline ? await heldBefore(tx, tenantId, parsed.residentId, caller.actor.userId, at) : null;
      if (!own) throw error;
      return { earlier: earlier ?? null, buildingId: own.buildingId };
    }
  });
  if (before.earlier) {
    if (before.earlier.residentId !== parsed.residentId) throw new UseCaseError('care.visit.taken');
    return { id: before.earlier.id, repeated: true, caseId: before.earlier.caseId, windowsMet: 0 };
  }

  let photoPath: string | null = null;
  if (input.photo?.byteLength) {
    if (input.photo.byteLength > PHOTO_MAX_BYTES) throw new UseCaseError('intake.photos.tooLarge', { field: 'photo', maxMb: PHOTO_MAX_BYTES / 1024 / 1024 });
    const mime = sniffImageType(input.photo.subarray(0, 16));
    if (!mime) throw new UseCaseError('intake.photos.badType', { field: 'photo' });
    // Its own name per send: two sends of one visit at once (one with another photo) never overwrite the stored one.
    photoPath = `${tenantId}/care-${parsed.id}-${newId()}.${EXT[mime]}`;
    await deps.storage.put(photoPath, await cleanPhoto(input.photo, mime, 'photo'));
  }

  let caseId: string | null = null;
  if (parsed.needCase) {
    const filed = await submitCase(
      db,
      caller,
      { tenantId, categoryId: parsed.needCase.categoryId, content: parsed.needCase.content, buildingId: before.buildingId, consent: true, photos: [], channel: 'staff', submissionKey: needSubmissionKey(parsed.id), keyDecides: true, deps },
      now,
    );
    caseId = filed.id;
  }

  return withScope(db, scope, async (tx) => {
    const [stored] = await tx
      .insert(careVisits)
      .values({
        tenantId,
        id: parsed.id,
        residentId: parsed.residentId,
        visitorId: caller.actor.userId,
        kind: parsed.kind,
        visitedAt: at,
        seen: parsed.seen,
        living: parsed.living ?? null,
        health: parsed.health ?? null,
        safety: parsed.safety,
        familyCare: parsed.familyCare ?? null,
        needs: parsed.needs,
        note: parsed.note || null,
        photoPath,
        latitude: parsed.latitude ?? null,
        longitude: parsed.longitude ?? null,
        caseId,
        offline: parsed.offline ?? false,
        receivedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: careVisits.id });
    if (!stored) {
      if (photoPath) await deps.storage.remove(photoPath).catch(() => undefined);
      return { id: parsed.id, repeated: true, caseId, windowsMet: 0 };
    }
    if (caseId) await tx.update(cases).set({ residentId: parsed.residentId }).where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId), isNull(cases.residentId)));
    // Nobody seen (无人在家, no answer): an attempt, kept as written, that meets no window (decision 067).
    const windowsMet = parsed.seen === 'nobody' ? 0 : await meetWindows(tx, tenantId, parsed.residentId, parsed.id, parsed.kind, at, now);
    return { id: parsed.id, repeated: false, caseId, windowsMet };
  });
}

/**
 * When a visit happened (decision 076): online, the server's time; offline, the phone's, refused when it is after
 * now (beyond a clock's drift) or more than OFFLINE_VISIT_BACK_DAYS back, with the bound named in China time.
 */
function visitMoment(parsed: { visitedAt: Date; offline?: boolean }, now: Date): Date {
  return parsed.offline ? offlineMoment(parsed.visitedAt, now, 'care.visitedAt', 'visitedAt') : now;
}

/** Weather and festival windows: a period asks one visit more, not the same visit again (decision 078). */
const PERIOD_REASONS = new Set(['weather', 'festival']);

/**
 * Marks the windows a visit meets and settles their timers (met). Returns how many it met. Decision 078 (replacing
 * 070's "every window it counts for", with which one visit closed five tasks at once — this week's, a weather
 * period's and three overdue weeks), of the person's windows not yet met that count its kind:
 * 1. every window open at its moment that is not a weather or festival period's (the routine window of the period it
 *    falls in, a major change's 24 hours, a missed meal's day) — one visit sees the person for all of these;
 * 2. else, when it met none of those (they were met already, or none runs), one weather or festival window open at
 *    its moment and declared before it — the period's added visit; a visit made before the period was declared or
 *    before it starts never meets it;
 * 3. and the oldest overdue window, late: one visit makes up one missed visit (a late 24-hour visit, the oldest
 *    missed week), and the others stay owed (the roster's "另有 N 次待访").
 */
async function meetWindows(tx: Tx, tenantId: string, residentId: string, visitId: string, kind: string, at: Date, now: Date) {
  const owed = await tx
    .select({ id: careWindows.id, reason: careWindows.reason, closesAt: careWindows.closesAt, createdAt: careWindows.createdAt })
    .from(careWindows)
    .where(and(eq(careWindows.tenantId, tenantId), eq(careWindows.residentId, residentId), isNull(careWindows.visitId), lte(careWindows.opensAt, at), sql`${kind} = any(${careWindows.countsKinds})`))
    .orderBy(asc(careWindows.closesAt), asc(careWindows.opensAt))
    .for('update');
  const onTime = owed.filter((w) => w.closesAt > at);
  const plain = onTime.filter((w) => !PERIOD_REASONS.has(w.reason));
  const period = onTime.filter((w) => PERIOD_REASONS.has(w.reason) && w.createdAt <= at);
  const overdue = owed.filter((w) => w.closesAt <= at);
  const ids = [...(plain.length ? plain.map((w) => w.id) : period.length ? [period[0]!.id] : []), ...(overdue.length ? [overdue[0]!.id] : [])];
  if (!ids.length) return 0;
  const met = await tx
    .update(careWindows)
    .set({ visitId, visitedAt: at })
    .where(and(eq(careWindows.tenantId, tenantId), inArray(careWindows.id, ids), isNull(careWindows.visitId)))
    .returning({ id: careWindows.id });
  for (const w of met) await settleDeadlines(tx, { tenantId, type: CARE_WINDOW_SUBJECT, id: w.id }, ['visit'], 'met', now);
  return met.length;
}
