import { randomBytes } from 'node:crypto';
import { runMigrations } from './migrate.ts';
import { dropDatabase, ensureDatabase, ensureRoles, listDatabases, withUrlParts } from './provision.ts';
import { adminUrlFromEnv, TEST_APP, TEST_OWNER } from './testing.ts';

/**
 * Vitest global setup for the integration project: migrates one template database per run, named
 * shequ_t_<base36 time>_<random>_tpl, which every test file copies. Afterwards it drops this run's databases,
 * and any left by runs that died more than six hours ago.
 */
const PREFIX = 'shequ_t_';
const STALE_MS = 6 * 60 * 60 * 1000;

export default async function setup() {
  const admin = adminUrlFromEnv();
  const run = `${PREFIX}${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = `${run}_tpl`;

  for (const name of await listDatabases(admin, PREFIX)) {
    const born = parseInt(name.slice(PREFIX.length).split('_')[0] ?? '', 36);
    if (Number.isFinite(born) && Date.now() - born > STALE_MS) await dropDatabase(admin, name);
  }

  await ensureRoles(admin, TEST_OWNER, TEST_APP);
  await ensureDatabase(admin, template, TEST_OWNER.user);
  await runMigrations(withUrlParts(admin, { ...TEST_OWNER, database: template }), TEST_APP.user);
  process.env.SHEQU_TEST_TEMPLATE = template;
  process.env.SHEQU_TEST_RUN = run;

  return async () => {
    for (const name of await listDatabases(admin, run)) await dropDatabase(admin, name);
  };
}
