import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  buildings,
  careRecipients,
  careVisits,
  careWindows,
  elderServiceSlots,
  mealBookings,
  orgUnits,
  volunteerActivities,
  volunteerHourApprovals,
  volunteerHours,
  volunteers,
  volunteerTeams,
  withTenant,
} from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { addServiceSlots, bookService, getResidentServices, registerResident, saveElderService, saveMealSitting } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 16: a person's page shows what the later features recorded about them (服务记录): volunteer hours, meals,
// station bookings and visiting care, for a person the caller may see, never to another community.
const db = seededDatabase();
const cipher = createPersonalDataCipher('6d'.repeat(32));
const NOW = new Date('2026-11-29T03:00:00Z');
const cn = (local: string) => new Date(`${local}+08:00`);

async function callerFor(mobile: string, community = '520115001001') {
  const tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, community)))[0]!.id;
  const actor = await db.actorFor(mobile, tenantId);
  return { tenantId, caller: { actor, ability: defineAbilityFor(actor) } };
}

describe('the person page’s service record (issue 16)', () => {
  it('shows the hours, meals, bookings and visits seeded for the person, to the office only within its community and a grid worker only for their grids', async () => {
    const { tenantId, caller: admin } = await callerFor('13800000004');
    const inJ = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
    const b = await withTenant(db.owner, tenantId, (tx) => tx.select({ id: buildings.id, name: buildings.name }).from(buildings));
    const building4 = b.find((x) => x.name === '4栋')!.id;
    const { id } = await inJ((tx) => registerResident(tx, admin, { name: '服务记录甲', birth: '1942-03', buildingId: building4, unit: '1', room: '101', consent: true, consentChannel: 'in_person', cipher, now: NOW }));

    // Nothing recorded yet: an empty record, not an error.
    expect(await inJ((tx) => getResidentServices(tx, admin, { residentId: id, now: NOW }))).toEqual({ sections: ['volunteering', 'meals', 'services', 'school', 'care'], volunteering: null, meals: { month: '2026-11', booked: 0, served: 0, category: null }, services: [], school: [], care: null });

    // A meal sitting and a station service, through the use cases; a booking of the service for the person.
    const sitting = await inJ((tx) => saveMealSitting(tx, admin, { meal: 'lunch', name: '服务记录午餐', capacity: 50, price: '15', cutoffDaysBefore: 1, cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '13:00', menuRule: { 荤: 1 } }));
    const service = await inJ((tx) => saveElderService(tx, admin, { kind: 'cleaning', name: '记录助洁', durationMinutes: 60, price: '30', assessmentDays: '' }));
    await inJ((tx) => addServiceSlots(tx, admin, { serviceId: service.id, day: '2026-12-03', times: '09:00', capacity: 2, place: '服务站' }));
    const [slot] = await withTenant(db.owner, tenantId, (tx) => tx.select({ id: elderServiceSlots.id }).from(elderServiceSlots).where(and(eq(elderServiceSlots.serviceId, service.id), eq(elderServiceSlots.startsAt, cn('2026-12-03T09:00:00')))));
    await inJ((tx) => bookService(tx, admin, { slotId: slot!.id, residentId: id, now: NOW }));

    // The rows the other features write: hours (approved this year, last year, pending, reversed), meals, a visit.
    await withTenant(db.owner, tenantId, async (tx) => {
      await tx.insert(volunteers).values({ tenantId, residentId: id, consentOn: '2025-01-01' });
      const [team] = await tx.insert(volunteerTeams).values({ tenantId, name: '服务记录队', leaderResidentId: id }).returning({ id: volunteerTeams.id });
      const [activity] = await tx.insert(volunteerActivities).values({ tenantId, teamId: team!.id, title: '楼道清扫', place: '4栋' }).returning({ id: volunteerActivities.id });
      const entry = async (minutes: number, servedFrom: string, approved: boolean) => {
        const [row] = await tx.insert(volunteerHours).values({ tenantId, residentId: id, teamId: team!.id, activityId: activity!.id, minutes, evidence: 'leader', servedFrom: new Date(servedFrom) }).returning({ id: volunteerHours.id });
        if (approved) await tx.insert(volunteerHourApprovals).values({ tenantId, entryId: row!.id, step: 'leader', approvedBy: admin.actor!.userId });
        return row!.id;
      };
      await entry(120, '2026-10-01T02:00:00Z', true);
      await entry(90, '2026-11-01T02:00:00Z', true);
      await entry(60, '2026-11-20T02:00:00Z', false); // pending
      await entry(45, '2025-12-31T15:30:00Z', true); // last year in China
      const reversed = await entry(30, '2026-07-01T02:00:00Z', true);
      await tx.insert(volunteerHours).values({ tenantId, residentId: id, teamId: team!.id, minutes: -30, evidence: 'leader', reversesId: reversed, reason: '重复记录' });

      const meal = { tenantId, sittingId: sitting.id, residentId: id, mode: 'dine_in', bookedBy: 'staff', queuedAt: NOW, priceCents: 1500 };
      await tx.insert(mealBookings).values({ ...meal, day: '2026-11-20', status: 'served', subsidyCents: 500, category: '高龄', servedAt: cn('2026-11-20T11:30:00'), servedVia: 'counter' });
      await tx.insert(mealBookings).values({ ...meal, day: '2026-11-30', status: 'booked', subsidyCents: 500, category: '高龄' });
      await tx.insert(mealBookings).values({ ...meal, day: '2026-11-25', status: 'cancelled', cancelledAt: NOW });
      await tx.insert(mealBookings).values({ ...meal, day: '2026-10-20', status: 'served', servedAt: cn('2026-10-20T11:30:00'), servedVia: 'counter' });

      await tx.insert(careRecipients).values({ tenantId, residentId: id, computedTier: 'priority', overrideTier: 'high', overrideReason: '独居高龄' });
      await tx.insert(careVisits).values({ tenantId, id: randomUUID(), residentId: id, visitorId: admin.actor!.userId, kind: 'home', visitedAt: cn('2026-11-10T10:00:00') });
      await tx.insert(careWindows).values({ tenantId, residentId: id, tier: 'high', reason: 'routine', opensAt: cn('2026-11-15T00:00:00'), closesAt: cn('2026-12-15T00:00:00'), countsKinds: ['home'] });
    });

    const record = await inJ((tx) => getResidentServices(tx, admin, { residentId: id, now: NOW }));
    expect(record.volunteering).toMatchObject({ active: true, yearMinutes: 210, totalMinutes: 255, pendingMinutes: 60 });
    expect(record.volunteering!.shifts.map((s) => [s.day, s.title, s.minutes, s.status])).toEqual([
      ['2026-11-20', '楼道清扫', 60, 'pending'],
      ['2026-11-01', '楼道清扫', 90, 'approved'],
      ['2026-10-01', '楼道清扫', 120, 'approved'],
      ['2025-12-31', '楼道清扫', 45, 'approved'],
    ]);
    expect(record.meals).toEqual({ month: '2026-11', booked: 1, served: 1, category: '高龄' });
    expect(record.services).toEqual([expect.objectContaining({ service: '记录助洁', startsAt: cn('2026-12-03T09:00:00').toISOString() })]);
    expect(record.care).toEqual({ tier: 'high', onRoster: true, lastVisitAt: cn('2026-11-10T10:00:00').toISOString(), nextDueAt: cn('2026-12-15T00:00:00').toISOString() });

    // A grid worker who may see a person of their own grid sees meals, station bookings, school and visits, but not
    // the volunteer office's hour ledger (each section is checked against its own feature's read permission).
    const gridWorker = await callerFor('13800000006');
    const building1 = b.find((x) => x.name === '1栋')!.id;
    const own = await inJ((tx) => registerResident(tx, admin, { name: '服务记录乙', birth: '1945-05', buildingId: building1, unit: '1', room: '102', consent: true, consentChannel: 'in_person', cipher, now: NOW }));
    await withTenant(db.owner, tenantId, (tx) => tx.insert(volunteers).values({ tenantId, residentId: own.id, consentOn: '2025-01-01' }));
    expect((await inJ((tx) => getResidentServices(tx, admin, { residentId: own.id, now: NOW }))).volunteering).toMatchObject({ active: true });
    const seenByGrid = await inJ((tx) => getResidentServices(tx, gridWorker.caller, { residentId: own.id, now: NOW }));
    expect(seenByGrid.sections).toEqual(['meals', 'services', 'school', 'care']);
    expect(seenByGrid.volunteering).toBeNull();
    expect(seenByGrid.meals).toEqual({ month: '2026-11', booked: 0, served: 0, category: null });

    // A grid worker of another grid, and another community, are refused the person (the page's 404).
    expect(await refusal(inJ((tx) => getResidentServices(tx, gridWorker.caller, { residentId: id, now: NOW })))).toBe('resident.notFound');
    const other = await callerFor('13800000005', '520115001002');
    expect(await refusal(withTenant(db.app, other.tenantId, (tx) => getResidentServices(tx, other.caller, { residentId: id, now: NOW })))).toBe('resident.notFound');
  });
});
