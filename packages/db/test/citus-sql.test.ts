import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citusSql, TABLE_ROLES } from '../src/table-roles.ts';

describe('infra/citus/distribute.sql', () => {
  it('is what TABLE_ROLES generates (regenerate with pnpm --filter @shequ/db citus:sql)', () => {
    expect(readFileSync(new URL('../../../infra/citus/distribute.sql', import.meta.url), 'utf8')).toBe(citusSql());
  });

  it('distributes every table after the tables it references, and every declared table once', () => {
    const lines = citusSql().split('\n').filter((l) => l.startsWith('SELECT'));
    const order = lines.map((l) => /'([a-z_]+)'/.exec(l)![1]!);
    expect([...order].sort()).toEqual(Object.keys(TABLE_ROLES).sort());
    expect(order.indexOf('cases')).toBeGreaterThan(order.indexOf('categories'));
    expect(order.indexOf('buildings')).toBeGreaterThan(order.indexOf('grids'));
    expect(order.indexOf('deadlines')).toBeGreaterThan(order.indexOf('cases'));
    expect(order.indexOf('org_units')).toBeLessThan(order.indexOf('cases'));
  });
});
