import { and, asc, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditEvents, cases, categories, grids, residentConsents, residentLinks, residents, residentTagLinks, residentTags, type Tx, users } from '@shequ/db';
import { ageOn, formatResidentAddress } from '@shequ/domain';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { caseSubject } from '../cases/load-case-row.ts';
import { communityOf, loadResident, residentSubject, todayInChina } from './person.ts';

/**
 * A person's page: their record (masked), tags, household links, consent records, the records merged into theirs,
 * and their wishes — cases linked to them explicitly or whose reporter left the same mobile (matched on the keyed
 * hash, decision 034), each only if the caller may read that case.
 *
 * Input: `{ residentId, now? }`. Inside the community's tenant transaction.
 * Output: `{ resident: { id, nameHint, mobileHint, idNumberHint, gender, birth, age, buildingId, building, unit,
 * room, address, status, movedOutAt, mergedIntoId, note, createdAt }, tagIds, tags[], links[], consents[] (identical
 * lines, as a merge leaves them, once with `records` counting them), movedOut: { at, by, reason } | null,
 * mergedFrom[], wishes: { id, trackingCode, status, category, content (≤ 60 characters), createdAt, linkedBy:
 * 'record' | 'mobile' }[], may: { edit, moveOut, merge, reveal } }`.
 * Refuses: resident.notFound (unknown, or not the caller's to see).
 */
