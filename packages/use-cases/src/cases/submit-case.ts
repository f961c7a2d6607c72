import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  type Channel,
  cleanText,
  CONTENT_MAX_LENGTH,
  maskMobile,
  maskName,
  MAX_PHOTOS,
  NAME_MAX_LENGTH,
  normalizeMobile,
  PHOTO_MAX_BYTES,
  sniffImageType,
  trackingCodeFromBytes,
} from '@shequ/domain';
import { buildings, caseEvents, casePhotos, cases, categories, newId, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';

export type SubmitCaseInput = {
  tenantId: string;
  categoryId: string;
  content: string;
  buildingId?: string | null;
  name?: string | null;
  mobile?: string | null;
  consent: boolean;
  photos: Uint8Array[];
  channel: Channel;
  /** The staff member recording it on a resident's behalf (walk-in, phone); null for residents themselves. */
  createdBy?: string | null;
};

export type CaseDeps = { cipher: PersonalDataCipher; storage: PhotoStorage };

const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/** Checks what a resident sent; every problem names its field, so the form can put the message next to it. */
export function validateIntake(input: SubmitCaseInput) {
  const content = cleanText(input.content ?? '');
  if (!content) throw new UseCaseError('intake.content.required', { field: 'content' });
  if (Array.from(content).length > CONTENT_MAX_LENGTH) throw new UseCaseError('intake.content.tooLong', { field: 'content', max: CONTENT_MAX_LENGTH });
  const name = cleanText(input.name ?? '') || null;
  if (name && Array.from(name).length > NAME_MAX_LENGTH) throw new UseCaseError('intake.name.tooLong', { field: 'name', max: NAME_MAX_LENGTH });
  const rawMobile = (input.mobile ?? '').trim();
  const mobile = rawMobile ? normalizeMobile(rawMobile) : null;
  if (rawMobile && !mobile) throw new UseCaseError('intake.mobile.invalid', { field: 'mobile' });
  if ((name || mobile) && !input.consent && input.channel === 'qr') throw new UseCaseError('intake.consent.required', { field: 'consent' });
  if (input.photos.length > MAX_PHOTOS) throw new UseCaseError('intake.photos.tooMany', { field: 'photos', max: MAX_PHOTOS });
  const photos = input.photos.map((bytes) => {
    if (bytes.byteLength > PHOTO_MAX_BYTES) throw new UseCaseError('intake.photos.tooLarge', { field: 'photos', maxMb: PHOTO_MAX_BYTES / 1024 / 1024 });
    const mime = sniffImageType(bytes.subarray(0, 16));
    if (!mime) throw new UseCaseError('intake.photos.badType', { field: 'photos' });
    return { bytes, mime };
  });
  return { content, name, mobile, photos };
}

/**
 * A new case from a resident (QR) or recorded by staff. Validates everything before writing anything; photos are
 * stored first and removed again if the database refuses, so nothing is ever half-saved.
 */
export async function submitCase(tx: Tx, deps: CaseDeps, input: SubmitCaseInput, now = new Date()) {
  const { content, name, mobile, photos } = validateIntake(input);
  const [category] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.tenantId, input.tenantId), eq(categories.id, input.categoryId), eq(categories.active, true)));
  if (!category) throw new UseCaseError('intake.category.invalid', { field: 'categoryId' });
  let gridId: string | null = null;
  if (input.buildingId) {
    const [building] = await tx
      .select({ gridId: buildings.gridId })
      .from(buildings)
      .where(and(eq(buildings.tenantId, input.tenantId), eq(buildings.id, input.buildingId)));
    if (!building) throw new UseCaseError('intake.building.invalid', { field: 'buildingId' });
    gridId = building.gridId;
  }

  const id = newId();
  const hint = [name ? maskName(name) : null, mobile ? maskMobile(mobile) : null].filter(Boolean).join(' ') || null;
  let trackingCode = '';
  for (let attempt = 0; !trackingCode; attempt++) {
    if (attempt > 5) throw new Error('could not allocate a tracking code');
    const candidate = trackingCodeFromBytes(randomBytes(10));
    const inserted = await tx
      .insert(cases)
      .values({
        tenantId: input.tenantId,
        id,
        trackingCode: candidate,
        categoryId: category.id,
        content,
        buildingId: input.buildingId ?? null,
        gridId,
        channel: input.channel,
        reporterNameEnc: name ? deps.cipher.encrypt(name) : null,
        reporterMobileEnc: mobile ? deps.cipher.encrypt(mobile) : null,
        reporterHint: hint,
        consentAt: name || mobile ? now : null,
        createdBy: input.createdBy ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ code: cases.trackingCode });
    if (inserted[0]) trackingCode = inserted[0].code;
  }

  const written: string[] = [];
  try {
    for (const photo of photos) {
      const photoId = newId();
      const key = `${input.tenantId}/${photoId}.${EXT[photo.mime]}`;
      await deps.storage.put(key, photo.bytes);
      written.push(key);
      await tx.insert(casePhotos).values({ tenantId: input.tenantId, id: photoId, caseId: id, storageKey: key, mime: photo.mime, bytes: photo.bytes.byteLength });
    }
    await tx.insert(caseEvents).values({
      tenantId: input.tenantId,
      caseId: id,
      at: now,
      actorKind: input.createdBy ? 'staff' : 'resident',
      actorUserId: input.createdBy ?? null,
      type: 'submitted',
      public: true,
      data: { channel: input.channel, photos: photos.length },
    });
  } catch (error) {
    await Promise.allSettled(written.map((k) => deps.storage.remove(k)));
    throw error;
  }
  return { id, trackingCode };
}
