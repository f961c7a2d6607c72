import { and, eq, sql } from 'drizzle-orm';
import { carePeriods, careWindows, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { settleDeadlines } from '../deadlines/store.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { CARE_WINDOW_SUBJECT, careCommunityOf, chinaToday } from './care-core.ts';
import { type WithdrawCarePeriodFields, withdrawCarePeriodSchema } from './schemas.ts';

/**
 * Whether a period can be withdrawn, the one rule of withdrawCarePeriod and of the list the page offers 撤回 from
 * (listCarePeriods): 'used' when a visit has met one of its windows, 'over' when its last day has passed (China time),
 * else 'ok'.
 */
export function periodWithdrawal(period: { visited: number; lastDay: string }, today: string): 'ok' | 'used' | 'over' {
  if (period.visited > 0) return 'used';
  return period.lastDay < today ? 'over' : 'ok';
}

/**
 * Staff withdraw a weather or festival period declared by mistake (the wrong days, declared twice): the period and the
 * extra visits it owed every high-risk person go, with their timers (cancelled). Only while nothing rests on it: no
 * visit has met one of its windows yet and it is not over — a period visited, or over (its missed visits counted in
 * the monthly rate), stays as the record of what was owed. Decision 070 (a period could not be withdrawn at all; an
 * outside tester found two identical ones and no way out).
 *
 * Input: `{ periodId }`, `now`. Inside the community's tenant transaction. Output: `{ periodId, name, windows }`
 * (windows: how many owed visits went with it); an audit event `care_period_withdrawn` keeps its name and days.
 * Refuses: care.period.notFound (not one of the community's periods); care.period.used (a visit has met one of its
 * windows; `count`, `name`); care.period.over (its last day has passed; `name`); forbidden (manage CareRoster).
 */
export async function withdrawCarePeriod(tx: Tx, caller: StaffCaller, input: WithdrawCarePeriodFields & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const parsed = parseInput(withdrawCarePeriodSchema, input);
  const now = input.now ?? new Date();
  // The declarations' lock (declareCarePeriod), then the period's row.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:care_periods`}, 0))`);
  const [period] = await tx.select().from(carePeriods).where(and(eq(carePeriods.tenantId, tenantId), eq(carePeriods.id, parsed.periodId))).for('update');
  if (!period) throw new UseCaseError('care.period.notFound');
  // The windows' rows are locked too: a visit being recorded meets a window under its row lock (meetWindows).
  const windows = await tx
    .select({ id: careWindows.id, visitId: careWindows.visitId })
    .from(careWindows)
    .where(and(eq(careWindows.tenantId, tenantId), eq(careWindows.periodId, period.id)))
    .for('update');
  const visited = windows.filter((w) => w.visitId).length;
  const withdrawal = periodWithdrawal({ visited, lastDay: period.lastDay }, chinaToday(now));
  if (withdrawal === 'used') throw new UseCaseError('care.period.used', { count: visited, name: period.name });
  if (withdrawal === 'over') throw new UseCaseError('care.period.over', { name: period.name });
  for (const w of windows) await settleDeadlines(tx, { tenantId, type: CARE_WINDOW_SUBJECT, id: w.id }, ['visit'], 'cancelled', now);
  await tx.delete(careWindows).where(and(eq(careWindows.tenantId, tenantId), eq(careWindows.periodId, period.id)));
  await tx.delete(carePeriods).where(and(eq(carePeriods.tenantId, tenantId), eq(carePeriods.id, period.id)));
  await recordAuditEvent(tx, {
    tenantId,
    actorUserId: caller.actor.userId,
    action: 'care_period_withdrawn',
    subjectType: 'CareRoster',
    subjectId: period.id,
    detail: { kind: period.kind, name: period.name, firstDay: period.firstDay, lastDay: period.lastDay, windows: windows.length },
  });
  return { periodId: period.id, name: period.name, windows: windows.length };
}
