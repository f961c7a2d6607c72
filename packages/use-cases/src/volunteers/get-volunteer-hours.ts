import { and, eq } from 'drizzle-orm';
import { starLevel } from '@shequ/domain';
import { type Tx, volunteerHours } from '@shequ/db';
import { subject } from '@shequ/permissions';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { ledgerEntries, ledgerTotals } from './ledger.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf, isSelf, loadVolunteer, loadVolunteerSettings, type VolunteerCaller } from './shared.ts';
import { getVolunteerHoursSchema } from './volunteers.schema.ts';

/**
 * One volunteer's hours: the ledger's entries with their state, totals in minutes (approved, pending, and those
 * counting toward stars: approved at the top evidence levels only) and the star level with progress to the next
 * (thresholds of the community: 100 / 300 / 600 / 1,000 / 1,500 hours by default, POLICY.md).
 * Input: residentId (a volunteer acting for themselves: their own). Output: `{ nameHint, entries, totals, stars }`.
 * Refuses: volunteer.notFound (also someone a volunteer asks about who is not them; a staff role without the
 * volunteers' records).
 */
export async function getVolunteerHours(tx: Tx, caller: VolunteerCaller, input: z.input<typeof getVolunteerHoursSchema>) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(getVolunteerHoursSchema, input);
  if (isSelf(caller) ? caller.residentId !== parsed.residentId : !caller.ability.can('read', subject('Volunteer', { tenantId }))) throw volunteerRefusal('volunteer.notFound');
  const volunteer = await loadVolunteer(tx, tenantId, parsed.residentId);
  const settings = await loadVolunteerSettings(tx, tenantId);
  const entries = await ledgerEntries(tx, tenantId, and(eq(volunteerHours.residentId, parsed.residentId)));
  const totals = ledgerTotals(entries);
  return { nameHint: volunteer.nameHint, entries, totals, stars: starLevel(totals.starMinutes / 60, settings.starHours) };
}
