import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { describeCaseEvent } from '@shequ/domain';
import { caseEvents, casePhotos, cases, categories, orgUnits, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { caseIdByCode, FINISHED_FOR_RATING, followedCase, NOT_FOR_FOLLOWERS } from './resident-case-parts.ts';

/**
 * The resident's view: status, their own text, public events and replies. No staff names, no internal notes.
 * A wish merged into another follows it: the status, the office's steps, replies and outcome are those of the case
 * it was merged into (`mergedInto` says so), and its reporter may rate once that case is resolved. Input: the
 * community (`tenantId`) and the tracking `code`. Refuses: case.notFound.
 */
export async function trackCase(tx: Tx, _caller: Caller, input: { tenantId: string; code: string }) {
  const { tenantId, code } = input;
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
