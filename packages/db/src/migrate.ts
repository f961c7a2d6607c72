import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { OFFICIAL_CALENDARS } from '@shequ/domain';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Applies pending migrations as the owner role, then grants the runtime role row access (and nothing more:
 * no DDL, no ownership, no BYPASSRLS). Grants are re-applied every run, so a table added later is covered.
 */
export async function runMigrations(ownerUrl: string, appRole: string): Promise<void> {
  if (!IDENT.test(appRole)) throw new Error(`unsafe role name: ${appRole}`);
  const client = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await client.unsafe(`
      GRANT USAGE ON SCHEMA public TO "${appRole}";
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${appRole}";
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${appRole}";
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO "${appRole}";
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, case_events, org_unit_moves, volunteer_hours, volunteer_hour_approvals FROM "${appRole}";
    `);
    // The official calendars ship as data: present in every database, never overwriting an operator's edit.
    for (const year of OFFICIAL_CALENDARS) {
      await client`
        insert into calendars (year, holidays, workdays, source)
        values (${year.year}, ${JSON.stringify(year.holidays)}::jsonb, ${JSON.stringify(year.workdays)}::jsonb, 'official')
        on conflict (year) do nothing`;
    }
  } finally {
    await client.end();
  }
}
