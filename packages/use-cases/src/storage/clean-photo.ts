import type { PhotoType } from '@shequ/domain';
import { UseCaseError } from '../errors.ts';

// A phone photo is at most 5 MB (PHOTO_MAX_BYTES) but may declare any size: refuse to decode more than 50 million
// pixels (a 8000×6000 camera image is 48 M), so a small file cannot make the server allocate gigabytes.
const MAX_PIXELS = 50_000_000;

// libvips is loaded on first use, so processes that never touch a photo (the worker, command-line jobs) do not carry it.
const loadSharp = async () => (await import('sharp')).default;

/**
 * A resident's photo with nothing but the picture: EXIF (GPS position, camera, time), XMP, IPTC and ICC blocks and
 * comments are dropped. The EXIF orientation is applied to the pixels first (`rotate()` without an angle), so the
 * picture still stands the right way up without the tag that said how. Re-encoded in its own format (JPEG at
 * quality 88, PNG and WebP as sharp's defaults); sharp keeps no metadata unless asked to (`withMetadata`).
 * Input: the uploaded bytes and their sniffed type. Output: the cleaned bytes, same type.
 * Refuses (`intake.photos.badType`, beside `field`: the form's photo field, `photos` unless given) what does not
 * decode as an image of that type.
 */
export async function cleanPhoto(bytes: Uint8Array, mime: PhotoType, field = 'photos'): Promise<Uint8Array> {
  const sharp = await loadSharp();
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const out = mime === 'image/jpeg' ? image.jpeg({ quality: 88 }) : mime === 'image/png' ? image.png() : image.webp();
    return new Uint8Array(await out.toBuffer());
  } catch {
    // Beside the caller's own field (decision 078: a care visit's fake .jpg was said at the top of the form only).
    throw new UseCaseError('intake.photos.badType', { field });
  }
}

/** Whether stored image bytes still carry metadata beyond the picture (EXIF, XMP, IPTC, ICC, comments). */
export async function photoHasMetadata(bytes: Uint8Array): Promise<boolean> {
  const sharp = await loadSharp();
  const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  return Boolean(meta.exif || meta.xmp || meta.iptc || meta.icc || meta.orientation || (meta.comments && meta.comments.length));
}
