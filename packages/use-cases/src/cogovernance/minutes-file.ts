/** The largest scan of minutes taken: a multi-page PDF from an office scanner, or a phone photo. */
export const MINUTES_FILE_MAX_BYTES = 10 * 1024 * 1024;

export const EXT_MIME = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

/** Whether bytes start as a PDF does (`%PDF-`). */
export function isPdf(head: Uint8Array): boolean {
  return head.length >= 5 && String.fromCharCode(...head.subarray(0, 5)) === '%PDF-';
}
