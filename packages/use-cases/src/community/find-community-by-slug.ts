import { and, eq } from 'drizzle-orm';
import { orgUnits, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

export type CommunityBySlug = { id: string; name: string; slug: string; status: 'active' | 'suspended' | 'archived' };

/**
 * The community a resident URL names, or null. Input: its slug (already checked for shape by the caller). Anyone may
 * ask: the slug is printed on every poster. Hierarchy data, read without a tenant.
 */
export async function findCommunityBySlug(tx: Tx, _caller: Caller, input: { slug: string }): Promise<CommunityBySlug | null> {
  const [row] = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, slug: orgUnits.slug, status: orgUnits.status })
    .from(orgUnits)
    .where(and(eq(orgUnits.slug, input.slug), eq(orgUnits.kind, 'community')));
  return (row as CommunityBySlug | undefined) ?? null;
}
