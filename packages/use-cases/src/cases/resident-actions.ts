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

/** The resident's view: status, their own text, public events and replies. No staff names, no internal notes. */
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
    })
    .from(cases)
    .innerJoin(categories, and(eq(categories.tenantId, cases.tenantId), eq(categories.id, cases.categoryId)))
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
  const events = await tx
    .select({ id: caseEvents.id, at: caseEvents.at, type: caseEvents.type, body: caseEvents.body, actorKind: caseEvents.actorKind, data: caseEvents.data })
    .from(caseEvents)
    .where(and(eq(caseEvents.tenantId, tenantId), eq(caseEvents.caseId, id), eq(caseEvents.public, true)))
    .orderBy(asc(caseEvents.at));
  const photos = await tx
    .select({ id: casePhotos.id })
    .from(casePhotos)
    .where(and(eq(casePhotos.tenantId, tenantId), eq(casePhotos.caseId, id), isNull(casePhotos.hiddenAt)));
  // Where the case is, in plain words: the names of the street and department holding it (never a person's).
  const names = new Map(
    (await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, [tenantId, c!.streetId, c!.leadDepartmentId].filter((x): x is string => Boolean(x))))).map((u) => [u.id, u.name]),
  );
  const { holderOrgUnitId: _h, streetId, leadDepartmentId, awaitingResidentSince, ...visible } = c!;
  const question = awaitingResidentSince ? [...events].reverse().find((e) => e.type === 'requestInfo')?.body ?? null : null;
  return {
    ...visible,
    streetName: streetId ? (names.get(streetId) ?? '') : '',
    departmentName: leadDepartmentId ? (names.get(leadDepartmentId) ?? '') : '',
    question,
    canSupply: Boolean(awaitingResidentSince) && ['accepted', 'escalated', 'forwarded'].includes(c!.status),
    // Each public entry worded for the resident, with unit names only; what passed between the levels stays out.
    events: events.map(({ data, ...e }) => {
      const line = describeCaseEvent({ ...e, data }, 'resident', { community: names.get(tenantId) ?? '', street: streetId ? (names.get(streetId) ?? '') : '', department: leadDepartmentId ? (names.get(leadDepartmentId) ?? '') : '', district: '' });
      return { id: e.id, at: e.at, type: e.type, body: line.text, key: line.key, values: line.values, toName: line.values.to ?? '' };
    }),
    photoIds: photos.map((p) => p.id),
    canRate: c!.status === 'resolved',
    canReopen: c!.status === 'resolved' && c!.reopenCount === 0,
  };
}

export async function rateCase(tx: Tx, input: { tenantId: string; code: string; rating: number; comment?: string | null; now?: Date }) {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw new UseCaseError('case.rating.invalid', { field: 'rating' });
  const comment = cleanText(input.comment ?? '').slice(0, 500) || null;
  const now = input.now ?? new Date();
  const caseId = await caseIdByCode(tx, input.tenantId, input.code);
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
