import { caseDeps } from './deps.server.ts';
import { notFound } from './http.server.ts';

/** A stored photo as an HTTP response: private caching, and the browser never sniffs another type. */
export async function photoResponse(photo: { storageKey: string; mime: string }): Promise<Response> {
  const bytes = await caseDeps.storage.get(photo.storageKey);
  if (!bytes) notFound();
  return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': photo.mime, 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' } });
}
