import { afterAll, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDb, type Db, users, withScope } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import type { Actor } from '@shequ/permissions';
import { UseCaseError } from '../src/index.ts';
import { listWorkspaces } from '../src/auth/workspaces.ts';
import { seedDemo } from '../src/seed/index.ts';

/** The refusal a call ends in: a use-case error code, 'forbidden' for a permission refusal; fails if it succeeds. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    if (error instanceof UseCaseError) return error.code;
    if (error instanceof Error && error.name === 'ForbiddenError') return 'forbidden';
    throw error;
  }
  throw new Error('expected a refusal');
}

/**
 * A database of this file's own with the demo data, seeded as the owner (as `pnpm db:seed` does); `app` is the
 * runtime role, like web and worker. Dropped after the file's tests.
 */
export function seededDatabase() {
  const handle = {} as { tdb: TestDatabase; owner: Db; app: Db };
  beforeAll(async () => {
    handle.tdb = await createTestDatabase();
    handle.owner = createTestOwnerDb(handle.tdb.ownerUrl, 2);
    handle.app = createDb(handle.tdb.appUrl, { max: 4 });
    await seedDemo(handle.owner);
  });
  afterAll(async () => {
    await handle.owner?.close();
    await handle.app?.close();
    await handle.tdb?.drop();
  });
  return {
    get owner() {
      return handle.owner;
    },
    get app() {
      return handle.app;
    },
    /** A demo user (by mobile) acting in their first workspace, or in the one of `tenantId`. */
    async actorFor(mobile: string, tenantId?: string): Promise<Actor> {
      const [u] = await handle.owner.select().from(users).where(eq(users.mobile, mobile));
      const workspaces = await withScope(handle.app, { userId: u!.id }, (tx) => listWorkspaces(tx, u!.id));
      const ws = tenantId ? workspaces.find((w) => w.tenantId === tenantId)! : workspaces[0]!;
      return { userId: u!.id, displayName: u!.displayName, workspace: ws };
    },
  };
}
