import { sql } from 'drizzle-orm';
import type { OutboxState } from '@shequ/domain';
import { type Db, outbox } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { operatorScope } from './outbox-scopes.ts';

/** How many messages are in each state, for the operators' messages page. Refuses (ForbiddenError) a caller without the operator console. */
export async function outboxCounts(db: Db, { ability }: StaffCaller) {
  assertCan(ability, 'access', 'OperatorConsole');
  const rows = await operatorScope(db, 'operator messages', (tx) => tx.select({ state: outbox.state, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.state));
  return Object.fromEntries(rows.map((r) => [r.state, r.n])) as Partial<Record<OutboxState, number>>;
}
