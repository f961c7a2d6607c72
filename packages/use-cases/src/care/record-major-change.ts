import { and, eq, sql } from 'drizzle-orm';
import { careEvents, careWindows, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { majorChangeWindow, windowEndText } from '@shequ/domain';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { notifyUsers } from '../notifications/notify.ts';
import { orgUnitName } from '../deadlines/policy.ts';
import { loadResident } from '../residents/person.ts';
import { CARE_WINDOW_SUBJECT, careCommunityOf, careRuleVersions, chinaToday, effectiveTier, openCareWindow, recipientRow, rulesOnDay } from './care-core.ts';
import { type RecordMajorChangeFields, recordMajorChangeSchema } from './schemas.ts';

/**
 * A major change in a person's life (a hospital stay, a bereavement, a fall …), recorded by anyone of the
 * community who can see the person: it opens a visit due within 24 hours (a home visit; POLICY.md "Visiting care":
 * high risk "within 24 hours of a major change", Inner Mongolia 2022), starts its timer and tells the responsible
 * grid worker at once.
 *
 * Input: `{ residentId, kind: MAJOR_CHANGE_KINDS, note?, clientId? }`, `now`. `clientId`, drawn by the page, is the
 * event's id: the same form posted again records nothing more (`repeated`; decision 078).
 * Output: `{ eventId, windowId, dueAt, repeated }`.
 * Refuses: care.notFound / resident.notFound (not a person the caller sees); care.kind.invalid; care.visit.taken (the
 * id was used for another person).
 */
export async function recordMajorChange(tx: Tx, caller: StaffCaller, input: RecordMajorChangeFields & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  const parsed = parseInput(recordMajorChangeSchema, input);
  const now = input.now ?? new Date();
  const { row, gridWorkerId } = await loadResident(tx, caller.ability, tenantId, parsed.residentId);
  if (parsed.clientId) {
    // The same form posted again (a slow network's retry, decision 078): one event, one window, one notice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:care_event:${parsed.clientId}`}, 0))`);
    const [earlier] = await tx.select().from(careEvents).where(and(eq(careEvents.tenantId, tenantId), eq(careEvents.id, parsed.clientId)));
    if (earlier) {
      if (earlier.residentId !== row.id) throw new UseCaseError('care.visit.taken');
      const [w] = await tx.select({ id: careWindows.id, closesAt: careWindows.closesAt }).from(careWindows).where(and(eq(careWindows.tenantId, tenantId), eq(careWindows.eventId, earlier.id)));
      return { eventId: earlier.id, windowId: w!.id, dueAt: w?.closesAt ?? majorChangeWindow(earlier.createdAt).closesAt, repeated: true };
    }
  }
  const [event] = await tx
    .insert(careEvents)
    .values({ tenantId, ...(parsed.clientId ? { id: parsed.clientId } : {}), residentId: row.id, kind: parsed.kind, note: parsed.note ?? null, recordedBy: caller.actor.userId, createdAt: now })
    .returning({ id: careEvents.id });
  const recipient = await recipientRow(tx, tenantId, row.id);
  const inForce = rulesOnDay(await careRuleVersions(tx, tenantId), chinaToday(now));
  const w = majorChangeWindow(now);
  const windowId = await openCareWindow(
    tx,
    { tenantId, residentId: row.id, tier: (recipient && effectiveTier(recipient)) || 'high', reason: 'major_change', ...w, countsKinds: ['home'], eventId: event!.id, ruleSetId: inForce.id, dueSoonDays: 0 },
    now,
  );
  const worker = recipient?.responsibleWorkerId ?? gridWorkerId;
  if (worker) {
    await notifyUsers(tx, {
      kind: 'care_major_change',
      userIds: [worker],
      communityId: tenantId,
      subject: { type: CARE_WINDOW_SUBJECT, id: windowId! },
      // `residentId`: the notice links to the person's care page (/notifications).
      data: { who: row.nameHint, due: windowEndText(w.closesAt), community: await orgUnitName(tx, tenantId), residentId: row.id },
    });
  }
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_major_change', subjectType: 'Resident', subjectId: row.id, detail: { kind: parsed.kind } });
  return { eventId: event!.id, windowId: windowId!, dueAt: w.closesAt, repeated: false };
}
