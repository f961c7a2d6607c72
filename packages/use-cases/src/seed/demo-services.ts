import { and, asc, count, eq, sql } from 'drizzle-orm';
import { abilityAssessments, type Db, elderServiceBookings, elderServices, elderServiceSlots, elderServiceSubsidyRules, orgUnits, residents, SYSTEM_SCOPES, withSystem, withTenant } from '@shequ/db';
import { addDays, ageOn, chinaDate, chinaInstant } from '@shequ/domain';
import { priceService } from '../elder-services/shared.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * 金元社区's bookable services (decision 044): 助浴 (60 minutes, 40 元, needs an ability assessment of the last 180 days,
 * two helpers a slot, the station's bathroom) and 助洁 (120 minutes, 60 元, at home), with slots on the coming
 * weekdays, a subsidy table (高龄 80+ 20 元 a service, 失能/半失能 30 元 up to 120 元 a month), assessments on file
 * for some elders and a few bookings. Demo configuration, not policy. Only when the station has no service yet.
 */
export async function seedDemoServices(db: Db, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const today = chinaDate(now);
  const [jinyuan] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed services', (tx) => tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  if (!jinyuan) return { services: 0, slots: 0, bookings: 0 };
  const tenantId = jinyuan.id;
  return withTenant(db, tenantId, async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(elderServices).where(eq(elderServices.tenantId, tenantId));
    if (existing!.n > 0) return { services: 0, slots: 0, bookings: 0 };
    const random = seededRandom(42);
    const [bathing, cleaning] = await tx
      .insert(elderServices)
      .values([
        { tenantId, kind: 'bathing', name: '助浴', durationMinutes: 60, priceCents: 4000, assessmentDays: 180, minAge: 60 },
        { tenantId, kind: 'cleaning', name: '助洁', durationMinutes: 120, priceCents: 6000, minAge: 60 },
      ])
      .returning();
    // The register's 失能/半失能 tag, when the demo register has it.
    const [disabledTag] = await tx.execute<{ id: string }>(sql`select id from resident_tags where tenant_id = ${tenantId} and name = '失能/半失能' limit 1`);
    const from = addDays(today, -30);
    await tx.insert(elderServiceSubsidyRules).values([
      { tenantId, name: '高龄', minAge: 80, perUseCents: 2000, priority: 1, effectiveFrom: from },
      ...(disabledTag ? [{ tenantId, name: '失能', tagId: disabledTag.id, perUseCents: 3000, monthlyCapCents: 12000, priority: 10, effectiveFrom: from }] : []),
    ]);
    const slots: (typeof elderServiceSlots.$inferInsert)[] = [];
    for (let d = 1; d <= 7; d++) {
      const day = addDays(today, d);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const t of ['09:00', '10:30', '14:30']) slots.push({ tenantId, serviceId: bathing!.id, startsAt: chinaInstant(day, t), capacity: 2, place: '服务站助浴间' });
      for (const t of ['09:00', '14:00']) slots.push({ tenantId, serviceId: cleaning!.id, startsAt: chinaInstant(day, t), capacity: 3, place: '上门' });
    }
    const made = slots.length ? await tx.insert(elderServiceSlots).values(slots).returning() : [];
    const elders = (await tx.select({ id: residents.id, birth: residents.birth }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.status, 'active'))).orderBy(asc(residents.birth))).filter(
      (p) => p.birth && ageOn(p.birth, today) >= 70,
    );
    const assessed = elders.slice(0, Math.ceil(elders.length / 2));
    if (assessed.length) {
      await tx.insert(abilityAssessments).values(assessed.map((e, i) => ({ tenantId, residentId: e.id, assessedOn: addDays(today, -10 - ((i * 13) % 150)), level: Math.floor(random() * 4), assessor: '观山湖区养老服务评估中心' })));
    }
    // One booking per person and slot (the demo picks may repeat a person across slots, never within one), each priced
    // as bookService prices it (the rule table above, its monthly cap counting the bookings made before it).
    const bookings: (typeof elderServiceBookings.$inferInsert)[] = [];
    for (const [i, slot] of made.entries()) {
      if (i % 2) continue;
      const service = slot.serviceId === bathing!.id ? bathing! : cleaning!;
      const who = service === bathing ? assessed[i % Math.max(1, assessed.length)] : elders[(i * 3) % Math.max(1, elders.length)];
      if (!who) continue;
      const price = await priceService(tx, tenantId, service, slot, who.id, 'planned');
      const confirmed = random() < 0.7;
      const booking = { tenantId, slotId: slot.id, residentId: who.id, status: confirmed ? 'confirmed' : 'requested', priceCents: price.priceCents, subsidyCents: price.subsidyCents, ruleId: price.ruleId, category: price.category, bookedBy: confirmed ? 'staff' : 'self', confirmedAt: confirmed ? now : null };
      await tx.insert(elderServiceBookings).values(booking);
      bookings.push(booking);
    }
    return { services: 2, slots: made.length, bookings: bookings.length };
  });
}
