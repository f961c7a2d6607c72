import { and, desc, eq, inArray } from 'drizzle-orm';
import { starLevel } from '@shequ/domain';
import { residents, type Tx, volunteerHours, volunteerRecognitions, volunteers } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { ledgerEntries, ledgerTotals } from './ledger.ts';
import { loadVolunteerSettings } from './shared.ts';

/**
 * The community's public honour wall (荣誉墙): approved recognitions of volunteers who agreed to be shown
 * (`volunteers.show_on_wall`), newest year first — masked name (the register's hint; the wall is public), title,
 * year, citation, star level from approved hours. Anyone (anonymousCaller()); transaction: the community's tenant scope.
 */
export async function listHonourWall(tx: Tx, _caller: Caller, input: { tenantId: string }) {
  const rows = await tx
    .select({ r: volunteerRecognitions, nameHint: residents.nameHint })
    .from(volunteerRecognitions)
    .innerJoin(volunteers, and(eq(volunteers.tenantId, volunteerRecognitions.tenantId), eq(volunteers.residentId, volunteerRecognitions.residentId)))
    .innerJoin(residents, and(eq(residents.tenantId, volunteerRecognitions.tenantId), eq(residents.id, volunteerRecognitions.residentId)))
    .where(and(eq(volunteerRecognitions.tenantId, input.tenantId), eq(volunteerRecognitions.status, 'approved'), eq(volunteers.showOnWall, true), eq(volunteers.active, true)))
    .orderBy(desc(volunteerRecognitions.year), desc(volunteerRecognitions.decidedAt))
    .limit(100);
  if (!rows.length) return [];
  const settings = await loadVolunteerSettings(tx, input.tenantId);
  const entries = await ledgerEntries(tx, input.tenantId, inArray(volunteerHours.residentId, [...new Set(rows.map((r) => r.r.residentId))]));
  return rows.map(({ r, nameHint }) => ({
    id: r.id,
    nameHint,
    title: r.title,
    year: r.year,
    citation: r.citation,
    stars: starLevel(ledgerTotals(entries.filter((e) => e.residentId === r.residentId)).starMinutes / 60, settings.starHours).stars,
  }));
}
