import { and, eq } from 'drizzle-orm';
import { createDb, orgUnits, SYSTEM_SCOPES, withSystem } from '@shequ/db';
import { rebuildRollups } from '../dashboards/rollups.ts';

// `pnpm rollups:rebuild [slug…]`: recomputes the dashboards' rollups from the raw cases, for every community or the
// ones named. Safe to run at any time (each day is replaced in its own transaction). Runs as the runtime role.
const url = process.env.DATABASE_APP_URL ?? 'postgres://shequ_app:shequ_app@127.0.0.1:5432/shequ';
const db = createDb(url, { max: 2, applicationName: 'shequ-rollups' });
const slugs = process.argv.slice(2).filter((a) => !a.startsWith('-'));
try {
  const communities = await withSystem(db, SYSTEM_SCOPES.maintenance, 'rollups:rebuild', (tx) =>
    tx.select({ id: orgUnits.id, slug: orgUnits.slug, name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.kind, 'community'))),
  );
  const chosen = slugs.length ? communities.filter((c) => c.slug && slugs.includes(c.slug)) : communities;
  if (slugs.length && chosen.length !== slugs.length) console.warn(`unknown communities: ${slugs.filter((s) => !chosen.some((c) => c.slug === s)).join(', ')}`);
  const started = Date.now();
  let days = 0;
  for (const c of chosen) days += await rebuildRollups(db, c.id);
  console.log(`rollups rebuilt: ${chosen.length} communities, ${days} days, ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await db.close();
}
