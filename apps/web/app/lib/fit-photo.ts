// Photos are made to fit before they leave the phone (issue 20: a 15 MB photo was queued without a word, refused by
// the server with 413 and sent again on every load; online, it showed the 500 page). Browser only.

/** The largest photo the server takes (PHOTO_MAX_BYTES, 5 MB): what the forms and the phone app's queue aim below. */
export const PHOTO_LIMIT_BYTES = 5 * 1024 * 1024;

/** The longest sides tried, largest first: a phone's 12-50 MP photo is redrawn at these until it fits. */
const SIDES = [3072, 2560, 2048, 1600, 1280, 1024] as const;
const QUALITIES = [0.85, 0.7] as const;

/**
 * A file that fits in `maxBytes`: the file itself when it already does; an image too large redrawn smaller on a
 * canvas, as a JPEG (which also drops its metadata: time, place, camera), at the largest side and quality that fit;
 * null when it cannot be made to fit (not an image the browser can draw, or still too large at 1,024 px). Never
 * throws.
 */
export async function fitPhoto(file: File, maxBytes = PHOTO_LIMIT_BYTES): Promise<File | null> {
  if (file.size <= maxBytes) return file;
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function' || typeof document === 'undefined') return null;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  try {
    for (const side of SIDES) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const ctx = canvas.getContext('2d');
      if (!ctx) return null;
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of QUALITIES) {
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
        if (blob && blob.size <= maxBytes) return new File([blob], `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`, { type: 'image/jpeg', lastModified: Date.now() });
      }
    }
    return null;
  } catch {
    return null;
  } finally {
    bitmap.close();
  }
}
