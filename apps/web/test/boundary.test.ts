import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import * as db from '@shequ/db';
import { TABLE_EXPORTS } from '../../../packages/config/eslint-boundary.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

// The apps hold no queries (issue 12): the lint rule must know every table and must refuse them in app code.
describe('the apps’ boundary', () => {
  it('lists every table @shequ/db exports', () => {
    const tables = Object.entries(db)
      .filter(([, v]) => typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[Symbol.for('drizzle:IsDrizzleTable')] === true)
      .map(([k]) => k);
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((t) => !TABLE_EXPORTS.includes(t))).toEqual([]);
  });

  it('refuses drizzle-orm and table objects in routes and jobs, and allows transactions and helpers', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: 'packages/config/eslint.config.js' });
    const lint = async (code: string, filePath: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
    expect(await lint("import { eq } from 'drizzle-orm';\nexport const x = eq;\n", 'apps/web/app/routes/community+/x.tsx')).toBe(1);
    expect(await lint("import { alias } from 'drizzle-orm/pg-core';\nexport const x = alias;\n", 'apps/web/app/lib/x.server.ts')).toBe(1);
    expect(await lint("import { cases } from '@shequ/db';\nexport const x = cases;\n", 'apps/worker/src/handlers/x.ts')).toBe(1);
    // All of the worker, not only its handlers: the health probe once read queue lag with its own SQL.
    expect(await lint("import { sql } from 'drizzle-orm';\nexport const x = sql;\n", 'apps/worker/src/health.ts')).toBe(1);
    expect(await lint("import { outbox } from '@shequ/db';\nexport const x = outbox;\n", 'apps/worker/src/supervisor.ts')).toBe(1);
    expect(await lint("import { withSystem } from '@shequ/db';\nexport const x = withSystem;\n", 'apps/worker/src/health.ts')).toBe(0);
    // And all of the web app: components and feature folders as well as routes.
    expect(await lint("import { cases } from '@shequ/db';\nexport const x = cases;\n", 'apps/web/app/components/dashboard/x.tsx')).toBe(1);
    expect(await lint("import { withTenant } from '@shequ/db';\nexport const x = withTenant;\n", 'apps/web/app/routes/community+/x.tsx')).toBe(0);
    // Use cases are where queries live.
    expect(await lint("import { eq } from 'drizzle-orm';\nexport const x = eq;\n", 'packages/use-cases/src/x.ts')).toBe(0);
  }, 60_000);
});
