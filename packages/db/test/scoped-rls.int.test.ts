import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { v7 as uuidv7 } from 'uuid';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

/**
 * Row-level security keyed on the other settings of a transaction's scope (decision 019): officers' units, the
 * user, named system scopes; and the one SECURITY DEFINER function, which answers aggregates only. As the runtime
 * role, with the settings written exactly as withScope writes them.
 */
let tdb: TestDatabase;
let owner: postgres.Sql;
let app: postgres.Sql;

const district = uuidv7(), otherDistrict = uuidv7(), street = uuidv7(), otherStreet = uuidv7();
const A = uuidv7(), B = uuidv7(), C = uuidv7(); // A and B under `street`, C under `otherStreet` (another district)
const alice = uuidv7(), bob = uuidv7();
type Declared = { tenant?: string; units?: string[]; user?: string; system?: string };

async function as<T>(d: Declared, fn: (sql: postgres.TransactionSql) => Promise<T>, db = app): Promise<T> {
  return (await db.begin(async (sql) => {
    await sql`select set_config('app.tenant_id', ${d.tenant ?? ''}, true), set_config('app.unit_ids', ${d.units?.length ? `{${d.units.join(',')}}` : ''}, true),
      set_config('app.user_id', ${d.user ?? ''}, true), set_config('app.system', ${d.system ?? ''}, true)`;
    return fn(sql);
  })) as T;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = postgres(tdb.ownerUrl, { max: 1, onnotice: () => {} });
  app = postgres(tdb.appUrl, { max: 2, onnotice: () => {} });
  await owner`insert into org_units (id, kind, name) values (${district}, 'district', '甲区'), (${otherDistrict}, 'district', '乙区')`;
  await owner`insert into org_units (id, kind, parent_id, district_id, name) values (${street}, 'street', ${district}, ${district}, '甲街道'), (${otherStreet}, 'street', ${otherDistrict}, ${otherDistrict}, '乙街道')`;
  for (const [id, s, d, slug] of [[A, street, district, 'a'], [B, street, district, 'b'], [C, otherStreet, otherDistrict, 'c']] as const) {
    await owner`insert into org_units (id, kind, parent_id, district_id, street_id, name, slug) values (${id}, 'community', ${s}, ${d}, ${s}, ${slug}, ${slug})`;
  }
  // Accounts are under forced RLS too (issue 13): even the owner writes them in a declared scope.
  await as({ system: 'maintenance' }, (sql) => sql`insert into users (id, display_name, mobile) values (${alice}, '甲', '13900000001'), (${bob}, '乙', '13900000002')`, owner);
  await as(
    { system: 'maintenance' },
    async (sql) => {
      for (const [community, received] of [[A, 3], [B, 5], [C, 7]] as const) {
        await sql`insert into case_rollups_daily (community_id, day, category_name, received, accept_hist) values (${community}, '2026-03-02', '其他', ${received}, '{1,2}')`;
        await sql`insert into case_rollups_monthly (community_id, month, category_name, received) values (${community}, '2026-03-01', '*', ${received})`;
      }
      await sql`insert into sla_policies (id, org_unit_id, accept_hours) values (${uuidv7()}, ${district}, 4), (${uuidv7()}, ${otherDistrict}, 9), (${uuidv7()}, ${A}, 2)`;
      await sql`insert into score_weights (district_id, response, resolution, satisfaction) values (${district}, 40, 30, 30), (${otherDistrict}, 10, 10, 80)`;
      await sql`insert into notification_settings (user_id, channels) values (${alice}, '["email"]'), (${bob}, '["sms"]')`;
      await sql`insert into onboarding_imports (id, created_by, scope_district_id, file_name, rows, total) values (${uuidv7()}, ${alice}, ${district}, 'a.csv', '[]', 0)`;
    },
    owner,
  );
});

afterAll(async () => {
  await owner?.end();
  await app?.end();
  await tdb?.drop();
});

const communitiesIn = (rows: { community_id: string }[]) => rows.map((r) => r.community_id).sort();

