import { and, eq } from 'drizzle-orm';
import { PHOTO_TYPES, type PhotoType } from '@shequ/domain';
import { casePhotos, type Db, orgUnits, SYSTEM_SCOPES, withSystem, withTenant } from '@shequ/db';
import { cleanPhoto, photoHasMetadata } from './clean-photo.ts';
import type { PhotoStorage } from './photo-storage.ts';

export type PhotoCleanup = { checked: number; cleaned: number; missing: number; failed: number };

/**
 * The one-off job for photos stored before uploads were cleaned (cleanPhoto): every community's photos are read, and
 * each that still carries metadata (EXIF with its GPS position, XMP, IPTC, ICC, an orientation tag) is replaced by
 * its cleaned image under a new storage key; the row then points at it and the old file is removed. Run again, it
 * finds nothing to do (clean photos are left alone, not re-encoded). A file that cannot be read or decoded is
 * counted and left as it is. Input: the runtime database and the photo storage; `communityIds` narrows the run.
 * Output: counts of photos checked, cleaned, missing from storage and failed.
 */
export async function cleanStoredPhotos(db: Db, storage: PhotoStorage, communityIds?: string[]): Promise<PhotoCleanup> {
  const result: PhotoCleanup = { checked: 0, cleaned: 0, missing: 0, failed: 0 };
  const communities = communityIds ?? (await withSystem(db, SYSTEM_SCOPES.maintenance, 'photos:clean', (tx) => tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.kind, 'community')))).map((c) => c.id);
  for (const tenantId of communities) {
    const photos = await withTenant(db, tenantId, (tx) => tx.select({ id: casePhotos.id, key: casePhotos.storageKey, mime: casePhotos.mime }).from(casePhotos).where(eq(casePhotos.tenantId, tenantId)));
    for (const photo of photos) {
      result.checked += 1;
      const bytes = await storage.get(photo.key);
      if (!bytes) {
        result.missing += 1;
        continue;
      }
      try {
        if (!(PHOTO_TYPES as readonly string[]).includes(photo.mime) || !(await photoHasMetadata(bytes))) continue;
        const clean = await cleanPhoto(bytes, photo.mime as PhotoType);
        const key = photo.key.replace(/(-c\d+)?\.(jpg|png|webp)$/, `-c${Date.now().toString(36)}.$2`);
        await storage.put(key, clean);
        await withTenant(db, tenantId, (tx) =>
          tx.update(casePhotos).set({ storageKey: key, bytes: clean.byteLength }).where(and(eq(casePhotos.tenantId, tenantId), eq(casePhotos.id, photo.id))),
        );
        await storage.remove(photo.key);
        result.cleaned += 1;
      } catch {
        result.failed += 1;
      }
    }
  }
  return result;
}
