import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { v7 as uuidv7 } from 'uuid';

/**
 * Tenant isolation in PostgreSQL itself, tested as the runtime role the apps connect as.
 * Tenant-owned tables are enumerated from the catalog (every table with a tenant_id column), so a table added
 * later without row-level security, FORCE, a policy, or tenant_id in its keys fails here.
 */
let tdb: TestDatabase;
let owner: postgres.Sql;
let app: postgres.Sql;
const A = uuidv7();
const B = uuidv7();
let tenantTables: string[] = [];
async function asTenant<T>(tenant: string | null, fn: (sql: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return (await app.begin(async (sql) => {
    if (tenant) await sql`select set_config('app.tenant_id', ${tenant}, true)`;
    return fn(sql);
  })) as T;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = postgres(tdb.ownerUrl, { max: 1, onnotice: () => {} });
  app = postgres(tdb.appUrl, { max: 2, onnotice: () => {} });
  const district = uuidv7(), street = uuidv7();
  await owner`insert into org_units (id, kind, name) values (${district}, 'district', '测试区')`;
  await owner`insert into org_units (id, kind, parent_id, district_id, name) values (${street}, 'street', ${district}, ${district}, '测试街道')`;
  for (const [id, slug] of [[A, 'tenant-a'], [B, 'tenant-b']] as const) {
    await owner`insert into org_units (id, kind, parent_id, district_id, street_id, name, slug) values (${id}, 'community', ${street}, ${district}, ${street}, ${slug}, ${slug})`;
  }
  // Give every tenant-owned table rows in both tenants (as the owner, which FORCE also binds to the tenant context).
  for (const tenant of [A, B]) {
    await owner.begin(async (sql) => {
      await sql`select set_config('app.tenant_id', ${tenant}, true)`;
      const [grid] = await sql`insert into grids (tenant_id, id, name) values (${tenant}, ${uuidv7()}, '一网格') returning id`;
      await sql`insert into buildings (tenant_id, id, grid_id, name) values (${tenant}, ${uuidv7()}, ${grid!.id}, '1栋')`;
      await sql`insert into categories (tenant_id, id, name) values (${tenant}, ${uuidv7()}, '其他')`;
      await sql`insert into audit_events (tenant_id, id, action, subject_type) values (${tenant}, ${uuidv7()}, 'test', 'Test')`;
      const [category] = await sql`select id from categories limit 1`;
      const [c] = await sql`insert into cases (tenant_id, id, tracking_code, category_id, content, channel)
        values (${tenant}, ${uuidv7()}, ${tenant.slice(-10).toUpperCase()}, ${category!.id}, '路灯坏了', 'qr') returning id`;
      await sql`insert into case_events (tenant_id, id, case_id, actor_kind, type) values (${tenant}, ${uuidv7()}, ${c!.id}, 'resident', 'submitted')`;
      await sql`insert into case_photos (tenant_id, id, case_id, storage_key, mime, bytes) values (${tenant}, ${uuidv7()}, ${c!.id}, 'k', 'image/png', 1)`;
      await sql`insert into qr_codes (tenant_id, id, token) values (${tenant}, ${uuidv7()}, ${tenant.slice(-16)})`;
      await sql`insert into reply_templates (tenant_id, id, title, body) values (${tenant}, ${uuidv7()}, '已收到', '您好，已收到')`;
      await sql`insert into community_settings (tenant_id) values (${tenant})`;
      // The residents' register (decision 034).
      const [r1] = await sql`insert into residents (tenant_id, id, name_enc, name_hint) values (${tenant}, ${uuidv7()}, 'v1:x', '王**') returning id`;
      const [r2] = await sql`insert into residents (tenant_id, id, name_enc, name_hint) values (${tenant}, ${uuidv7()}, 'v1:y', '李**') returning id`;
      const [tag] = await sql`insert into resident_tags (tenant_id, id, name) values (${tenant}, ${uuidv7()}, '独居') on conflict do nothing returning id`;
      if (tag) await sql`insert into resident_tag_links (tenant_id, resident_id, tag_id) values (${tenant}, ${r1!.id}, ${tag.id})`;
      await sql`insert into resident_links (tenant_id, id, resident_id, other_id, kind) values (${tenant}, ${uuidv7()}, ${r1!.id}, ${r2!.id}, 'household')`;
      await sql`insert into resident_consents (tenant_id, id, resident_id, purpose, channel, given_on) values (${tenant}, ${uuidv7()}, ${r1!.id}, 'register', 'in_person', '2026-11-29')`;
      // Meal help (decision 038).
      const [sitting] = await sql`insert into meal_sittings (tenant_id, id, meal, name, capacity, price_cents, cutoff_time, serve_from, serve_until)
        values (${tenant}, ${uuidv7()}, 'lunch', '午餐', 100, 1500, '16:00', '11:00', '13:00') returning id`;
      const [dish] = await sql`insert into meal_dishes (tenant_id, id, name, tags) values (${tenant}, ${uuidv7()}, '红烧肉', '{荤}') returning id`;
      const [menu] = await sql`insert into meal_menus (tenant_id, id, sitting_id, day) values (${tenant}, ${uuidv7()}, ${sitting!.id}, '2026-12-01') returning id`;
      await sql`insert into meal_menu_dishes (tenant_id, menu_id, dish_id) values (${tenant}, ${menu!.id}, ${dish!.id})`;
      await sql`insert into meal_subsidy_rules (tenant_id, id, name, min_age, per_meal_cents, effective_from) values (${tenant}, ${uuidv7()}, '高龄', 80, 500, '2026-11-01')`;
      await sql`insert into meal_bookings (tenant_id, id, sitting_id, day, resident_id, mode, status, booked_by, queued_at, price_cents)
        values (${tenant}, ${uuidv7()}, ${sitting!.id}, '2026-12-01', ${r1!.id}, 'dine_in', 'booked', 'staff', now(), 1500)`;
      // The senior school (decision 043).
      const [term] = await sql`insert into school_terms (tenant_id, id, name, starts_on, ends_on) values (${tenant}, ${uuidv7()}, '秋季学期', '2026-09-01', '2027-01-15') returning id`;
      const [course] = await sql`insert into school_courses (tenant_id, id, term_id, title, weekday, starts_at, ends_at, room, capacity, rule)
        values (${tenant}, ${uuidv7()}, ${term!.id}, '舞蹈', 2, '09:00', '10:30', '活动室', 20, 'first_come') returning id`;
      await sql`insert into school_enrolments (tenant_id, id, course_id, resident_id, status, queued_at, booked_by) values (${tenant}, ${uuidv7()}, ${course!.id}, ${r1!.id}, 'enrolled', now(), 'staff')`;
      await sql`insert into school_attendance (tenant_id, id, course_id, resident_id, day, method, marked_at) values (${tenant}, ${uuidv7()}, ${course!.id}, ${r1!.id}, '2026-12-01', 'list', now())`;
      // The station's services (decision 044).
      const [svc] = await sql`insert into elder_services (tenant_id, id, kind, name, duration_minutes, price_cents, assessment_days) values (${tenant}, ${uuidv7()}, 'bathing', '助浴', 60, 4000, 180) returning id`;
      const [slot] = await sql`insert into elder_service_slots (tenant_id, id, service_id, starts_at, capacity) values (${tenant}, ${uuidv7()}, ${svc!.id}, now() + interval '2 days', 1) returning id`;
      await sql`insert into elder_service_subsidy_rules (tenant_id, id, name, min_age, per_use_cents, effective_from) values (${tenant}, ${uuidv7()}, '高龄', 80, 1000, '2026-11-01')`;
      await sql`insert into elder_service_bookings (tenant_id, id, slot_id, resident_id, status, price_cents, booked_by) values (${tenant}, ${uuidv7()}, ${slot!.id}, ${r1!.id}, 'confirmed', 4000, 'staff')`;
      await sql`insert into ability_assessments (tenant_id, id, resident_id, assessed_on, level, assessor) values (${tenant}, ${uuidv7()}, ${r1!.id}, '2026-11-01', 1, '评估机构')`;
      // Residents' sign-in (decision 035).
      await sql`insert into resident_sign_in_codes (tenant_id, id, mobile_index, code_hash, expires_at) values (${tenant}, ${uuidv7()}, ${`idx-${tenant}`}, 'scrypt$00$00', now() + interval '5 minutes')`;
      const [up] = await sql`insert into resident_sign_ups (tenant_id, id, mobile_enc, mobile_hint, mobile_index) values (${tenant}, ${uuidv7()}, 'v1:z', '139****0000', ${`idx-${tenant}`}) returning id`;
      await sql`insert into resident_sessions (tenant_id, id, mobile_index, mobile_hint, sign_up_id, expires_at) values (${tenant}, ${`s-${uuidv7()}`}, ${`idx-${tenant}`}, '139****0000', ${up!.id}, now() + interval '30 days')`;
      // Volunteer service (decision 036).
      await sql`insert into volunteer_settings (tenant_id) values (${tenant})`;
      const [team] = await sql`insert into volunteer_teams (tenant_id, id, name, leader_resident_id) values (${tenant}, ${uuidv7()}, '先锋队', ${r1!.id}) returning id`;
      await sql`insert into volunteers (tenant_id, resident_id, consent_on) values (${tenant}, ${r2!.id}, '2026-11-29')`;
      await sql`insert into volunteer_trainings (tenant_id, id, resident_id, name, completed_on) values (${tenant}, ${uuidv7()}, ${r2!.id}, '急救', '2026-11-01')`;
      await sql`insert into volunteer_team_members (tenant_id, team_id, resident_id, status) values (${tenant}, ${team!.id}, ${r2!.id}, 'member')`;
      const [vAct] = await sql`insert into volunteer_activities (tenant_id, id, team_id, title, place) values (${tenant}, ${uuidv7()}, ${team!.id}, '菜园日', '菜园') returning id`;
      const [shift] = await sql`insert into volunteer_shifts (tenant_id, id, activity_id, starts_at, ends_at, capacity, qr_secret) values (${tenant}, ${uuidv7()}, ${vAct!.id}, now(), now() + interval '2 hours', 5, 'k') returning id`;
      const [signup] = await sql`insert into volunteer_signups (tenant_id, id, shift_id, resident_id, status, queued_at) values (${tenant}, ${uuidv7()}, ${shift!.id}, ${r2!.id}, 'confirmed', now()) returning id`;
      const [entry] = await sql`insert into volunteer_hours (tenant_id, id, resident_id, team_id, shift_id, signup_id, minutes, evidence) values (${tenant}, ${uuidv7()}, ${r2!.id}, ${team!.id}, ${shift!.id}, ${signup!.id}, 60, 'scanned') returning id`;
      await sql`select set_config('app.system', 'maintenance', true)`;
      const [u] = await sql`insert into users (id, display_name, mobile) values (${uuidv7()}, '审核人', ${'137' + tenant.replace(/\D/g, '').slice(-8)}) returning id`;
      await sql`select set_config('app.system', '', true)`;
      await sql`insert into volunteer_hour_approvals (tenant_id, entry_id, step, approved_by) values (${tenant}, ${entry!.id}, 'leader', ${u!.id})`;
      await sql`insert into volunteer_certificates (tenant_id, id, resident_id, number, verify_code, name_hint, period_from, period_to, minutes, content) values (${tenant}, ${uuidv7()}, ${r2!.id}, '2026-000001', ${`v-${tenant}`.slice(0, 24)}, '王**', '2026-01-01', '2026-11-29', 60, '菜园日')`;
      await sql`insert into volunteer_recognitions (tenant_id, id, resident_id, title, year, citation, nominated_by) values (${tenant}, ${uuidv7()}, ${r2!.id}, '金元之星', 2026, '热心服务', ${u!.id})`;
      const [wallItem] = await sql`insert into wish_wall_items (tenant_id, id, title, public_text) values (${tenant}, ${uuidv7()}, '想要几本绘本', '一位小朋友想要几本绘本') returning id`;
      await sql`insert into wish_claims (tenant_id, id, item_id, resident_id, promised_on) values (${tenant}, ${uuidv7()}, ${wallItem!.id}, ${r2!.id}, '2026-12-10')`;
      // The party organisation (issue 16).
      const [po] = await sql`insert into party_orgs (tenant_id, id, kind, name) values (${tenant}, ${uuidv7()}, 'general_branch', '党总支') returning id`;
      await sql`insert into party_members (tenant_id, id, resident_id, org_id) values (${tenant}, ${uuidv7()}, ${r1!.id}, ${po!.id})`;
      await sql`insert into deadlines (tenant_id, id, subject_type, subject_id, kind, started_at, allowed_ms, due_at, wake_at)
        values (${tenant}, ${uuidv7()}, 'case', ${c!.id}, 'accept', now(), 1000, now(), now())`;
      // The co-governance committee (issue 18, decision 037).
      await sql`insert into cogovernance_settings (tenant_id) values (${tenant})`;
      const [pu] = await sql`insert into partner_units (tenant_id, id, name, kind) values (${tenant}, ${uuidv7()}, '共建单位', 'enterprise') returning id`;
      const [mt] = await sql`insert into consultation_matters (tenant_id, id, title, source) values (${tenant}, ${uuidv7()}, '议题', 'staff') returning id`;
      await sql`insert into consultation_matter_wishes (tenant_id, matter_id, case_id) values (${tenant}, ${mt!.id}, ${c!.id})`;
      const [mg] = await sql`insert into consultation_meetings (tenant_id, id, topic, starts_at, place) values (${tenant}, ${uuidv7()}, '协商会', now(), '议事长廊') returning id`;
      await sql`insert into meeting_participants (tenant_id, id, meeting_id, kind, partner_unit_id) values (${tenant}, ${uuidv7()}, ${mg!.id}, 'unit', ${pu!.id})`;
      const [ai] = await sql`insert into agenda_items (tenant_id, id, meeting_id, matter_id, position) values (${tenant}, ${uuidv7()}, ${mg!.id}, ${mt!.id}, 1) returning id`;
      await sql`insert into ballot_codes (tenant_id, code_hash, agenda_item_id) values (${tenant}, ${tenant.slice(-12)}, ${ai!.id})`;
      await sql`insert into ballots (tenant_id, id, agenda_item_id, choice) values (${tenant}, ${uuidv7()}, ${ai!.id}, 'for')`;
      const [dc] = await sql`insert into consultation_decisions (tenant_id, id, agenda_item_id, title, body, public_token, published_at, notice_ends_at)
        values (${tenant}, ${uuidv7()}, ${ai!.id}, '决议', '决议', ${tenant.slice(-12)}, now(), now()) returning id`;
      await sql`insert into decision_objections (tenant_id, id, decision_id, body) values (${tenant}, ${uuidv7()}, ${dc!.id}, '异议')`;
      const [act] = await sql`insert into action_items (tenant_id, id, decision_id, title, owner_kind, owner_partner_unit_id) values (${tenant}, ${uuidv7()}, ${dc!.id}, '行动', 'partner_unit', ${pu!.id}) returning id`;
      await sql`insert into action_item_updates (tenant_id, id, action_item_id, progress) values (${tenant}, ${uuidv7()}, ${act!.id}, 10)`;
      const [post] = await sql`insert into service_posts (tenant_id, id, title, recurrence, start_time) values (${tenant}, ${uuidv7()}, '义剪', 'monthly:2:6', '09:00') returning id`;
      const [claim] = await sql`insert into service_post_claims (tenant_id, id, post_id, partner_unit_id, claimed_on) values (${tenant}, ${uuidv7()}, ${post!.id}, ${pu!.id}, '2026-01-01') returning id`;
      const [occ] = await sql`insert into service_occurrences (tenant_id, id, post_id, claim_id, partner_unit_id, starts_at) values (${tenant}, ${uuidv7()}, ${post!.id}, ${claim!.id}, ${pu!.id}, now()) returning id`;
      await sql`insert into service_ratings (tenant_id, id, occurrence_id, stars) values (${tenant}, ${uuidv7()}, ${occ!.id}, 5)`;
      // Visiting care (issue 20, decision 039).
      await sql`insert into care_rule_sets (tenant_id, id, effective_from, rules) values (${tenant}, ${uuidv7()}, '2026-01-01', '{}'::jsonb)`;
      await sql`insert into care_recipients (tenant_id, resident_id, computed_tier) values (${tenant}, ${r1!.id}, 'high')`;
      await sql`insert into care_events (tenant_id, id, resident_id, kind) values (${tenant}, ${uuidv7()}, ${r1!.id}, 'hospital')`;
      await sql`insert into care_periods (tenant_id, id, kind, name, first_day, last_day) values (${tenant}, ${uuidv7()}, 'weather', '寒潮', '2026-12-01', '2026-12-03')`;
      await sql`insert into care_windows (tenant_id, id, resident_id, tier, reason, opens_at, closes_at, counts_kinds)
        values (${tenant}, ${uuidv7()}, ${r1!.id}, 'high', 'routine', now(), now() + interval '7 days', '{home}')`;
      await sql`insert into care_visits (tenant_id, id, resident_id, visitor_id, kind, visited_at) values (${tenant}, ${uuidv7()}, ${r1!.id}, ${u!.id}, 'home', now())`;
      await sql`insert into care_handovers (tenant_id, id, grid_id, people, count) values (${tenant}, ${uuidv7()}, ${grid!.id}, '[]'::jsonb, 0)`;
      await sql`insert into care_offline_edits (tenant_id, id, resident_id, base_version, base, mine, status, edited_at) values (${tenant}, ${uuidv7()}, ${r1!.id}, now(), '{}'::jsonb, '{"note":"x"}'::jsonb, 'applied', now())`;
      await sql`insert into case_holdings (tenant_id, case_id, status, tracking_code, category_name, summary, escalated_at)
        values (${tenant}, ${c!.id}, 'escalated', 'T', '其他', '路灯坏了', now())`;
      await sql`insert into outbox (tenant_id, id, channel, kind, recipient, subject, body) values (${tenant}, ${uuidv7()}, 'email', 'test', 'a@b.c', 's', 'b')`;
    });
  }
  tenantTables = (
    await owner<{ table_name: string }[]>`
      select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
      order by 1`
  ).map((r) => r.table_name);
});

