import postgres from 'postgres';

/**
 * Creating roles and databases: the one step that needs an administrator connection (DATABASE_ADMIN_URL).
 * Used by the start script, the test harness and operators setting up a server; never by web or worker.
 */

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export type Credentials = { user: string; password: string };

export function parseCredentials(url: string): Credentials {
  const u = new URL(url);
  return { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** The same server as `base`, as another user and/or database. */
export function withUrlParts(base: string, parts: { user?: string; password?: string; database?: string }): string {
  const u = new URL(base);
  if (parts.user !== undefined) u.username = encodeURIComponent(parts.user);
  if (parts.password !== undefined) u.password = encodeURIComponent(parts.password);
  if (parts.database !== undefined) u.pathname = `/${encodeURIComponent(parts.database)}`;
  return u.toString();
}

function adminClient(adminUrl: string) {
  return postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
}

/**
 * The owner role runs migrations and owns the tables; the runtime role only reads and writes rows.
 * Neither is a superuser and neither may bypass row-level security (FORCE applies RLS to the owner too).
 * Refuses (throws, changing nothing) a role that is a superuser or the administrator connection's own role.
 */
export async function ensureRoles(adminUrl: string, owner: Credentials, app: Credentials): Promise<void> {
  const sql = adminClient(adminUrl);
  try {
    // A role named in DATABASE_URL or DATABASE_APP_URL that is a superuser, or the administrator's own role, is not
    // the product's to change: "ALTER ROLE … NOSUPERUSER" below demoted the server's only superuser (postgres) when a
    // newcomer pointed DATABASE_URL at it, and nobody could administer the server afterwards (found from outside).
    const [admin] = await sql<{ user: string }[]>`select current_user as user`;
    for (const creds of [owner, app]) {
      const [role] = await sql<{ super: boolean }[]>`select rolsuper as super from pg_roles where rolname = ${creds.user}`;
      if (role?.super || creds.user === admin?.user)
        throw new Error(
          `the role "${creds.user}" in DATABASE_URL / DATABASE_APP_URL is ${role?.super ? 'a superuser' : 'the administrator connection’s own role'}: ` +
            'the product runs as roles of its own that may not bypass row-level security (by default shequ_owner and shequ_app, created for you). ' +
            'Leave DATABASE_URL and DATABASE_APP_URL unset, or name other roles in them; the administrator goes in DATABASE_ADMIN_URL. Nothing was changed.',
        );
    }
    for (const [creds, extra] of [
      [owner, 'NOCREATEROLE'],
      [app, 'NOCREATEROLE'],
    ] as const) {
      const exists = await sql`select 1 from pg_roles where rolname = ${creds.user}`;
      const attrs = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB ${extra} PASSWORD ${literal(creds.password)}`;
      try {
        await sql.unsafe(`${exists.length ? 'ALTER' : 'CREATE'} ROLE ${ident(creds.user)} WITH ${attrs}`);
      } catch (error) {
        // Another process created it between our check and our CREATE: fine.
        if ((error as { code?: string }).code !== '42710') throw error;
      }
    }
  } finally {
    await sql.end();
  }
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const sql = adminClient(adminUrl);
  try {
    return (await sql`select 1 from pg_database where datname = ${name}`).length > 0;
  } finally {
    await sql.end();
  }
}

/**
 * The character classification a new database needs, given the server's default (template1's LC_CTYPE). The
 * inbox's Chinese search uses pg_trgm, which builds trigrams only from characters LC_CTYPE calls letters: under
 * plain C or POSIX no Chinese character is one, so the trigram index never helps (the search stays correct,
 * through ILIKE, but scans). Any UTF-8 locale (C.UTF-8, en_US.UTF-8, zh_CN.UTF-8) is right as it is.
 */
export function ctypeFor(serverDefault: string | undefined): string | null {
  return serverDefault && !/^(C|POSIX)$/i.test(serverDefault) ? null : 'C.UTF-8';
}

/** Creates the database owned by the owner role (optionally as a copy of a template), unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string, ownerRole: string, template?: string): Promise<boolean> {
  const sql = adminClient(adminUrl);
  try {
    const exists = await sql`select 1 from pg_database where datname = ${name}`;
    if (exists.length) return false;
    // A copy keeps its template's locale; a fresh database gets one that Chinese search can index, if needed.
    const [server] = template ? [] : await sql<{ datctype: string }[]>`select datctype from pg_database where datname = 'template1'`;
    let ctype = template ? null : ctypeFor(server?.datctype);
    for (let attempt = 0; ; attempt++) {
      const from = template ? ` TEMPLATE ${ident(template)}` : ctype ? ` TEMPLATE template0 LC_CTYPE ${literal(ctype)}` : '';
      try {
        await sql.unsafe(`CREATE DATABASE ${ident(name)} OWNER ${ident(ownerRole)}${from} ENCODING 'UTF8'`);
        break;
      } catch (error) {
        if (ctype) {
          // The server has no such locale: create it as before, and say what that costs.
          console.warn(`database ${name}: LC_CTYPE ${ctype} is not available on this server (${(error as Error).message}); Chinese search will work without its trigram index`);
          ctype = null;
          continue;
        }
        // A template can be copied only while nobody is connected to it; concurrent copies may collide briefly.
        if (template && (error as { code?: string }).code === '55006' && attempt < 20) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw error;
      }
    }
    await sql.unsafe(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`).catch(() => undefined);
    return true;
  } finally {
    await sql.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = adminClient(adminUrl);
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  } finally {
    await sql.end();
  }
}

export async function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  const sql = adminClient(adminUrl);
  try {
    const rows = await sql<{ datname: string }[]>`select datname from pg_database where datname like ${prefix + '%'}`;
    return rows.map((r) => r.datname);
  } finally {
    await sql.end();
  }
}
