/** Content types of the files pages hand out. */
export const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml; charset=utf-8',
  zip: 'application/zip',
} as const;

/**
 * A file to download (a resource route's answer): `fileName` may be Chinese (sent as RFC 5987 `filename*`), with an
 * ASCII `fallbackName` for clients that read only `filename`. Never cached: these files hold residents' data.
 * `disposition` `inline` lets the browser show it (a certificate's PDF, a QR code's image) rather than save it.
 * Input: bytes or text, the file's name, its content type. Output: the Response.
 */
export function download(body: Uint8Array | string, fileName: string, type: string, fallbackName?: string, disposition: 'attachment' | 'inline' = 'attachment'): Response {
  const names = `${fallbackName ? `filename="${fallbackName}"; ` : ''}filename*=UTF-8''${encodeURIComponent(fileName)}`;
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), { headers: { 'Content-Type': type, 'Content-Disposition': `${disposition}; ${names}`, 'Cache-Control': 'private, no-store' } });
}

/**
 * A file name as a download may carry it: Chinese kept, control characters and those a file system objects to
 * (\\ / : * ? " < > |) replaced by _, at most `max` characters. The one cleaner of every download name (reports,
 * posters, sign-in sheets: three copies of it before, issue 19's review).
 */
export function safeFileName(name: string, max = 100): string {
  return Array.from(name, (c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .slice(0, max);
}

/** A report file to download (Chinese file names kept, cleaned by safeFileName), with an ASCII fallback name. */
export function reportFile(bytes: Uint8Array, fileName: string, format: 'pdf' | 'xlsx', fallbackName = `report.${format}`): Response {
  return download(bytes, safeFileName(fileName), FILE_TYPES[format], fallbackName);
}
