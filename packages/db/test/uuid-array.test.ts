import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { uuidArray } from '../src/uuid-array.ts';

const dialect = new PgDialect();

describe('uuidArray', () => {
  it('sends any number of ids as one uuid[] parameter', () => {
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    const query = dialect.sqlToQuery(uuidArray(ids));
    expect(query.sql).toBe('$1::uuid[]');
    expect(query.params).toEqual([`{${ids.join(',')}}`]);
    expect(dialect.sqlToQuery(uuidArray([])).params).toEqual(['{}']);
  });

  it('refuses anything that is not a uuid, so nothing else can reach the array literal', () => {
    expect(() => uuidArray(['00000000-0000-4000-8000-000000000001', 'x}, {"a'])).toThrow();
    expect(() => uuidArray(['00000000-0000-4000-8000-000000000001,00000000-0000-4000-8000-000000000002'])).toThrow();
  });
});