afterAll(async () => {
  await owner?.end();
  await app?.end();
  await tdb?.drop();
});

describe('row-level security on tenant-owned tables', () => {
  it('finds the tenant-owned tables in the catalog', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['audit_events', 'buildings', 'categories', 'grids']));
  });

  it('every tenant-owned table has RLS enabled and forced, a policy, and tenant_id leading its primary key', async () => {
    for (const table of tenantTables) {
      const [rel] = await owner`select relrowsecurity, relforcerowsecurity from pg_class where oid = ${'public.' + table}::regclass`;
      expect(rel, table).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
      const policies = await owner`select 1 from pg_policies where schemaname = 'public' and tablename = ${table}`;
      expect(policies.length, `${table} has no policy`).toBeGreaterThan(0);
      const [pk] = await owner`
        select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        where i.indrelid = ${'public.' + table}::regclass and i.indisprimary`;
      expect(pk?.attname, `${table} primary key must start with tenant_id`).toBe('tenant_id');
      const [col] = await owner`select is_nullable from information_schema.columns where table_name = ${table} and column_name = 'tenant_id'`;
      expect(col?.is_nullable, table).toBe('NO');
    }
  });

  it('every unique key and foreign key of a tenant-owned table includes tenant_id', async () => {
    const keys = await owner<{ table: string; name: string; type: string; has_tenant: boolean; referenced: string | null }[]>`
      select cl.relname as table, co.conname as name, co.contype as type,
        exists (select 1 from unnest(co.conkey) k join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k where a.attname = 'tenant_id') as has_tenant,
        ref.relname as referenced
      from pg_constraint co join pg_class cl on cl.oid = co.conrelid left join pg_class ref on ref.oid = co.confrelid
      where cl.relname = any(${tenantTables}) and co.contype in ('u', 'p', 'f')`;
    const uniqueIdx = await owner<{ table: string; name: string; def: string }[]>`
      select tablename as table, indexname as name, indexdef as def from pg_indexes where tablename = any(${tenantTables}) and indexdef like 'CREATE UNIQUE%'`;
    for (const k of keys) {
      // A foreign key to a reference table (hierarchy, users) need not carry tenant_id; one to another tenant table must.
      if (k.type === 'f' && !tenantTables.includes(k.referenced ?? '')) continue;
      expect(k.has_tenant, `${k.table}.${k.name}`).toBe(true);
    }
    for (const i of uniqueIdx) expect(i.def, `${i.table}.${i.name}`).toMatch(/\(tenant_id[,)]/);
  });

  it('the runtime role is not the owner, is no superuser and cannot bypass RLS or run DDL', async () => {
    const [me] = await app`select current_user as name, r.rolsuper, r.rolbypassrls, r.rolcreatedb, r.rolcreaterole from pg_roles r where r.rolname = current_user`;
    expect(me).toMatchObject({ rolsuper: false, rolbypassrls: false, rolcreatedb: false, rolcreaterole: false });
    const owners = await owner`select distinct tableowner from pg_tables where schemaname = 'public'`;
    expect(owners.map((o) => o.tableowner)).not.toContain(me!.name);
    await expect(app`create table intruder (id int)`).rejects.toThrow(/permission denied/);
    await expect(app`alter table grids disable row level security`).rejects.toThrow(/must be owner/);
  });

  it('without a tenant context the runtime role reads 0 rows from every tenant-owned table', async () => {
    for (const table of tenantTables) {
      const [row] = await asTenant(null, (sql) => sql`select count(*)::int as n from ${sql(table)}`);
      expect(row!.n, table).toBe(0);
    }
  });

  it('with tenant A it reads only A’s rows', async () => {
    for (const table of tenantTables) {
      const rows = await asTenant(A, (sql) => sql`select distinct tenant_id from ${sql(table)}`);
      // Every tenant table is given rows of both tenants in beforeAll; add a line there for a new table.
      expect(rows.map((r) => r.tenant_id), `${table} (seed it in beforeAll)`).toEqual([A]);
    }
  });

  it('refuses inserting a row of tenant B under tenant A’s context', async () => {
    await expect(asTenant(A, (sql) => sql`insert into categories (tenant_id, id, name) values (${B}, ${uuidv7()}, '偷渡')`)).rejects.toThrow(
      /row-level security/,
    );
  });

  it('refuses moving a row of tenant A to tenant B, and cannot touch B’s rows at all', async () => {
    await expect(asTenant(A, (sql) => sql`update categories set tenant_id = ${B}`)).rejects.toThrow(/row-level security/);
    const updated = await asTenant(A, (sql) => sql`update categories set name = '改' where tenant_id = ${B}`);
    expect(updated.count).toBe(0);
    const deleted = await asTenant(A, (sql) => sql`delete from grids where tenant_id = ${B}`);
    expect(deleted.count).toBe(0);
  });

  it('refuses a cross-tenant foreign key (a building of A in a grid of B)', async () => {
    const [gridOfB] = await owner.begin(async (sql) => {
      await sql`select set_config('app.tenant_id', ${B}, true)`;
      return sql`select id from grids limit 1`;
    });
    await expect(
      asTenant(A, (sql) => sql`insert into buildings (tenant_id, id, grid_id, name) values (${A}, ${uuidv7()}, ${gridOfB!.id}, '越界楼')`),
    ).rejects.toThrow(/foreign key/);
  });

  it('the tenant context does not leak to the next transaction on the same connection', async () => {
    const single = postgres(tdb.appUrl, { max: 1, onnotice: () => {} });
    try {
      await single.begin(async (sql) => {
        await sql`select set_config('app.tenant_id', ${A}, true)`;
      });
      const [row] = await single`select count(*)::int as n from grids`;
      expect(row!.n).toBe(0);
    } finally {
      await single.end();
    }
  });

  it('audit events and case timelines are append-only for the runtime role', async () => {
    await expect(asTenant(A, (sql) => sql`update audit_events set action = 'rewritten'`)).rejects.toThrow(/permission denied/);
    await expect(asTenant(A, (sql) => sql`delete from audit_events`)).rejects.toThrow(/permission denied/);
    await expect(asTenant(A, (sql) => sql`update case_events set body = 'rewritten'`)).rejects.toThrow(/permission denied/);
    await expect(asTenant(A, (sql) => sql`delete from case_events`)).rejects.toThrow(/permission denied/);
  });
});
