import { and, eq } from 'drizzle-orm';
import { serviceOccurrences, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { codeHash, newCode } from './shared.ts';
import { partnerScope } from './partner-units.ts';

/** Issues an occurrence's check-in code (its QR, shown at the post; the same code shape as meetings'). Output `{ code }`. */
export async function issueOccurrenceCode(tx: Tx, caller: StaffCaller, input: { occurrenceId: string }) {
  const tenantId = partnerScope(caller, 'update');
  const code = newCode();
  const rows = await tx.update(serviceOccurrences).set({ checkInHash: codeHash(tenantId, 'check-in', code) }).where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, input.occurrenceId))).returning({ id: serviceOccurrences.id });
  if (!rows.length) throw new UseCaseError('partner.notFound');
  return { code };
}
