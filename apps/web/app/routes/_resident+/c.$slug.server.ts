import { withScope } from '@shequ/db';
import { anonymousCaller, findCommunityBySlug } from '@shequ/use-cases';
import { db } from '~/lib/db.server.ts';
import { notFound } from '~/lib/http.server.ts';

type Community = { id: string; name: string; slug: string; status: 'active' | 'suspended' | 'archived' };

/**
 * Resident pages hit this on every request, so answers are kept for a few seconds per process: a suspension or
 * rename reaches residents within CACHE_MS. Unknown slugs are cached too, so probing costs no queries.
 */
const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; row: Community | null }>();

/** The cached lookup itself, for callers that answer misses their own way. */
export async function cachedCommunity(slug: string): Promise<Community | null> {
  if (!/^[a-z0-9-]{3,40}$/.test(slug)) return null;
  return lookup(slug);
}

async function lookup(slug: string): Promise<Community | null> {
  const hit = cache.get(slug);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.row;
  // A resident is nobody in particular: an empty scope, which reads the hierarchy (a reference table) and nothing private.
  const row = await withScope(db, {}, (tx) => findCommunityBySlug(tx, anonymousCaller(), { slug }));
  if (cache.size > 10_000) cache.clear();
  cache.set(slug, { at: Date.now(), row: (row as Community) ?? null });
  return (row as Community) ?? null;
}

/** The community a resident URL names (by slug). Unknown or archived communities are a plain 404. */
export async function communityBySlug(slug: string | undefined) {
  if (!slug || !/^[a-z0-9-]{3,40}$/.test(slug)) notFound();
  const row = await lookup(slug);
  if (!row || row.status === 'archived') notFound();
  return row as Community & { status: 'active' | 'suspended' };
}