describe('rollups', () => {
  it('a community reads its own, a street its communities, a district all of its, nobody else anything', async () => {
    const read = (d: Declared) => as(d, (sql) => sql<{ community_id: string }[]>`select community_id from case_rollups_monthly`);
    expect(communitiesIn(await read({ tenant: A }))).toEqual([A]);
    expect(communitiesIn(await read({ units: [street] }))).toEqual([A, B].sort());
    expect(communitiesIn(await read({ units: [district] }))).toEqual([A, B].sort());
    expect(communitiesIn(await read({ units: [otherStreet] }))).toEqual([C]);
    expect(await read({})).toEqual([]);
    expect(await read({ user: alice })).toEqual([]);
    expect(await read({ system: 'deadline-sweep' })).toEqual([]); // a system scope the policy does not name
  });

  it('a street keeps reading a community that moved away (its past figures)', async () => {
    await owner`insert into org_unit_moves (id, unit_id, from_street_id, to_street_id) values (${uuidv7()}, ${C}, ${street}, ${otherStreet})`;
    try {
      const rows = await as({ units: [street] }, (sql) => sql<{ community_id: string }[]>`select community_id from case_rollups_monthly`);
      expect(communitiesIn(rows)).toEqual([A, B, C].sort());
    } finally {
      await owner`delete from org_unit_moves where unit_id = ${C}`;
    }
  });

  it('only the community itself (or the refresh) writes them; an officer cannot', async () => {
    await expect(
      as({ units: [street] }, (sql) => sql`insert into case_rollups_daily (community_id, day, category_name, received) values (${A}, '2026-03-03', '其他', 1)`),
    ).rejects.toThrow(/row-level security/);
    const changed = await as({ units: [street] }, (sql) => sql`update case_rollups_monthly set received = 0`);
    expect(changed.count).toBe(0);
    await expect(as({ tenant: A }, (sql) => sql`insert into rollup_dirty (community_id, day) values (${B}, '2026-03-03')`)).rejects.toThrow(/row-level security/);
    await as({ tenant: A }, (sql) => sql`insert into rollup_dirty (community_id, day) values (${A}, '2026-03-03')`);
    expect(await as({ tenant: B }, (sql) => sql`select * from rollup_dirty`)).toEqual([]);
    const claimed = await as({ system: 'rollup-refresh' }, (sql) => sql<{ community_id: string }[]>`delete from rollup_dirty returning community_id`);
    expect(communitiesIn(claimed)).toEqual([A]);
  });
});

describe('street_rollup_totals (SECURITY DEFINER)', () => {
  const totals = (d: Declared, ids: string[]) =>
    as(d, (sql) => sql<{ communities: number; received: number; acceptHist: number[] }[]>`select communities, received, "acceptHist" from street_rollup_totals(${ids}::uuid[], '2026-03-01', '2026-04-01')`);

  it('sums the caller’s own street only, as one aggregate row, whatever ids are asked for', async () => {
    expect(await totals({ tenant: A }, [A, B, C])).toEqual([{ communities: 2, received: 8, acceptHist: [2, 4] }]);
    expect(await totals({ tenant: C }, [A, B])).toEqual([{ communities: 0, received: 0, acceptHist: [] }]);
    expect(await totals({}, [A, B, C])).toEqual([{ communities: 0, received: 0, acceptHist: [] }]);
    expect(await totals({ units: [street] }, [A, B])).toEqual([{ communities: 0, received: 0, acceptHist: [] }]);
  });

  it('leaves the caller’s scope as it was: the community still reads only its own rows afterwards', async () => {
    const after = await as({ tenant: A }, async (sql) => {
      await sql`select * from street_rollup_totals(${[A, B]}::uuid[], '2026-03-01', '2026-04-01')`;
      const [setting] = await sql`select current_setting('app.system', true) as system`;
      return { system: setting!.system, rows: await sql<{ community_id: string }[]>`select community_id from case_rollups_monthly` };
    });
    expect(after.system).toBe('');
    expect(communitiesIn(after.rows)).toEqual([A]);
  });
});

