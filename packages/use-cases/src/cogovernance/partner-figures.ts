import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { promiseCounts, rateOfCounts } from '@shequ/domain';
import { servicePostClaims, serviceOccurrences, serviceRatings, type Tx } from '@shequ/db';

/**
 * Per unit: posts claimed (active claims), occurrences promised (`promised`: those due, domain promiseCounts) and
 * delivered, `upcoming` (scheduled, not yet due), 承诺兑现率 (domain promiseRate: delivered of those due; cancelled ones
 * and future ones are no promise yet), people served, residents' ratings.
 * `year`: only that year's occurrences (China time), or all when null.
 */
export async function partnerFigures(tx: Tx, tenantId: string, year: number | null, now: Date) {
  const claims = await tx.select({ unit: servicePostClaims.partnerUnitId }).from(servicePostClaims).where(and(eq(servicePostClaims.tenantId, tenantId), isNull(servicePostClaims.endedOn)));
  const range = year ? and(gte(serviceOccurrences.startsAt, new Date(`${year}-01-01T00:00:00+08:00`)), lte(serviceOccurrences.startsAt, new Date(`${year}-12-31T23:59:59+08:00`))) : undefined;
  const occ = await tx
    .select({ id: serviceOccurrences.id, unit: serviceOccurrences.partnerUnitId, status: serviceOccurrences.status, startsAt: serviceOccurrences.startsAt, served: serviceOccurrences.peopleServed })
    .from(serviceOccurrences)
    .where(and(eq(serviceOccurrences.tenantId, tenantId), range));
  const ratings = await tx
    .select({ unit: serviceOccurrences.partnerUnitId, n: sql<number>`count(*)::int`, sum: sql<number>`sum(${serviceRatings.stars})::int` })
    .from(serviceRatings)
    .innerJoin(serviceOccurrences, and(eq(serviceOccurrences.tenantId, serviceRatings.tenantId), eq(serviceOccurrences.id, serviceRatings.occurrenceId)))
    .where(and(eq(serviceRatings.tenantId, tenantId), range))
    .groupBy(serviceOccurrences.partnerUnitId);
  const out = new Map<string, { postsClaimed: number; promised: number; delivered: number; upcoming: number; promiseRate: number | null; peopleServed: number; ratings: number; averageRating: number | null }>();
  const units = new Set([...claims.map((c) => c.unit), ...occ.map((o) => o.unit), ...ratings.map((r) => r.unit)]);
  for (const unit of units) {
    const mine = occ.filter((o) => o.unit === unit);
    const rated = ratings.find((r) => r.unit === unit);
    const states = mine.map((o) => ({ status: o.status as 'scheduled', startsAt: o.startsAt }));
    const counts = promiseCounts(states, now);
    out.set(unit, {
      postsClaimed: claims.filter((c) => c.unit === unit).length,
      promised: counts.due,
      delivered: counts.kept,
      upcoming: counts.upcoming,
      promiseRate: rateOfCounts(counts),
      peopleServed: mine.reduce((s, o) => s + (o.served ?? 0), 0),
      ratings: rated?.n ?? 0,
      averageRating: rated?.n ? Math.round((rated.sum / rated.n) * 10) / 10 : null,
    });
  }
  return out;
}
