import { redirect } from '@remix-run/node';
import { anonymousCaller, residentCaller, resolveResidentSession, type ResidentCaller, type ResidentSelf } from '@shequ/use-cases';
import { withTenant } from '@shequ/db';
import { readCookie, serializeCookie } from './cookies.server.ts';
import { db } from './db.server.ts';
import { secureCookies } from './env.server.ts';

/**
 * Residents' sessions (decision 035): a cookie of their own, apart from staff's `shequ_session`, holding a random
 * token; the row (its SHA-256) lives in the community the resident signed in to, so it is looked up inside that
 * community's tenant scope, from the slug of the page. A cookie of another community reads as no session.
 */
export const RESIDENT_COOKIE = secureCookies ? '__Host-shequ_resident' : 'shequ_resident';

export function residentSessionCookie(token: string, expiresAt: Date): string {
  return serializeCookie(RESIDENT_COOKIE, token, { maxAgeSeconds: (expiresAt.getTime() - Date.now()) / 1000 });
}

export function clearedResidentCookie(): string {
  return serializeCookie(RESIDENT_COOKIE, '', { maxAgeSeconds: 0 });
}

const resolved = new WeakMap<Request, Promise<ResidentSelf | null>>();

/** The signed-in resident of this community (resolved once per request), or null. */
export function getResident(request: Request, communityId: string): Promise<ResidentSelf | null> {
  let pending = resolved.get(request);
  if (!pending) {
    const token = readCookie(request, RESIDENT_COOKIE);
    pending = token ? withTenant(db, communityId, (tx) => resolveResidentSession(tx, anonymousCaller(), { tenantId: communityId, token })) : Promise.resolve(null);
    resolved.set(request, pending);
  }
  return pending;
}

/** The signed-in resident as a use-case caller, or a redirect to the community's sign-in page. */
export async function requireResident(request: Request, community: { id: string; slug: string }): Promise<ResidentCaller> {
  const self = await getResident(request, community.id);
  if (!self) throw redirect(`/c/${community.slug}/me/sign-in`);
  return residentCaller(self);
}