export async function getResident(tx: Tx, caller: StaffCaller, input: { residentId: string; now?: Date }) {
  const tenantId = communityOf(caller);
  const { row, gridWorkerId, building } = await loadResident(tx, caller.ability, tenantId, input.residentId);
  const today = todayInChina(input.now);

  const tags = await tx
    .select({ id: residentTags.id, name: residentTags.name })
    .from(residentTagLinks)
    .innerJoin(residentTags, and(eq(residentTags.tenantId, residentTagLinks.tenantId), eq(residentTags.id, residentTagLinks.tagId)))
    .where(and(eq(residentTagLinks.tenantId, tenantId), eq(residentTagLinks.residentId, row.id)))
    .orderBy(asc(residentTags.sortOrder));

  const other = alias(residents, 'other');
  const linkRows = await tx
    .select({ id: residentLinks.id, kind: residentLinks.kind, relation: residentLinks.relation, residentId: residentLinks.residentId, otherId: residentLinks.otherId, otherHint: other.nameHint })
    .from(residentLinks)
    .innerJoin(other, and(eq(other.tenantId, residentLinks.tenantId), or(and(eq(residentLinks.residentId, row.id), eq(other.id, residentLinks.otherId)), and(eq(residentLinks.otherId, row.id), eq(other.id, residentLinks.residentId)))))
    .where(and(eq(residentLinks.tenantId, tenantId), or(eq(residentLinks.residentId, row.id), eq(residentLinks.otherId, row.id))));

  const consents = await tx
    .select({ id: residentConsents.id, purpose: residentConsents.purpose, channel: residentConsents.channel, givenOn: residentConsents.givenOn, withdrawnAt: residentConsents.withdrawnAt, recordedBy: users.displayName })
    .from(residentConsents)
    .leftJoin(users, eq(users.id, residentConsents.recordedBy))
    .where(and(eq(residentConsents.tenantId, tenantId), eq(residentConsents.residentId, row.id)))
    .orderBy(desc(residentConsents.givenOn));

  // A merge moves the duplicate's consents here: the same line twice (登记入档 on the same day) is shown once, counted.
  const consentLines = new Map<string, (typeof consents)[number] & { records: number }>();
  for (const c of consents) {
    const key = [c.purpose, c.channel, c.givenOn, c.withdrawnAt?.toISOString() ?? '', c.recordedBy ?? ''].join('|');
    const seen = consentLines.get(key);
    if (seen) seen.records++;
    else consentLines.set(key, { ...c, records: 1 });
  }

  // Moved out: when, by whom and why (the reason is kept with the audit event of the move).
  let movedOut: { at: Date; by: string | null; reason: string | null } | null = null;
  if (row.status === 'moved_out') {
    const [event] = await tx
      .select({ at: auditEvents.at, by: users.displayName, detail: auditEvents.detail })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, 'resident_moved_out'), eq(auditEvents.subjectId, row.id)))
      .orderBy(desc(auditEvents.at))
      .limit(1);
    const reason = event?.detail.reason;
    movedOut = { at: row.movedOutAt ?? event?.at ?? row.updatedAt, by: event?.by ?? null, reason: typeof reason === 'string' && reason ? reason : null };
  }

  const mergedFrom = await tx
    .select({ id: residents.id, nameHint: residents.nameHint, mobileHint: residents.mobileHint, mobileIndex: residents.mobileIndex, updatedAt: residents.updatedAt })
    .from(residents)
    .where(and(eq(residents.tenantId, tenantId), eq(residents.mergedIntoId, row.id)));

  // Wishes: linked to this record (or one merged into it), or reported with one of their mobiles.
  const recordIds = [row.id, ...mergedFrom.map((m) => m.id)];
  const mobileIndexes = [row.mobileIndex, ...mergedFrom.map((m) => m.mobileIndex)].filter((m): m is string => Boolean(m));
  const match: SQL[] = [inArray(cases.residentId, recordIds)];
  if (mobileIndexes.length) match.push(inArray(cases.reporterMobileIndex, mobileIndexes));
  const caseRows = await tx
    .select({ case: cases, category: categories.name, gridWorkerId: grids.gridWorkerId })
    .from(cases)
    .innerJoin(categories, and(eq(categories.tenantId, cases.tenantId), eq(categories.id, cases.categoryId)))
    .leftJoin(grids, and(eq(grids.tenantId, cases.tenantId), eq(grids.id, cases.gridId)))
    .where(and(eq(cases.tenantId, tenantId), or(...match)))
    .orderBy(desc(cases.createdAt))
    .limit(100);
  const wishes = caseRows
    .filter((c) => caller.ability.can('read', caseSubject(c.case, c.gridWorkerId)))
    .map(({ case: c, category }) => ({
      id: c.id,
      trackingCode: c.trackingCode,
      status: c.status,
      category,
      content: Array.from(c.content).slice(0, 60).join(''),
      createdAt: c.createdAt,
      linkedBy: c.residentId && recordIds.includes(c.residentId) ? ('record' as const) : ('mobile' as const),
    }));

  const subj = residentSubject(tenantId, gridWorkerId);
  const active = row.status === 'active';
  return {
    resident: {
      id: row.id,
      nameHint: row.nameHint,
      mobileHint: row.mobileHint,
      idNumberHint: row.idNumberHint,
      gender: row.gender,
      birth: row.birth,
      age: row.birth ? ageOn(row.birth, today) : null,
      buildingId: row.buildingId,
      building,
      unit: row.unit,
      room: row.room,
      address: formatResidentAddress(building, row.unit, row.room),
      status: row.status,
      movedOutAt: row.movedOutAt,
      mergedIntoId: row.mergedIntoId,
      note: row.note,
      createdAt: row.createdAt,
    },
    tagIds: tags.map((t) => t.id),
    tags: tags.map((t) => t.name),
    links: linkRows.map((l) => ({ id: l.id, kind: l.kind, relation: l.relation, otherId: l.residentId === row.id ? l.otherId : l.residentId, otherHint: l.otherHint })),
    consents: [...consentLines.values()],
    movedOut,
    mergedFrom: mergedFrom.map(({ mobileIndex: _m, ...m }) => m),
    wishes,
    may: {
      edit: active && caller.ability.can('update', subj),
      moveOut: active && caller.ability.can('update', subj),
      merge: active && caller.ability.can('delete', subj),
      reveal: caller.ability.can('reveal', subject('PersonalData', { tenantId })),
    },
  };
}
