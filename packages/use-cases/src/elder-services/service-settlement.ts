import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { chinaDayStart, monthRange } from '@shequ/domain';
import { elderServiceBookings, elderServices, elderServiceSlots, residents, type Tx } from '@shequ/db';

// The station's services settled by the month, as meals are (issue 19: "price and subsidy as for meals"): only
// services actually done count, with the price and subsidy fixed when the note after the service was written
// (decision 044); the claim to 民政 is the sum of those records, row for row. The building blocks of
// getServiceSettlement and exportServiceClaim (each in its own file, decision 028); not use cases.

/** The services done in a month (by the slot's start, China time), one row each. Not a use case. */
export async function doneServices(tx: Tx, tenantId: string, month: string) {
  const { from, to } = monthRange(month);
  return tx
    .select({
      id: elderServiceBookings.id,
      startsAt: elderServiceSlots.startsAt,
      service: elderServices.name,
      kind: elderServices.kind,
      residentId: elderServiceBookings.residentId,
      nameHint: residents.nameHint,
      nameEnc: residents.nameEnc,
      idNumberHint: residents.idNumberHint,
      idNumberEnc: residents.idNumberEnc,
      category: elderServiceBookings.category,
      priceCents: elderServiceBookings.priceCents,
      subsidyCents: elderServiceBookings.subsidyCents,
      doneAt: elderServiceBookings.doneAt,
    })
    .from(elderServiceBookings)
    .innerJoin(elderServiceSlots, and(eq(elderServiceSlots.tenantId, elderServiceBookings.tenantId), eq(elderServiceSlots.id, elderServiceBookings.slotId)))
    .innerJoin(elderServices, and(eq(elderServices.tenantId, elderServiceSlots.tenantId), eq(elderServices.id, elderServiceSlots.serviceId)))
    .innerJoin(residents, and(eq(residents.tenantId, elderServiceBookings.tenantId), eq(residents.id, elderServiceBookings.residentId)))
    .where(
      and(
        eq(elderServiceBookings.tenantId, tenantId),
        eq(elderServiceBookings.status, 'done'),
        gte(elderServiceSlots.startsAt, chinaDayStart(from)),
        lt(elderServiceSlots.startsAt, chinaDayStart(to)),
      ),
    )
    .orderBy(asc(elderServiceSlots.startsAt), asc(elderServiceBookings.id));
}

export type DoneRow = Awaited<ReturnType<typeof doneServices>>[number];

/** Done services grouped by `key`: uses, price, subsidy (fen) and the people. */
export function group<K>(rows: DoneRow[], key: (r: DoneRow) => K) {
  const out = new Map<K, { uses: number; priceCents: number; subsidyCents: number; people: Set<string> }>();
  for (const r of rows) {
    const g = out.get(key(r)) ?? { uses: 0, priceCents: 0, subsidyCents: 0, people: new Set<string>() };
    g.uses += 1;
    g.priceCents += r.priceCents;
    g.subsidyCents += r.subsidyCents;
    g.people.add(r.residentId);
    out.set(key(r), g);
  }
  return out;
}
