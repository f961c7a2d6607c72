import { and, eq, isNull } from 'drizzle-orm';
import { residents, residentSessions, residentSignUps, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { communityOf, holdsMobile, holdsOwn, parseInput, residentSubject } from '../residents/person.ts';
import { registerResident } from '../residents/register-resident.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { resolveResidentSignUpSchema } from './resident-sign-in.schema.ts';

/**
 * Staff resolve a pending sign-up (decision 035).
 * - `confirm` with the person's name: the register gets the person with the number they signed in with (consent
 *   channel 'online': they signed in themselves; the register's duplicate rules apply), or, when someone active has
 *   had that number registered meanwhile, links to them; the person's open sessions are linked to the entry.
 * - `dismiss`: not a resident of the community; their open sessions end.
 * Input: resolveResidentSignUpSchema, and the cipher. Caller: staff who may register people. Transaction: tenant scope.
 * Output: `{ residentId }` (null when dismissed). Audited. Refusals: residentSignUp.notFound; residentSignUp.resolved;
 * the register's refusals; forbidden.
 */
export async function resolveResidentSignUp(tx: Tx, caller: StaffCaller, input: { intent: 'confirm' | 'dismiss'; signUpId: string; name?: string; cipher: PersonalDataCipher }, now = new Date()) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(resolveResidentSignUpSchema, input);
  assertCan(caller.ability, 'create', residentSubject(tenantId, null));
  const [signUp] = await tx
    .select()
    .from(residentSignUps)
    .where(and(eq(residentSignUps.tenantId, tenantId), eq(residentSignUps.id, parsed.signUpId)))
    .limit(1)
    .for('update');
  if (!signUp) throw new UseCaseError('residentSignUp.notFound');
  if (signUp.resolvedAt) throw new UseCaseError('residentSignUp.resolved');
  const sessionsOf = and(eq(residentSessions.tenantId, tenantId), eq(residentSessions.signUpId, signUp.id), isNull(residentSessions.revokedAt));
  let residentId: string | null = null;
  if (parsed.intent === 'confirm') {
    const [known] = await tx
      .select({ id: residents.id })
      .from(residents)
      .where(and(eq(residents.tenantId, tenantId), holdsMobile(tenantId, signUp.mobileIndex)))
      .orderBy(holdsOwn(signUp.mobileIndex))
      .limit(1);
    residentId = known?.id ?? (await registerResident(tx, caller, { name: parsed.name, mobile: input.cipher.decrypt(signUp.mobileEnc), consent: true, consentChannel: 'online', cipher: input.cipher, now })).id;
    await tx.update(residentSessions).set({ residentId }).where(sessionsOf);
  } else {
    await tx.update(residentSessions).set({ revokedAt: now }).where(sessionsOf);
  }
  await tx
    .update(residentSignUps)
    .set({ outcome: parsed.intent === 'confirm' ? 'confirmed' : 'dismissed', residentId, resolvedBy: caller.actor.userId, resolvedAt: now })
    .where(and(eq(residentSignUps.tenantId, tenantId), eq(residentSignUps.id, signUp.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: parsed.intent === 'confirm' ? 'resident_sign_up_confirmed' : 'resident_sign_up_dismissed', subjectType: 'Resident', subjectId: residentId ?? signUp.id });
  return { residentId };
}
