import { and, eq } from 'drizzle-orm';
import { serviceOccurrences, serviceRatings, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import {
type RateOccurrenceFields,
rateOccurrenceSchema
} from './partners.schema.ts';

/** A resident rates an occurrence (1–5 stars, anonymous). Input: `tenantId`, `occurrenceId`. Refuses: partner.notFound (not delivered). */
export async function rateOccurrence(tx: Tx, _caller: Caller, input: RateOccurrenceFields & { tenantId: string; occurrenceId: string }) {
  const p = parseInput(rateOccurrenceSchema, input);
  const [o] = await tx.select({ id: serviceOccurrences.id }).from(serviceOccurrences).where(and(eq(serviceOccurrences.tenantId, input.tenantId), eq(serviceOccurrences.id, input.occurrenceId), eq(serviceOccurrences.status, 'delivered')));
  if (!o) throw new UseCaseError('partner.notFound');
  const [row] = await tx.insert(serviceRatings).values({ tenantId: input.tenantId, occurrenceId: o.id, stars: p.stars, comment: p.comment ?? null }).returning({ id: serviceRatings.id });
  return { id: row!.id };
}