describe('time limits and score weights', () => {
  it('a community reads its own limits and its district’s defaults, not another district’s; writes only its own', async () => {
    const limits = await as({ tenant: A }, (sql) => sql<{ org_unit_id: string }[]>`select org_unit_id from sla_policies`);
    expect(limits.map((r) => r.org_unit_id).sort()).toEqual([A, district].sort());
    await expect(as({ tenant: A }, (sql) => sql`insert into sla_policies (id, org_unit_id, accept_hours) values (${uuidv7()}, ${district}, 1)`)).rejects.toThrow(
      /row-level security/,
    );
    expect((await as({ tenant: A }, (sql) => sql`update sla_policies set accept_hours = 1 where org_unit_id = ${district}`)).count).toBe(0);
    expect(await as({}, (sql) => sql`select * from sla_policies`)).toEqual([]);
  });

  it('score weights: a street reads its district’s; only the district writes them', async () => {
    const seen = await as({ units: [street] }, (sql) => sql<{ district_id: string }[]>`select district_id from score_weights`);
    expect(seen.map((r) => r.district_id)).toEqual([district]);
    expect((await as({ units: [street] }, (sql) => sql`update score_weights set response = 100`)).count).toBe(0);
    expect((await as({ units: [district] }, (sql) => sql`update score_weights set response = 40`)).count).toBe(1);
    expect(await as({ tenant: C }, (sql) => sql<{ district_id: string }[]>`select district_id from score_weights`)).toEqual([{ district_id: otherDistrict }]);
  });
});

describe('personal rows', () => {
  it('notification settings: a user changes only their own; nobody without a scope reads any', async () => {
    expect((await as({ user: alice }, (sql) => sql`update notification_settings set channels = '[]'`)).count).toBe(1);
    expect((await as({ user: alice }, (sql) => sql`update notification_settings set channels = '[]' where user_id = ${bob}`)).count).toBe(0);
    expect(await as({}, (sql) => sql`select * from notification_settings`)).toEqual([]);
    // A community notifying people reads which channels they chose, and nothing it could change.
    expect((await as({ tenant: A }, (sql) => sql`select user_id from notification_settings`)).length).toBe(2);
    expect((await as({ tenant: A }, (sql) => sql`delete from notification_settings`)).count).toBe(0);
  });

  it('onboarding imports (future admins’ names and mobiles): their uploader and district only', async () => {
    const count = async (d: Declared) => (await as(d, (sql) => sql`select id from onboarding_imports`)).length;
    expect(await count({ user: alice })).toBe(1);
    expect(await count({ units: [district] })).toBe(1);
    expect(await count({ user: bob })).toBe(0);
    expect(await count({ units: [otherDistrict] })).toBe(0);
    expect(await count({ tenant: A })).toBe(0);
    expect(await count({ system: 'maintenance' })).toBe(1);
  });
});

