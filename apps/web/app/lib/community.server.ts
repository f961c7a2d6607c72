import { and, eq } from 'drizzle-orm';
import { orgUnits, withoutTenant } from '@shequ/db';
import { db } from './db.server.ts';
import { notFound } from './http.server.ts';

/** The community a resident URL names (by slug). Unknown or archived communities are a plain 404. */
export async function communityBySlug(slug: string | undefined) {
  if (!slug || !/^[a-z0-9-]{3,40}$/.test(slug)) notFound();
  const [row] = await withoutTenant(db, (tx) =>
    tx.select({ id: orgUnits.id, name: orgUnits.name, slug: orgUnits.slug, status: orgUnits.status }).from(orgUnits).where(and(eq(orgUnits.slug, slug), eq(orgUnits.kind, 'community'))),
  );
  if (!row || row.status === 'archived') notFound();
  return row as { id: string; name: string; slug: string; status: 'active' | 'suspended' };
}
