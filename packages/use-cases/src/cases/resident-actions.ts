import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { cleanText, describeCaseEvent, normalizeTrackingCode } from '@shequ/domain';
import { caseEvents, casePhotos, cases, categories, orgUnits, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { transitionCase } from './transition-case.ts';

// What a resident does with a tracking code: look, rate, reopen. Wrong code and someone else's code get the same
// answer ('case.notFound'): the code is the only key, and lookups are rate-limited by the caller.

async function caseIdByCode(tx: Tx, tenantId: string, code: string): Promise<string> {
  const normalized = normalizeTrackingCode(code);
  if (!normalized) throw new UseCaseError('case.notFound');
  const [row] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.trackingCode, normalized)));
  if (!row) throw new UseCaseError('case.notFound');
  return row.id;
}

/**
 * Entries of the case a merged wish follows that its reporter sees: the office's steps, replies and outcome. The
 * other reporter's own words and exchanges (their text, answers, rating, reopening, questions put to them) stay
 * theirs.
 */
const NOT_FOR_FOLLOWERS = new Set(['submitted', 'supplyInfo', 'requestInfo', 'rate', 'reopen', 'followUp', 'closeUnrated', 'merged_in']);

/** The case a merged wish follows (merges are kept one level deep: see mergeCase), or null. */
async function followedCase(tx: Tx, tenantId: string, mergedIntoId: string | null) {
  if (!mergedIntoId) return null;
  const [row] = await tx
    .select({ id: cases.id, status: cases.status, streetId: cases.streetId, leadDepartmentId: cases.leadDepartmentId, createdAt: cases.createdAt })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, mergedIntoId)));
  return row ?? null;
}

const FINISHED_FOR_RATING = ['resolved', 'closed'];

/**
 * The resident's view: status, their own text, public events and replies. No staff names, no internal notes.
 * A wish merged into another follows it: the status, the office's steps, replies and outcome are those of the case
 * it was merged into (`mergedInto` says so), and its reporter may rate once that case is resolved.
 */
export async function trackCase(tx: Tx, tenantId: string, code: string) {
  const id = await caseIdByCode(tx, tenantId, code);
  const [c] = await tx
    .select({
      id: cases.id,
      trackingCode: cases.trackingCode,
      status: cases.status,
      content: cases.content,
      category: categories.name,
      createdAt: cases.createdAt,
      resolution: cases.resolution,
      rating: cases.rating,
      ratingComment: cases.ratingComment,
      reopenCount: cases.reopenCount,
      rejectReason: cases.rejectReason,
      closeKind: cases.closeKind,
      awaitingResidentSince: cases.awaitingResidentSince,
      holderOrgUnitId: cases.holderOrgUnitId,
      streetId: cases.streetId,
      leadDepartmentId: cases.leadDepartmentId,
      mergedIntoId: cases.mergedIntoId,
    })
    .from(cases)
    .innerJoin(categories, and(eq(categories.tenantId, cases.tenantId), eq(categories.id, cases.categoryId)))
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
  const followed = c!.status === 'merged' ? await followedCase(tx, tenantId, c!.mergedIntoId) : null;
  const publicEvents = (caseId: string) =>
    tx
      .select({ id: caseEvents.id, at: caseEvents.at, type: caseEvents.type, body: caseEvents.body, actorKind: caseEvents.actorKind, data: caseEvents.data })
      .from(caseEvents)
      .where(and(eq(caseEvents.tenantId, tenantId), eq(caseEvents.caseId, caseId), eq(caseEvents.public, true)))
      .orderBy(asc(caseEvents.at), asc(caseEvents.id));
  const own = await publicEvents(id);
  const followedEvents = followed ? (await publicEvents(followed.id)).filter((e) => e.actorKind !== 'resident' && !NOT_FOR_FOLLOWERS.has(e.type)) : [];
  const events = [...own, ...followedEvents].sort((a, b) => a.at.getTime() - b.at.getTime());
  const photos = await tx
    .select({ id: casePhotos.id })
    .from(casePhotos)
    .where(and(eq(casePhotos.tenantId, tenantId), eq(casePhotos.caseId, id), isNull(casePhotos.hiddenAt)));
  // Where the case is, in plain words: the names of the street and department holding it (never a person's).
  const streetId = followed ? followed.streetId : c!.streetId;
  const leadDepartmentId = followed ? followed.leadDepartmentId : c!.leadDepartmentId;
  const names = new Map(
    (await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, [tenantId, streetId, leadDepartmentId].filter((x): x is string => Boolean(x))))).map((u) => [u.id, u.name]),
  );
  const { holderOrgUnitId: _h, streetId: _s, leadDepartmentId: _l, mergedIntoId: _m, awaitingResidentSince, ...visible } = c!;
  const question = awaitingResidentSince ? [...own].reverse().find((e) => e.type === 'requestInfo')?.body ?? null : null;
  const unitNames = { community: names.get(tenantId) ?? '', street: streetId ? (names.get(streetId) ?? '') : '', department: leadDepartmentId ? (names.get(leadDepartmentId) ?? '') : '', district: '' };
  return {
    ...visible,
    // A merged wish shows where the case it follows stands.
    status: followed ? followed.status : c!.status,
    mergedInto: followed ? { status: followed.status } : null,
    streetName: unitNames.street,
    departmentName: unitNames.department,
    question,
    canSupply: Boolean(awaitingResidentSince) && ['accepted', 'escalated', 'forwarded'].includes(c!.status),
    // Each public entry worded for the resident, with unit names only; what passed between the levels stays out.
    events: events.map(({ data, ...e }) => {
      const line = describeCaseEvent({ ...e, data }, 'resident', unitNames);
      return { id: e.id, at: e.at, type: e.type, body: line.text, key: line.key, values: line.values, toName: line.values.to ?? '' };
    }),
    photoIds: photos.map((p) => p.id),
    canRate: c!.status === 'resolved' || (followed !== null && FINISHED_FOR_RATING.includes(followed.status) && c!.rating === null),
    canReopen: c!.status === 'resolved' && c!.reopenCount === 0,
  };
}

