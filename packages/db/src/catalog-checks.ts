import type postgres from 'postgres';
import { distributionColumn, type TableRole } from './table-roles.ts';

/**
 * Checks of the live schema against TABLE_ROLES, read from pg_catalog (run as the owner). Each returns a list of
 * problems, one sentence each naming the table; empty means the rule holds. Used by the catalog tests, which also
 * show that a table added without its declaration, its policies or its keys makes them fail.
 */

type TableRow = { table: string; rls: boolean; forced: boolean; policies: number };
type KeyRow = { table: string; name: string; type: 'p' | 'u' | 'f' | 'i'; columns: string[]; referenced: string | null; referencedColumns: string[] | null };

async function tables(sql: postgres.Sql): Promise<TableRow[]> {
  return sql<TableRow[]>`
    select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
      (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`;
}

/** Every table of the schema is declared; each one is under forced RLS with a policy, or an open reference table. */
export async function rlsProblems(sql: postgres.Sql, roles: Record<string, TableRole>): Promise<string[]> {
  const problems: string[] = [];
  const found = await tables(sql);
  for (const t of found) {
    const role = roles[t.table];
    if (!role) {
      problems.push(`${t.table}: not declared in TABLE_ROLES (packages/db/src/table-roles.ts)`);
      continue;
    }
    if (role.rls === 'forced') {
      if (!t.rls) problems.push(`${t.table}: row-level security is not enabled`);
      if (!t.forced) problems.push(`${t.table}: row-level security is not forced (ALTER TABLE … FORCE ROW LEVEL SECURITY)`);
      if (t.policies === 0) problems.push(`${t.table}: no policy (every row would be refused)`);
    } else if ('pending' in role.rls) {
      // Listed as pending (see pendingTables): reported by the test's list, not here; once done, it must say so.
      if (t.rls && t.forced && t.policies > 0) problems.push(`${t.table}: is under forced RLS now: mark it 'forced' in TABLE_ROLES`);
    } else {
      if (!role.rls.openBecause.trim()) problems.push(`${t.table}: left without RLS with no reason`);
      if (!('reference' in role.citus)) problems.push(`${t.table}: left without RLS but not a reference table`);
    }
  }
  const names = new Set(found.map((t) => t.table));
  for (const declared of Object.keys(roles)) if (!names.has(declared)) problems.push(`${declared}: declared in TABLE_ROLES but not in the schema`);
  return problems;
}

async function keys(sql: postgres.Sql): Promise<KeyRow[]> {
  const attnames = (rel: string, nums: string) =>
    `array(select a.attname::text from unnest(${nums}) with ordinality k(num, pos) join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.num order by k.pos)`;
  return sql.unsafe<KeyRow[]>(`
    select cl.relname as table, co.conname as name, co.contype as type,
      ${attnames('co.conrelid', 'co.conkey')} as columns,
      ref.relname as "referenced",
      case when co.contype = 'f' then ${attnames('co.confrelid', 'co.confkey')} end as "referencedColumns"
    from pg_constraint co join pg_class cl on cl.oid = co.conrelid join pg_namespace n on n.oid = cl.relnamespace
    left join pg_class ref on ref.oid = co.confrelid
    where n.nspname = 'public' and co.contype in ('p', 'u', 'f')
    union all
    -- Unique indexes that back no constraint (CREATE UNIQUE INDEX): Citus treats them like unique keys.
    select cl.relname, ic.relname, 'i', ${attnames('i.indrelid', 'i.indkey::int2[]')}, null, null
    from pg_index i join pg_class cl on cl.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where n.nspname = 'public' and i.indisunique and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by 1, 2`);
}

/**
 * Citus' three rules, for every declared table: (1) every primary and unique key of a distributed table includes its
 * distribution column (here: leads with it, the house rule of decision 001); (2) a foreign key between distributed
 * tables includes the distribution column on both sides, paired, and joins tables distributed alike (co-located);
 * (3) a reference table references only reference tables. Also: the distribution column is NOT NULL, and a
 * distributed table references no local one.
 */
export async function citusProblems(sql: postgres.Sql, roles: Record<string, TableRole>): Promise<string[]> {
  const problems: string[] = [];
  const kindOf = (table: string) => {
    const role = roles[table];
    if (!role) return 'undeclared';
    return 'distributed' in role.citus ? 'distributed' : 'reference' in role.citus ? 'reference' : 'local';
  };
  for (const k of await keys(sql)) {
    const role = roles[k.table];
    if (!role) {
      problems.push(`${k.table}: not declared in TABLE_ROLES`);
      continue;
    }
    const column = distributionColumn(role);
    if (role.keysPending) continue; // listed as pending (see pendingTables); the test keeps that list from growing
    if (k.type !== 'f') {
      if (column && k.columns[0] !== column) problems.push(`${k.table}.${k.name}: key (${k.columns.join(', ')}) does not lead with the distribution column ${column}`);
      continue;
    }
    const target = k.referenced ?? '?';
    const targetKind = kindOf(target);
    if (kindOf(k.table) === 'reference' && targetKind !== 'reference') problems.push(`${k.table}.${k.name}: a reference table references ${target} (${targetKind})`);
    if (column && targetKind === 'local') problems.push(`${k.table}.${k.name}: a distributed table references the local table ${target}`);
    if (column && targetKind === 'distributed') {
      const targetColumn = distributionColumn(roles[target]!);
      const paired = k.columns.some((c, i) => c === column && k.referencedColumns?.[i] === targetColumn);
      if (!paired) problems.push(`${k.table}.${k.name}: foreign key (${k.columns.join(', ')}) → ${target} (${(k.referencedColumns ?? []).join(', ')}) does not pair ${column} with ${target}.${targetColumn}`);
    }
  }
  const nullable = await sql<{ table: string; column: string; notnull: boolean }[]>`
    select c.relname as table, a.attname as column, a.attnotnull as notnull
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`;
  for (const [table, role] of Object.entries(roles)) {
    const column = distributionColumn(role);
    if (!column || role.keysPending) continue;
    const col = nullable.find((n) => n.table === table && n.column === column);
    if (!col) problems.push(`${table}: distribution column ${column} does not exist`);
    else if (!col.notnull) problems.push(`${table}: distribution column ${column} is nullable`);
  }
  return problems;
}
