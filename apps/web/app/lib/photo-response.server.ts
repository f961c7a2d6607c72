import { isUuid, withTenant } from '@shequ/db';
import { type StaffCaller, staffPhoto } from '@shequ/use-cases';
import { db } from './db.server.ts';
import { caseDeps } from './deps.server.ts';
import { notFound } from './http.server.ts';
import { isRefusal } from './refusal.server.ts';

/**
 * A stored photo as an HTTP response: private caching (or none: `noStore`, for a photo of a person's home, kept on no
 * shared phone's disk), and the browser never sniffs another type.
 */
export async function photoResponse(photo: { storageKey: string; mime: string }, options: { noStore?: boolean } = {}): Promise<Response> {
  const bytes = await caseDeps.storage.get(photo.storageKey);
  if (!bytes) notFound();
  return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': photo.mime, 'Cache-Control': options.noStore ? 'no-store' : 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' } });
}

/**
 * A case photo for staff (a community's own, or an escalated case's for the officers who may read it: staffPhoto
 * checks), as a response; an id that is not one, or a photo the reader may not see, is the 404 page.
 */
export async function casePhotoResponse(caller: StaffCaller, communityId: string, caseId: string | undefined, photoId: string | undefined): Promise<Response> {
  if (!isUuid(caseId) || !isUuid(photoId)) notFound();
  try {
    const photo = await withTenant(db, communityId, (tx) => staffPhoto(tx, caller, { tenantId: communityId, caseId, photoId }));
    return await photoResponse(photo);
  } catch (error) {
    if (isRefusal(error)) notFound();
    throw error;
  }
}
