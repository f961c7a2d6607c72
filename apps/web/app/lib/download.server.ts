/** Content types of the files pages hand out. */
export const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
} as const;

/**
 * A file to download (a resource route's answer): `fileName` may be Chinese (sent as RFC 5987 `filename*`), with an
 * ASCII `fallbackName` for clients that read only `filename`. Never cached: these files hold residents' data.
 * Input: bytes or text, the file's name, its content type. Output: the Response.
 */
export function download(body: Uint8Array | string, fileName: string, type: string, fallbackName?: string): Response {
  const names = `${fallbackName ? `filename="${fallbackName}"; ` : ''}filename*=UTF-8''${encodeURIComponent(fileName)}`;
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), { headers: { 'Content-Type': type, 'Content-Disposition': `attachment; ${names}`, 'Cache-Control': 'private, no-store' } });
}
