import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withUrlParts } from './provision.ts';

/**
 * Test databases: the integration suite's global setup migrates one template per run (SHEQU_TEST_TEMPLATE);
 * each test file copies it under a unique name and drops the copy when done.
 */
export const TEST_OWNER = { user: 'shequ_owner', password: 'shequ_owner' };
export const TEST_APP = { user: 'shequ_app', password: 'shequ_app' };

export type TestDatabase = { name: string; ownerUrl: string; appUrl: string; drop: () => Promise<void> };

export function adminUrlFromEnv(): string {
  return process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.SHEQU_TEST_TEMPLATE;
  if (!template) throw new Error('SHEQU_TEST_TEMPLATE is not set: run tests through the integration project (vitest --project integration)');
  const admin = adminUrlFromEnv();
  const name = `${template.replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(admin, name, TEST_OWNER.user, template);
  return {
    name,
    ownerUrl: withUrlParts(admin, { ...TEST_OWNER, database: name }),
    appUrl: withUrlParts(admin, { ...TEST_APP, database: name }),
    drop: () => dropDatabase(admin, name),
  };
}
