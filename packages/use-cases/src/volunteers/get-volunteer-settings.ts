import { eq } from 'drizzle-orm';
import { type Tx, volunteerSettings } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf, loadVolunteerSettings } from './shared.ts';

/**
 * The community's volunteer settings as the settings page shows them (the table's defaults where the community set
 * nothing), with the certificate's person in charge and contact. Caller: staff who may read the community's
 * settings. Output: VolunteerSettings & `{ roundingMinutes, roundingMode, certificatePersonInCharge, certificateContact,
 * sealed (a seal image is uploaded), canEdit }`.
 * Refuses: forbidden.
 */
export async function getVolunteerSettings(tx: Tx, caller: StaffCaller) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('Settings', { tenantId }));
  // The volunteer office's settings are for those who read volunteers' records (a grid worker reads the community's
  // settings but not volunteers: the page opened for them, found from outside).
  assertCan(caller.ability, 'read', subject('Volunteer', { tenantId }));
  const settings = await loadVolunteerSettings(tx, tenantId);
  const [row] = await tx.select({ person: volunteerSettings.certificatePersonInCharge, contact: volunteerSettings.certificateContact, seal: volunteerSettings.sealImageKey }).from(volunteerSettings).where(eq(volunteerSettings.tenantId, tenantId));
  return {
    ...settings,
    roundingMinutes: settings.rounding.unitMinutes,
    roundingMode: settings.rounding.mode,
    certificatePersonInCharge: row?.person ?? null,
    certificateContact: row?.contact ?? null,
    sealed: Boolean(row?.seal),
    canEdit: caller.ability.can('update', subject('Settings', { tenantId })),
  };
}
