import { fileURLToPath } from 'node:url';
import { createDb } from '@shequ/db';
import { cleanStoredPhotos } from '../storage/clean-stored-photos.ts';
import { localPhotoStorage } from '../storage/photo-storage.ts';

// `pnpm photos:clean`: the one-off cleaning of photos stored before uploads were stripped of their metadata (EXIF
// with GPS positions). Safe to run again: clean photos are left alone. Runs as the runtime role, against the
// photo folder the web app writes to (PHOTO_STORAGE_DIR).
const url = process.env.DATABASE_APP_URL ?? 'postgres://shequ_app:shequ_app@127.0.0.1:5432/shequ';
const dir = process.env.PHOTO_STORAGE_DIR ?? fileURLToPath(new URL('../../../../.local/photos', import.meta.url));
const db = createDb(url, { max: 2, applicationName: 'shequ-photos-clean' });
try {
  const started = Date.now();
  const r = await cleanStoredPhotos(db, localPhotoStorage(dir));
  console.log(`photos: ${r.checked} checked, ${r.cleaned} cleaned, ${r.missing} missing from ${dir}, ${r.failed} could not be read; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.failed || r.missing) process.exitCode = 1;
} finally {
  await db.close();
}
