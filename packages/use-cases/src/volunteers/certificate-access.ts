import { subject } from '@shequ/permissions';
import { volunteerRefusal } from './refusals.ts';
import { isSelf, type VolunteerCaller } from './shared.ts';

// Volunteer service certificates (志愿服务证明, issue 17). 《志愿服务记录与证明出具办法（试行）》 (民政部令第67号):
// "谁组织谁记录、谁记录谁证明" — the community that recorded the hours certifies them, from its own ledger;
// 民发〔2015〕149号: a certificate states the volunteer's identity, the hours and content of service, the issuer
// (person in charge, handler, contact), its number and date, and carries the seal.

/**
 * Staff who keep volunteers' records may issue for anyone; a volunteer for themselves only. A building block of the
 * certificate use cases (off the package root). Refuses: volunteer.notFound.
 */
export function assertMayCertify(caller: VolunteerCaller, tenantId: string, residentId: string) {
  if (isSelf(caller) ? caller.residentId !== residentId : !caller.ability.can('update', subject('Volunteer', { tenantId }))) throw volunteerRefusal('volunteer.notFound');
}