describe('sessions and one-time links', () => {
  const carol = uuidv7();
  beforeAll(async () => {
    await as({ system: 'maintenance' }, (sql) => sql`insert into users (id, display_name, mobile) values (${carol}, '丙', '13900000003')`, owner);
    await as(
      { system: 'maintenance' },
      async (sql) => {
        await sql`insert into sessions (id, user_id, expires_at) values ('s-alice', ${alice}, now() + interval '1 day'), ('s-bob', ${bob}, now() + interval '1 day')`;
        await sql`insert into auth_tokens (id, purpose, user_id, issued_by, expires_at) values ('t-carol-by-alice', 'password_reset', ${carol}, ${alice}, now() + interval '1 day'), ('t-carol-by-bob', 'password_reset', ${carol}, ${bob}, now() + interval '1 day')`;
      },
      owner,
    );
  });

  it('a person sees and ends only their own sessions; a cookie is looked up only in the authentication scope', async () => {
    expect((await as({ user: alice }, (sql) => sql<{ id: string }[]>`select id from sessions`)).map((r) => r.id)).toEqual(['s-alice']);
    expect((await as({ user: alice }, (sql) => sql`delete from sessions where id = 's-bob'`)).count).toBe(0);
    expect(await as({ tenant: A }, (sql) => sql`select id from sessions`)).toEqual([]);
    expect(await as({}, (sql) => sql`select id from sessions`)).toEqual([]);
    expect((await as({ system: 'authentication' }, (sql) => sql`select id from sessions where id = 's-bob'`)).length).toBe(1);
  });

  it('links: seen by their holder and their issuer; void_one_time_links voids every issuer’s and answers a count only', async () => {
    const seen = (d: Declared) => as(d, (sql) => sql<{ id: string }[]>`select id from auth_tokens order by id`).then((r) => r.map((x) => x.id));
    expect(await seen({ user: alice })).toEqual(['t-carol-by-alice']);
    expect(await seen({ user: carol })).toEqual(['t-carol-by-alice', 't-carol-by-bob']);
    expect(await seen({ tenant: A })).toEqual([]);
    // Alice issues a new link for Carol: Bob's earlier link must stop working too, though Alice cannot see it.
    const after = await as({ user: alice }, async (sql) => {
      const [v] = await sql`select void_one_time_links(${carol}::uuid, 'password_reset', now()) as n`;
      const [s] = await sql`select current_setting('app.system', true) as system`;
      return { voided: v!.n, system: s!.system, visible: (await sql`select id from auth_tokens`).length };
    });
    expect(after).toEqual({ voided: 2, system: '', visible: 1 });
    const unused = await as({ system: 'authentication' }, (sql) => sql`select id from auth_tokens where used_at is null`);
    expect(unused).toEqual([]);
  });
});