/**
 * The resident rates the outcome (1–5, optional comment up to 500 characters). A resolved case closes with it; the
 * reporter of a merged wish rates the case it follows once that is resolved or closed, once, and their wish stays
 * merged ('case.refused.not_finished' before, 'case.refused.already_rated' a second time).
 */
export async function rateCase(tx: Tx, input: { tenantId: string; code: string; rating: number; comment?: string | null; now?: Date }) {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw new UseCaseError('case.residentRating.invalid', { field: 'rating' });
  const comment = cleanText(input.comment ?? '').slice(0, 500) || null;
  const now = input.now ?? new Date();
  const caseId = await caseIdByCode(tx, input.tenantId, input.code);
  const [row] = await tx.select({ status: cases.status, mergedIntoId: cases.mergedIntoId }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, caseId)));
  if (row?.status === 'merged') {
    const followed = await followedCase(tx, input.tenantId, row.mergedIntoId);
    const rated = await transitionCase(tx, {
      tenantId: input.tenantId,
      caseId,
      action: 'rateMerged',
      actor: { kind: 'resident' },
      facts: { followedCaseFinished: Boolean(followed && FINISHED_FOR_RATING.includes(followed.status)) },
      patch: () => ({ rating: input.rating, ratingComment: comment }),
      event: { public: true, type: 'rate', body: comment, data: { rating: input.rating } },
      now,
    });
    // Staff read it on the case they handled too (internal: the other reporter does not see it).
    await tx.insert(caseEvents).values({ tenantId: input.tenantId, caseId: followed!.id, at: now, actorKind: 'resident', type: 'merged_rated', public: false, body: comment, data: { code: rated.trackingCode, rating: input.rating } });
    return rated;
  }
  return transitionCase(tx, {
    tenantId: input.tenantId,
    caseId,
    action: 'rate',
    actor: { kind: 'resident' },
    patch: () => ({ rating: input.rating, ratingComment: comment, closedAt: now, closeKind: 'rated' }),
    event: { public: true, body: comment, data: { rating: input.rating } },
    now,
  });
}

/** Not satisfied: back to the office, once, with the resident's reason. */
export async function reopenCase(tx: Tx, input: { tenantId: string; code: string; reason: string; now?: Date }) {
  const reason = cleanText(input.reason ?? '');
  if (!reason) throw new UseCaseError('case.reopenReason.required', { field: 'reason' });
  if (Array.from(reason).length > 500) throw new UseCaseError('case.reopenReason.tooLong', { field: 'reason', max: 500 });
  const caseId = await caseIdByCode(tx, input.tenantId, input.code);
  return transitionCase(tx, {
    tenantId: input.tenantId,
    caseId,
    action: 'reopen',
    actor: { kind: 'resident' },
    patch: (row) => ({ reopenCount: row.reopenCount + 1, resolvedAt: null }),
    event: { public: true, body: reason },
    now: input.now,
  });
}

/** The resident may see the photos of their own case (not hidden ones), by tracking code. */
export async function residentPhoto(tx: Tx, tenantId: string, code: string, photoId: string) {
  const caseId = await caseIdByCode(tx, tenantId, code);
  const [photo] = await tx
    .select({ storageKey: casePhotos.storageKey, mime: casePhotos.mime })
    .from(casePhotos)
    .where(and(eq(casePhotos.tenantId, tenantId), eq(casePhotos.caseId, caseId), eq(casePhotos.id, photoId), isNull(casePhotos.hiddenAt)));
  if (!photo) throw new UseCaseError('case.notFound');
  return photo;
}

/** The resident answers the holder's question: the paused time limit resumes. */
export async function supplyResidentInfo(tx: Tx, input: { tenantId: string; code: string; text: string; now?: Date }) {
  const text = cleanText(input.text ?? '');
  if (!text) throw new UseCaseError('case.supply.required', { field: 'text' });
  if (Array.from(text).length > 1000) throw new UseCaseError('case.supply.tooLong', { field: 'text', max: 1000 });
  const caseId = await caseIdByCode(tx, input.tenantId, input.code);
  return transitionCase(tx, {
    tenantId: input.tenantId,
    caseId,
    action: 'supplyInfo',
    actor: { kind: 'resident' },
    patch: () => ({ awaitingResidentSince: null }),
    event: { public: true, body: text },
    now: input.now,
  });
}
