import { and, eq } from 'drizzle-orm';
import { volunteerAgeGate } from '@shequ/domain';
import { residents, type Tx, volunteers } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { UseCaseError } from '../errors.ts';
import { guardianProblems } from './guardian.ts';
import { volunteerRefusal } from './refusals.ts';
import { chinaDay, communityOf } from './shared.ts';
import { type RegisterVolunteerFields, registerVolunteerSchema } from './volunteers.schema.ts';

/**
 * Records a person of the register as a volunteer (staff or a team leader, with the person present or on paper).
 *
 * Input: `residentId` (an active person of the register, with a known birth), skills, availability, `consent`
 * (the person agreed to volunteer and to their service being recorded), and for a person aged 14–17 the guardian's
 * consent (`guardianConsent`, with `guardianName` and relation, or `guardianResidentId` of the register); `now`.
 * Output: `{ residentId }`; audited (volunteer_registered).
 * Rules: 团中央《中国注册志愿者管理办法》 — volunteers are 18 or over, or 14–17 with a guardian's consent;
 * 《志愿服务条例》 art. 19 — basic information of volunteers is recorded.
 * Refuses: volunteer.consent.required; volunteer.birth.unknown (the register has no birth: age cannot be checked);
 * volunteer.tooYoung (under 14); volunteer.guardian.required (14–17 without the guardian's consent and name);
 * volunteer.notFound (no such person); volunteer.inactive (moved out or merged); volunteer.duplicate; forbidden.
 */
export async function registerVolunteer(tx: Tx, caller: StaffCaller, input: RegisterVolunteerFields & { now?: Date }) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'create', subject('Volunteer', { tenantId }));
  const parsed = parseInput(registerVolunteerSchema, input);
  const now = input.now ?? new Date();
  if (!parsed.consent) throw volunteerRefusal('volunteer.consent.required', { field: 'consent' });
  const [person] = await tx.select({ birth: residents.birth, status: residents.status }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, parsed.residentId)));
  if (!person) throw volunteerRefusal('volunteer.notFound', { field: 'residentId' });
  if (person.status !== 'active') throw volunteerRefusal('volunteer.inactive', { field: 'residentId' });
  const today = chinaDay(now);
  const gate = volunteerAgeGate(person.birth, today);
  if (gate === 'unknown') throw volunteerRefusal('volunteer.birth.unknown', { field: 'residentId' });
  if (gate === 'tooYoung') throw volunteerRefusal('volunteer.tooYoung', { field: 'residentId' });
  const minor = gate === 'needsGuardian';
  if (minor && (!parsed.guardianConsent || (!parsed.guardianName && !parsed.guardianResidentId))) throw volunteerRefusal('volunteer.guardian.required', { field: 'guardianConsent' });
  const guardian = minor ? UseCaseError.of(guardianProblems(parsed.guardianName, parsed.guardianRelation)) : null;
  if (guardian) throw guardian;
  const [row] = await tx
    .insert(volunteers)
    .values({
      tenantId,
      residentId: parsed.residentId,
      skills: [...new Set(parsed.skills)],
      availability: parsed.availability || null,
      consentOn: today,
      guardianResidentId: minor ? (parsed.guardianResidentId ?? null) : null,
      guardianName: minor ? parsed.guardianName || null : null,
      guardianRelation: minor ? parsed.guardianRelation || null : null,
      guardianConsentOn: minor ? today : null,
      showOnWall: parsed.showOnWall,
      createdBy: caller.actor.userId,
    })
    .onConflictDoNothing()
    .returning({ residentId: volunteers.residentId });
  if (!row) throw volunteerRefusal('volunteer.duplicate', { field: 'residentId' });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_registered', subjectType: 'Volunteer', subjectId: row.residentId, detail: { minor } });
  return { residentId: row.residentId };
}