describe('accounts, deadlines, case holdings, the bell and the outbox (issue 13)', () => {
  // Staff: dora works in A (admin) and in C (another district); erin in B; frank is an officer of `street`; gina of
  // `otherStreet`; hank of a department of `district`. Each community has a case with a deadline, a holding routed to
  // its street (A's also to hank's department), and a message in the outbox; alice and bob each have a notification.
  const dora = uuidv7(), erin = uuidv7(), frank = uuidv7(), gina = uuidv7(), hank = uuidv7();
  const dept = uuidv7();
  const caseOf: Record<string, string> = {};
  beforeAll(async () => {
    await owner`insert into org_units (id, kind, parent_id, district_id, name) values (${dept}, 'department', ${district}, ${district}, '甲区住建局')`;
    await as(
      { system: 'maintenance' },
      async (sql) => {
        await sql`insert into users (id, display_name, mobile, email) values
          (${dora}, '丁', '13900000011', 'dora@example.cn'), (${erin}, '戊', '13900000012', null),
          (${frank}, '己', '13900000013', null), (${gina}, '庚', '13900000014', null), (${hank}, '辛', '13900000015', null)`;
        await sql`insert into user_passwords (user_id, hash) values (${dora}, 'hash-dora'), (${erin}, 'hash-erin')`;
        await sql`insert into memberships (id, user_id, role, org_unit_id) values
          (${uuidv7()}, ${dora}, 'community_admin', ${A}), (${uuidv7()}, ${dora}, 'community_admin', ${C}), (${uuidv7()}, ${erin}, 'community_admin', ${B}),
          (${uuidv7()}, ${frank}, 'street_officer', ${street}), (${uuidv7()}, ${gina}, 'street_officer', ${otherStreet}), (${uuidv7()}, ${hank}, 'department_handler', ${dept})`;
        await sql`insert into notifications (user_id, id, kind, community_id) values (${alice}, ${uuidv7()}, 'case_escalated', ${A}), (${bob}, ${uuidv7()}, 'case_escalated', ${B})`;
      },
      owner,
    );
    for (const [community, s, d] of [[A, street, district], [B, street, district], [C, otherStreet, otherDistrict]] as const) {
      await as(
        { tenant: community },
        async (sql) => {
          const [category] = await sql`insert into categories (tenant_id, id, name) values (${community}, ${uuidv7()}, '其他') returning id`;
          const [c] = await sql`insert into cases (tenant_id, id, tracking_code, category_id, content, channel)
            values (${community}, ${uuidv7()}, ${community.slice(-10).toUpperCase()}, ${category!.id}, '路灯坏了', 'qr') returning id`;
          caseOf[community] = c!.id;
          await sql`insert into deadlines (tenant_id, id, subject_type, subject_id, kind, holder_org_unit_id, started_at, allowed_ms, due_at, wake_at)
            values (${community}, ${uuidv7()}, 'case', ${c!.id}, 'street', ${s}, now(), 1000, now(), now())`;
          await sql`insert into case_holdings (tenant_id, case_id, street_id, district_id, holder_org_unit_id, co_holder_ids, status, tracking_code, category_name, summary, escalated_at)
            values (${community}, ${c!.id}, ${s}, ${d}, ${s}, ${community === A ? [dept] : []}::uuid[], 'escalated', 'T', '其他', '路灯坏了', now())`;
          await sql`insert into outbox (tenant_id, id, channel, kind, recipient, subject, body) values (${community}, ${uuidv7()}, 'sms', 'case_replied', 'sealed:x', 's', 'b')`;
        },
        owner,
      );
    }
  });

  const ids = (rows: { id?: string; user_id?: string; tenant_id?: string }[]) => rows.map((r) => r.id ?? r.user_id ?? r.tenant_id).sort();
  const members = (d: Declared) => as(d, (sql) => sql<{ user_id: string }[]>`select distinct user_id from memberships`).then(ids);
  const accounts = (d: Declared) => as(d, (sql) => sql<{ id: string }[]>`select id from users`).then(ids);

  it('memberships: a community sees its staff and the offices above it, never another community’s staff; no scope sees none', async () => {
    expect(await members({ tenant: A })).toEqual([dora, frank, hank].sort());
    expect(await members({ tenant: B })).toEqual([erin, frank, hank].sort());
    expect(await members({ tenant: C })).toEqual([dora, gina].sort());
    expect(await members({ units: [street] })).toEqual([dora, erin, frank, hank].sort()); // its communities, its district's offices
    expect(await members({ units: [otherStreet] })).toEqual([dora, gina].sort());
    expect(await members({ user: erin })).toEqual([erin]);
    expect(await members({})).toEqual([]);
    expect(await members({ system: 'deadline-sweep' })).toEqual([]);
    expect(await members({ system: 'authentication' })).toEqual([dora, erin, frank, gina, hank].sort());
  });

  it('users: a scope sees the accounts of the memberships it sees, and its own; nobody without a scope sees any', async () => {
    expect(await accounts({ tenant: A })).toEqual([dora, frank, hank].sort());
    expect(await accounts({ tenant: A, user: alice })).toEqual([alice, dora, frank, hank].sort());
    expect(await accounts({ user: bob })).toEqual([bob]);
    expect(await accounts({})).toEqual([]);
    expect(await accounts({ system: 'outbox-relay' })).toEqual([]);
    // Another community's staff member cannot be read, changed or found by mobile from A's scope.
    expect(await as({ tenant: A }, (sql) => sql`select id from users where mobile = '13900000012'`)).toEqual([]);
    expect((await as({ tenant: A }, (sql) => sql`update users set display_name = '改' where id = ${dora}`)).count).toBe(0);
    expect((await as({ user: dora }, (sql) => sql`update users set display_name = '丁' where id = ${dora}`)).count).toBe(1);
  });

  it('password hashes (user_passwords): read only in the authentication scope, not even by their own person or maintenance', async () => {
    const hashes = (d: Declared) => as(d, (sql) => sql<{ user_id: string }[]>`select user_id from user_passwords`).then(ids);
    expect(await hashes({ system: 'authentication' })).toEqual([dora, erin].sort());
    for (const d of [{ tenant: A }, { tenant: A, user: dora }, { user: dora }, { units: [street] }, { system: 'maintenance' }, { system: 'session-purge' }, {}] as Declared[]) expect(await hashes(d)).toEqual([]);
    // The users row a colleague sees carries no hash any more.
    expect(await as({ tenant: A }, (sql) => sql`select column_name from information_schema.columns where table_name = 'users' and column_name like '%password%'`)).toEqual([]);
    // Only authentication replaces one; a community, the person themselves or maintenance cannot.
    for (const d of [{ tenant: A }, { user: dora }, { system: 'maintenance' }] as Declared[]) expect((await as(d, (sql) => sql`update user_passwords set hash = 'x' where user_id = ${dora}`)).count).toBe(0);
    await expect(as({ tenant: A }, (sql) => sql`insert into user_passwords (user_id, hash) values (${frank}, 'planted')`)).rejects.toThrow(/row-level security/);
    expect((await as({ system: 'authentication' }, (sql) => sql`update user_passwords set hash = 'hash-dora' where user_id = ${dora}`)).count).toBe(1);
  });

  it('memberships are granted by the community itself or the officers above it, never by a person to themselves', async () => {
    const grant = (d: Declared, unit: string) => as(d, (sql) => sql`insert into memberships (id, user_id, role, org_unit_id) values (${uuidv7()}, ${erin}, 'community_staff', ${unit})`);
    await expect(grant({ tenant: A }, B)).rejects.toThrow(/row-level security/);
    await expect(grant({ user: erin }, A)).rejects.toThrow(/row-level security/);
    await expect(grant({ units: [otherStreet] }, A)).rejects.toThrow(/row-level security/);
    await as({ units: [street] }, async (sql) => {
      await sql`insert into memberships (id, user_id, role, org_unit_id) values (${uuidv7()}, ${erin}, 'community_staff', ${A})`;
      expect((await sql`delete from memberships where user_id = ${erin} and org_unit_id = ${A}`).count).toBe(1);
    });
  });

  it('account_places (SECURITY DEFINER): every membership of the accounts asked for, ids, roles and units only; nothing without a scope', async () => {
    const places = (d: Declared, users: string[]) =>
      as(d, async (sql) => {
        const rows = await sql`select * from account_places(${users}::uuid[])`;
        const [s] = await sql`select current_setting('app.system', true) as system`;
        return { rows, system: s!.system, columns: rows.columns.map((c) => c.name) };
      });
    const fromA = await places({ tenant: A }, [dora, erin]);
    expect(fromA.columns).toEqual(['user_id', 'role', 'org_unit_id', 'unit_kind', 'district_id']);
    expect(fromA.rows.map((r) => [r.user_id, r.org_unit_id, r.district_id])).toEqual(
      expect.arrayContaining([
        [dora, A, district],
        [dora, C, otherDistrict],
        [erin, B, district],
      ]),
    );
    expect(fromA.rows.length).toBe(3); // C and B lie outside A's own scope, and are still answered
    expect(fromA.system).toBe(''); // the caller's scope is as it was
    expect((await places({}, [dora])).rows).toEqual([]);
  });

  it('account_by_identifier (SECURITY DEFINER): the id and whether a password is set, never a name, contact or hash', async () => {
    const find = (d: Declared, mobile: string | null, email: string | null) =>
      as(d, async (sql) => {
        const rows = await sql`select * from account_by_identifier(${mobile}, ${email})`;
        return { rows: [...rows], columns: rows.columns.map((c) => c.name) };
      });
    const byMobile = await find({ tenant: A }, '13900000012', null);
    expect(byMobile).toEqual({ rows: [{ user_id: erin, has_password: true }], columns: ['user_id', 'has_password'] });
    expect((await find({ units: [street] }, null, 'dora@example.cn')).rows).toEqual([{ user_id: dora, has_password: true }]);
    expect((await find({ tenant: A }, '13900000013', null)).rows).toEqual([{ user_id: frank, has_password: false }]);
    expect((await find({ tenant: A }, '13900000099', null)).rows).toEqual([]);
    expect((await find({}, '13900000012', null)).rows).toEqual([]);
    expect((await find({ user: alice }, '13900000012', null)).rows).toEqual([]);
    // After it, A's scope still cannot read that account.
    expect(await as({ tenant: A }, async (sql) => {
      await sql`select * from account_by_identifier('13900000012', null)`;
      return sql`select id from users where id = ${erin}`;
    })).toEqual([]);
  });

  it('deadlines: a community its own; the sweep every community’s; officers what they reach or hold; nobody else any', async () => {
    const seen = (d: Declared) => as(d, (sql) => sql<{ tenant_id: string }[]>`select tenant_id from deadlines`).then(ids);
    expect(await seen({ tenant: A })).toEqual([A]);
    expect(await seen({ system: 'deadline-sweep' })).toEqual([A, B, C].sort());
    expect(await seen({ units: [street] })).toEqual([A, B].sort());
    expect(await seen({ units: [otherStreet] })).toEqual([C]);
    expect(await seen({})).toEqual([]);
    expect(await seen({ system: 'outbox-relay' })).toEqual([]);
    expect(await seen({ user: dora })).toEqual([]);
    // The sweep reads; it changes nothing (each wake runs in its community).
    expect((await as({ system: 'deadline-sweep' }, (sql) => sql`update deadlines set version = version + 1`)).count).toBe(0);
    expect((await as({ tenant: A }, (sql) => sql`update deadlines set version = version + 1`)).count).toBe(1);
  });

  it('case holdings: the community’s own; its street, district, holder and co-holders; not another street', async () => {
    const seen = (d: Declared) => as(d, (sql) => sql<{ tenant_id: string }[]>`select tenant_id from case_holdings`).then(ids);
    expect(await seen({ tenant: B })).toEqual([B]);
    expect(await seen({ units: [street] })).toEqual([A, B].sort());
    expect(await seen({ units: [district] })).toEqual([A, B].sort());
    expect(await seen({ units: [dept] })).toEqual([A]);
    expect(await seen({ units: [otherStreet] })).toEqual([C]);
    expect(await seen({})).toEqual([]);
    expect(await seen({ system: 'deadline-sweep' })).toEqual([]);
    expect((await as({ units: [street] }, (sql) => sql`update case_holdings set status = 'x'`)).count).toBe(0);
  });

  it('notifications: read and marked by their person only; written by the community the news is about', async () => {
    const seen = (d: Declared) => as(d, (sql) => sql<{ user_id: string }[]>`select user_id from notifications`).then(ids);
    expect(await seen({ user: alice })).toEqual([alice]);
    expect(await seen({ tenant: A })).toEqual([]);
    expect(await seen({ units: [street] })).toEqual([]);
    expect(await seen({})).toEqual([]);
    expect((await as({ user: alice }, (sql) => sql`update notifications set read_at = now()`)).count).toBe(1);
    await as({ tenant: A }, (sql) => sql`insert into notifications (user_id, id, kind, community_id) values (${bob}, ${uuidv7()}, 'case_returned', ${A})`);
    await expect(as({ tenant: A }, (sql) => sql`insert into notifications (user_id, id, kind, community_id) values (${bob}, ${uuidv7()}, 'case_returned', ${C})`)).rejects.toThrow(/row-level security/);
    await expect(as({}, (sql) => sql`insert into notifications (user_id, id, kind, community_id) values (${bob}, ${uuidv7()}, 'case_returned', ${A})`)).rejects.toThrow(/row-level security/);
    expect(await seen({ user: bob })).toEqual([bob, bob]);
  });

  it('outbox: the community’s own messages; the relay every community’s; no other system scope, no scope', async () => {
    const seen = (d: Declared) => as(d, (sql) => sql<{ tenant_id: string }[]>`select tenant_id from outbox`).then(ids);
    expect(await seen({ tenant: A })).toEqual([A]);
    expect(await seen({ system: 'outbox-relay' })).toEqual([A, B, C].sort());
    expect(await seen({ system: 'deadline-sweep' })).toEqual([]);
    expect(await seen({ units: [street] })).toEqual([]);
    expect(await seen({})).toEqual([]);
    await expect(as({ tenant: A }, (sql) => sql`insert into outbox (tenant_id, id, channel, kind, recipient, subject, body) values (${B}, ${uuidv7()}, 'sms', 'x', 'r', 's', 'b')`)).rejects.toThrow(
      /row-level security/,
    );
  });
});
