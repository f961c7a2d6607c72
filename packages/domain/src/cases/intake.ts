/** What a resident may send with a wish. */
export const CONTENT_MAX_LENGTH = 1000;
export const NAME_MAX_LENGTH = 40;
export const MAX_PHOTOS = 3;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

export const DEFAULT_CATEGORIES = ['环境卫生', '设施维修', '养老助老', '儿童关爱', '邻里纠纷', '安全隐患', '文体活动', '其他'] as const;

export const CHANNELS = ['qr', 'walk_in', 'phone', 'staff'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The image type by content (magic bytes), never by file name or the browser's claim. */
export function sniffImageType(head: Uint8Array): PhotoType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return 'image/png';
  if (
    head.length >= 12 &&
    String.fromCharCode(head[0]!, head[1]!, head[2]!, head[3]!) === 'RIFF' &&
    String.fromCharCode(head[8]!, head[9]!, head[10]!, head[11]!) === 'WEBP'
  )
    return 'image/webp';
  return null;
}

/** Text as residents type it: trimmed, newlines normalised, control characters dropped. Markup stays inert text. */
export function cleanText(input: string): string {
  // eslint-disable-next-line no-control-regex
  return input.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

/**
 * A form's submission key: random, URL-safe, 16–64 characters (the form carries 22: 128 bits). Anything else is
 * ignored rather than refused, so a stale or tampered form still submits, only without protection from repeats.
 */
export function submissionKeyOrNull(input: unknown): string | null {
  return typeof input === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(input) ? input : null;
}
