import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';
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

/**
 * The owner as tests use it to seed and to look at what a use case wrote: a pool whose sessions start in the
 * operators' `maintenance` system scope (a session-level `app.system`, which no app connection has). Every
 * transaction that declares a scope (withTenant, withScope, the seed's) replaces it for its own duration, so what the
 * use cases and the seed write is checked by RLS as in production; a bare query outside one reads like maintenance
 * does: accounts, memberships, deadlines, case holdings, the bell and the outbox, but no community's own tables
 * (cases and their events are read inside the community's context, FORCE binds the owner too).
 */
export function createTestOwnerDb(url: string, max = 2) {
  const client = postgres(url, {
    max,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { application_name: 'shequ-test-owner', 'app.system': 'maintenance' },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return Object.assign(db, { close: () => client.end({ timeout: 5 }) });
}
