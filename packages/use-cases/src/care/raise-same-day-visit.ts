import { type Tx } from '@shequ/db';
import { sameDayWindow, windowEndText } from '@shequ/domain';
import type { Caller } from '../caller.ts';
import { orgUnitName } from '../deadlines/policy.ts';
import { notifyUsers } from '../notifications/notify.ts';
import { CARE_WINDOW_SUBJECT, careRuleVersions, chinaToday, effectiveTier, openCareWindow, recipientRow, rulesOnDay } from './care-core.ts';

export type RaiseSameDayVisitInput = { tenantId: string; residentId: string; reason: 'missed_meal'; sourceKey: string; now?: Date; notify?: boolean };

/**
 * A same-day task for a care recipient: a visit (or a call, if their tier's policy counts one) due by the end of
 * today, China time, and a notice to their responsible grid worker. The hook for the elderly station (issue 20: "a
 * missed meal of someone living alone creates a same-day task"): the meals feature calls it from its own
 * transaction with a `sourceKey` naming the missed meal (e.g. `meal:<bookingId>`), so raising it twice opens one
 * task. A person not on the roster gets nothing (returns null). `notify: false` when the caller has told the worker
 * already (the meals feature's own `meal_missed_alone` notice).
 *
 * Input: `{ tenantId, residentId, reason: 'missed_meal', sourceKey, now }`; caller: the system (a job) or staff.
 * Output: `{ windowId, dueAt }` or null.
 */
export async function raiseSameDayVisit(tx: Tx, _caller: Caller, input: RaiseSameDayVisitInput) {
  const now = input.now ?? new Date();
  const recipient = await recipientRow(tx, input.tenantId, input.residentId);
  const tier = recipient?.active ? effectiveTier(recipient) : null;
  if (!recipient || !tier) return null;
  const inForce = rulesOnDay(await careRuleVersions(tx, input.tenantId), chinaToday(now));
  const w = sameDayWindow(now);
  const windowId = await openCareWindow(
    tx,
    { tenantId: input.tenantId, residentId: input.residentId, tier, reason: input.reason, ...w, countsKinds: inForce.rules.policies[tier].contactKinds, sourceKey: input.sourceKey, ruleSetId: inForce.id, dueSoonDays: 0 },
    now,
  );
  if (windowId && recipient.responsibleWorkerId && input.notify !== false) {
    await notifyUsers(tx, {
      kind: 'care_same_day',
      userIds: [recipient.responsibleWorkerId],
      communityId: input.tenantId,
      subject: { type: CARE_WINDOW_SUBJECT, id: windowId },
      data: { due: windowEndText(w.closesAt), community: await orgUnitName(tx, input.tenantId) },
    });
  }
  return windowId ? { windowId, dueAt: w.closesAt } : null;
}
