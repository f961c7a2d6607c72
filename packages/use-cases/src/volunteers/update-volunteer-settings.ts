import { type Tx, volunteerSettings } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf } from './shared.ts';
import { type VolunteerSettingsFields, volunteerSettingsSchema } from './volunteers.schema.ts';

/**
 * Saves the community's volunteer settings (POLICY.md: thresholds that vary by place are configuration): rounding
 * of counted time (unit, down/nearest/up), grace after a shift's end before the automatic check-out, how early the
 * QR is accepted, the threshold above which hours entered afterwards need a second approver, the cancellation
 * cut-off, the day-before step (ask / close, hours before the start; ask 0 = none), the reminder (minutes before;
 * 0 = none), star thresholds (five hours, increasing; commonly 100/300/600/1,000/1,500), and the certificate's
 * person in charge and contact (民发〔2015〕149号). Timers already started keep their times; new publications use these.
 * Caller: the community admin ('update' Settings). Output: `{ saved: true }`; audited.
 * Refuses: forbidden; volunteer.settings.personInCharge / volunteer.settings.contact (blank); volunteer.settings.confirm (close not before the ask); volunteer.settings.stars (not increasing).
 */
export async function updateVolunteerSettings(tx: Tx, caller: StaffCaller, input: VolunteerSettingsFields) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('Settings', { tenantId }));
  const v = parseInput(volunteerSettingsSchema, input);
  if (v.confirmAskHours > 0 && v.confirmCloseHours >= v.confirmAskHours) throw volunteerRefusal('volunteer.settings.confirm', { field: 'confirmCloseHours' });
  // 《志愿服务记录与证明出具办法》: the certificate names the issuing organisation's person in charge and contact (t35:
  // blank ones were saved and certificates printed none).
  if (!v.certificatePersonInCharge?.trim()) throw volunteerRefusal('volunteer.settings.personInCharge', { field: 'certificatePersonInCharge' });
  if (!v.certificateContact?.trim()) throw volunteerRefusal('volunteer.settings.contact', { field: 'certificateContact' });
  if (v.starHours.some((h, i) => i > 0 && h <= v.starHours[i - 1]!)) throw volunteerRefusal('volunteer.settings.stars', { field: 'starHours' });
  const values = {
    roundingMinutes: v.roundingMinutes,
    roundingMode: v.roundingMode,
    graceMinutes: v.graceMinutes,
    earlyMinutes: v.earlyMinutes,
    secondApprovalMinutes: v.secondApprovalMinutes,
    cancelCutoffHours: v.cancelCutoffHours,
    confirmAskHours: v.confirmAskHours,
    confirmCloseHours: v.confirmCloseHours,
    reminderMinutes: v.reminderMinutes,
    starHours: v.starHours,
    certificatePersonInCharge: v.certificatePersonInCharge || null,
    certificateContact: v.certificateContact || null,
  };
  await tx.insert(volunteerSettings).values({ tenantId, ...values }).onConflictDoUpdate({ target: volunteerSettings.tenantId, set: values });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_settings_updated', subjectType: 'Settings', subjectId: tenantId, detail: { ...values, certificateContact: values.certificateContact ? 'set' : null } });
  return { saved: true as const };
}
