import { createDb, withScope, withTenant } from '@shequ/db';
import { anonymousCaller } from '../caller.ts';
import { listActiveCommunityIds } from '../org/list-active-community-ids.ts';
import { backfillReporterMobileIndex } from '../resident-access/backfill-reporter-mobile-index.ts';
import { createPersonalDataCipher, DEV_PERSONAL_DATA_KEY } from '../security/personal-data.ts';

// `pnpm residents:backfill`: fills the keyed hash of reporters' mobiles on wishes submitted before migration 0025, so
// residents find them on "我的" (decision 035). Safe to run again. Runs as the runtime role, each community in its
// own tenant scope, with the product's PERSONAL_DATA_KEY.
const url = process.env.DATABASE_APP_URL ?? 'postgres://shequ_app:shequ_app@127.0.0.1:5432/shequ';
const cipher = createPersonalDataCipher(process.env.PERSONAL_DATA_KEY ?? DEV_PERSONAL_DATA_KEY);
const db = createDb(url, { max: 2, applicationName: 'shequ-residents-backfill' });
try {
  const ids = await withScope(db, {}, (tx) => listActiveCommunityIds(tx, anonymousCaller()));
  let filled = 0;
  let unreadable = 0;
  for (const tenantId of ids) {
    for (;;) {
      const r = await withTenant(db, tenantId, (tx) => backfillReporterMobileIndex(tx, anonymousCaller(), { tenantId, cipher }));
      filled += r.filled;
      unreadable += r.unreadable;
      if (r.filled === 0) break;
    }
  }
  console.log(`reporters' mobile index: ${filled} cases filled, ${unreadable} unreadable, in ${ids.length} communities`);
} finally {
  await db.close();
}
