import { and, asc, eq, inArray } from 'drizzle-orm';
import { describeCaseEvent } from '@shequ/domain';
import { ofSubject } from '../deadlines/store.ts';
import { buildings, caseEvents, casePhotos, categories, deadlines, grids, orgUnits, users, type Tx } from '@shequ/db';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { caseAssigneesOf } from './case-assignees-of.ts';
import { caseSubject, loadCaseRow } from './load-case-row.ts';

/**
 * Everything the case page shows staff: the case, its timeline with names, photos, deadlines and who it can go to.
 * Input: `tenantId`, `caseId`. Refuses: case.notFound (not in the community, or not the caller's to read).
 */
export async function getCase(tx: Tx, caller: StaffCaller, input: { tenantId: string; caseId: string }) {
  const { ability } = caller;
  const { tenantId, caseId } = input;
  const { row, gridWorkerId } = await loadCaseRow(tx, tenantId, caseId, ability);
  const [[category], [building], [grid]] = await Promise.all([
    tx.select({ name: categories.name }).from(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.id, row.categoryId))),
    row.buildingId ? tx.select({ name: buildings.name }).from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, row.buildingId))) : Promise.resolve([]),
    row.gridId ? tx.select({ name: grids.name }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, row.gridId))) : Promise.resolve([]),
  ]);
  const events = await tx
    .select({ id: caseEvents.id, at: caseEvents.at, type: caseEvents.type, public: caseEvents.public, body: caseEvents.body, data: caseEvents.data, actorKind: caseEvents.actorKind, actor: users.displayName })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorUserId))
    .where(and(eq(caseEvents.tenantId, tenantId), eq(caseEvents.caseId, caseId)))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
  const photos = await tx
    .select({ id: casePhotos.id, hiddenAt: casePhotos.hiddenAt })
    .from(casePhotos)
    .where(and(eq(casePhotos.tenantId, tenantId), eq(casePhotos.caseId, caseId)))
    .orderBy(asc(casePhotos.createdAt));
  const deadlineRows = await tx
    .select({ kind: deadlines.kind, state: deadlines.state, dueAt: deadlines.dueAt, provisional: deadlines.provisional })
    .from(deadlines)
    .where(ofSubject({ tenantId, type: 'case', id: caseId }))
    .orderBy(asc(deadlines.createdAt));
  const unitIds = [row.tenantId, row.holderOrgUnitId, row.streetId, row.districtId, row.leadDepartmentId, ...row.coDepartmentIds].filter((x): x is string => Boolean(x));
  const units = new Map(unitIds.length ? (await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, unitIds))).map((u) => [u.id, u.name]) : []);
  const assignees = await caseAssigneesOf(tx, tenantId);
  const assignee = row.assigneeId ? assignees.find((a) => a.id === row.assigneeId)?.name ?? null : null;
  const { reporterNameEnc, reporterMobileEnc, ...visible } = row;
  // Each entry worded for staff, naming the unit that acted (older entries: the case's units).
  const names = { community: units.get(row.tenantId) ?? '', street: units.get(row.streetId ?? '') ?? '', department: units.get(row.leadDepartmentId ?? '') ?? '', district: units.get(row.districtId ?? '') ?? '' };
  const people = new Map(assignees.map((a) => [a.id, a.name]));
  const timeline = events.map((e) => {
    const data = e.type === 'assign' && typeof e.data.assigneeId === 'string' && !e.data.assigneeName ? { ...e.data, assigneeName: people.get(e.data.assigneeId) ?? '' } : e.data;
    return { ...e, line: describeCaseEvent({ ...e, data }, 'staff', names) };
  });
  // Only those who may reveal the resident's contact see even its masked hint: the community's staff, and a street
  // or department while it holds the case. A district officer supervising (督办), or a street that handed the case
  // on, sees neither name nor number, not even masked (issue 13; the brief's principles).
  const mayContact = ability.can('reveal', caseSubject(row, gridWorkerId)) || ability.can('reveal', subject('PersonalData', { tenantId }));
  return {
    case: {
      ...visible,
      reporterHint: mayContact ? visible.reporterHint : null,
      category: category?.name ?? '',
      building: building?.name ?? null,
      grid: grid?.name ?? null,
      assignee,
      hasContact: mayContact && Boolean(reporterNameEnc || reporterMobileEnc),
      holderName: row.holderOrgUnitId ? (units.get(row.holderOrgUnitId) ?? null) : null,
      coDepartmentNames: row.coDepartmentIds.map((d) => units.get(d) ?? ''),
      awaitingResident: Boolean(row.awaitingResidentSince),
    },
    deadlines: deadlineRows,
    events: timeline,
    photos,
    assignees,
    gridWorkerId,
  };
}
