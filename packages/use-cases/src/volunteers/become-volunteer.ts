import { and, eq } from 'drizzle-orm';
import { volunteerAgeGate } from '@shequ/domain';
import { residents, type Tx, volunteers } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { type Problem, UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { guardianProblems } from './guardian.ts';
import { volunteerRefusal } from './refusals.ts';
import { chinaDay, type VolunteerSelf } from './shared.ts';
import { becomeVolunteerSchema } from './volunteers.schema.ts';

/**
 * A signed-in resident of the register records themselves as a volunteer from 我的, on the way to their first sign-up
 * or team application (issue 17: "Residents apply to a team from their 我的 page", "Residents … sign up at 360 px";
 * its outside trial found a resident who was not a volunteer yet could do neither). The office's registerVolunteer
 * stays for people without a phone.
 *
 * Caller: the resident for themselves (VolunteerSelf). Input: `consent` (they agree to volunteer and to their
 * service being recorded), and for 14–17 `guardianConsent` with `guardianName` (and relation); `now`.
 * Output: `{ residentId, registered }` (registered false when they were a volunteer already: nothing changes).
 * Rules: 团中央《中国注册志愿者管理办法》 — 18 or over, or 14–17 with a guardian's consent, never under 14;
 * 《志愿服务条例》 art. 19 — the volunteer's basic information is recorded (consent and guardian with their dates).
 * Refuses, every problem at once: volunteer.consent.required (beside `consent`); volunteer.guardian.required (beside
 * `guardianConsent`). Alone: volunteer.birth.unknown (the register has no birth: the office completes it);
 * volunteer.tooYoung; volunteer.notFound (no active person of the register); volunteer.inactive (a volunteer record
 * that was ended: the office restores it).
 */
export async function becomeVolunteer(tx: Tx, caller: VolunteerSelf, input: z.input<typeof becomeVolunteerSchema> & { now?: Date }) {
  const tenantId = caller.tenantId;
  const parsed = parseInput(becomeVolunteerSchema, input);
  const now = input.now ?? new Date();
  const [existing] = await tx.select({ active: volunteers.active }).from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, caller.residentId)));
  if (existing?.active) return { residentId: caller.residentId, registered: false };
  if (existing) throw volunteerRefusal('volunteer.inactive');
  const [person] = await tx.select({ birth: residents.birth, status: residents.status }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, caller.residentId)));
  if (!person || person.status !== 'active') throw volunteerRefusal('volunteer.notFound');
  const today = chinaDay(now);
  const gate = volunteerAgeGate(person.birth, today);
  if (gate === 'unknown') throw volunteerRefusal('volunteer.birth.unknown');
  if (gate === 'tooYoung') throw volunteerRefusal('volunteer.tooYoung');
  const minor = gate === 'needsGuardian';
  const problems: Problem[] = [];
  if (!parsed.consent) problems.push({ code: 'volunteer.consent.required', params: { field: 'consent' } });
  if (minor && (!parsed.guardianConsent || !parsed.guardianName)) problems.push({ code: 'volunteer.guardian.required', params: { field: 'guardianConsent' } });
  if (minor) problems.push(...guardianProblems(parsed.guardianName, parsed.guardianRelation));
  const refused = UseCaseError.of(problems);
  if (refused) throw refused;
  // Two taps at once (two sign-ups of one person): the second finds the row the first wrote, registered already.
  const [inserted] = await tx
    .insert(volunteers)
    .values({
      tenantId,
      residentId: caller.residentId,
      consentOn: today,
      guardianName: minor ? parsed.guardianName! : null,
      guardianRelation: minor ? parsed.guardianRelation || null : null,
      guardianConsentOn: minor ? today : null,
      createdBy: null,
    })
    .onConflictDoNothing()
    .returning({ residentId: volunteers.residentId });
  if (!inserted) return { residentId: caller.residentId, registered: false };
  await recordAuditEvent(tx, { tenantId, actorUserId: null, action: 'volunteer_registered', subjectType: 'Volunteer', subjectId: caller.residentId, detail: { minor, self: true } });
  return { residentId: caller.residentId, registered: true };
}
