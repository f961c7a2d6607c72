import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureRoles } from '../src/provision.ts';

// An outside trial pointed DATABASE_URL at the postgres superuser: ensureRoles ran "ALTER ROLE postgres … NOSUPERUSER"
// and the server was left without any superuser (recovered only in single-user mode). A superuser, or the
// administrator connection's own role, is refused and left as it is. Tried on a superuser made for this test, never
// on the server's own, so a regression cannot demote it.
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const superRole = `zz_super_${randomBytes(4).toString('hex')}`;
const app = { user: 'shequ_app', password: 'shequ_app' };

afterAll(async () => {
  await admin.unsafe(`DROP ROLE IF EXISTS "${superRole}"`);
  await admin.end();
});

describe('the product’s roles', () => {
  it('refuses to take over a superuser named in DATABASE_URL, changing nothing', async () => {
    await admin.unsafe(`CREATE ROLE "${superRole}" WITH LOGIN SUPERUSER PASSWORD 'x'`);
    await expect(ensureRoles(adminUrl, { user: superRole, password: 'y' }, app)).rejects.toThrow(/is a superuser.*Nothing was changed/);
    const [role] = await admin`select rolsuper from pg_roles where rolname = ${superRole}`;
    expect(role!.rolsuper).toBe(true);
  });

  it('refuses the administrator connection’s own role as the product’s', async () => {
    const [me] = await admin`select current_user as user`;
    await expect(ensureRoles(adminUrl, { user: String(me!.user), password: 'y' }, app)).rejects.toThrow(/superuser|administrator/);
  });
});
