import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { PHOTO_MAX_BYTES, sniffImageType } from '@shequ/domain';
import { type Tx, volunteerSettings } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { cleanPhoto } from '../storage/clean-photo.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import { communityOf } from './shared.ts';

/** A seal image is small: a scan or a drawing of the round seal (PNG with a transparent background prints best). */
const SEAL_MAX_BYTES = Math.min(PHOTO_MAX_BYTES, 2 * 1024 * 1024);

/**
 * Uploads (or removes) the community's seal image printed on its volunteer service certificates (issue 17:
 * 民发〔2015〕149号 — a certificate carries the issuing organisation's seal). PNG or JPEG; metadata stripped
 * (cleanPhoto keeps a PNG's transparency); stored under a new key each time, the previous image removed after the
 * settings row points at the new one. Caller: who may change the community's settings (the community admin).
 * Input: `image` (bytes; absent or empty with `remove`: no seal), `storage`. Output: `{ sealed }` (a seal is set);
 * audited (volunteer_seal_updated).
 * Refuses: forbidden; volunteer.seal.required (neither an image nor remove); intake.photos.tooLarge /
 * intake.photos.badType (beside `seal`: not a PNG or JPEG, or larger than 2 MB).
 */
export async function setCertificateSeal(tx: Tx, caller: StaffCaller, input: { image?: Uint8Array | null; remove?: boolean; storage: PhotoStorage }) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('Settings', { tenantId }));
  const image = input.image?.byteLength ? input.image : null;
  if (!image && !input.remove) throw new UseCaseError('volunteer.seal.required', { field: 'seal' });
  let key: string | null = null;
  if (image) {
    if (image.byteLength > SEAL_MAX_BYTES) throw new UseCaseError('intake.photos.tooLarge', { field: 'seal', maxMb: SEAL_MAX_BYTES / 1024 / 1024 });
    const mime = sniffImageType(image.subarray(0, 16));
    if (mime !== 'image/png' && mime !== 'image/jpeg') throw new UseCaseError('intake.photos.badType', { field: 'seal' });
    key = `${tenantId}/seal-${randomBytes(8).toString('hex')}.${mime === 'image/png' ? 'png' : 'jpg'}`;
    await input.storage.put(key, await cleanPhoto(image, mime, 'seal'));
  }
  const [before] = await tx.select({ key: volunteerSettings.sealImageKey }).from(volunteerSettings).where(eq(volunteerSettings.tenantId, tenantId)).for('update');
  await tx.insert(volunteerSettings).values({ tenantId, sealImageKey: key }).onConflictDoUpdate({ target: volunteerSettings.tenantId, set: { sealImageKey: key } });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_seal_updated', subjectType: 'Settings', subjectId: tenantId, detail: { sealed: Boolean(key) } });
  if (before?.key && before.key !== key) await input.storage.remove(before.key);
  return { sealed: Boolean(key) };
}
