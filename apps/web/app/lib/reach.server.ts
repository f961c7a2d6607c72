import { isUuid } from '@shequ/db';
import type { Actor } from '@shequ/permissions';
import { communityInReach } from '@shequ/use-cases';
import { withActor } from './db.server.ts';
import { notFound } from './http.server.ts';

/**
 * For routes that take a community id from the URL (officers' case pages, photos, posters): answers 404 unless the
 * community lies within the actor's reach, checked on the hierarchy before the community's tenant context is
 * opened. Returns the id, now known to be a community's.
 */
export async function requireCommunityInReach(actor: Actor, communityId: string | undefined): Promise<string> {
  if (!isUuid(communityId) || !(await withActor(actor, (tx) => communityInReach(tx, { actor }, { communityId })))) notFound();
  return communityId;
}
