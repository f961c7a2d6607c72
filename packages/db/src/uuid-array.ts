import { type SQL, sql } from 'drizzle-orm';
import { isUuid } from './scope.ts';

/**
 * A list of ids as one `uuid[]` parameter, for `column = any(…)`: one parameter whatever the number of ids (an IN
 * list of a thousand costs more to plan than to run), parsed once by PostgreSQL, and filtered by a hash inside an
 * index scan (a district's thousand communities over a covering index: an index-only scan). Only valid uuids reach
 * the array literal; drizzle's `sql` would otherwise expand a JavaScript array into a tuple.
 */
export function uuidArray(ids: readonly string[]): SQL {
  if (!ids.every(isUuid)) throw new Error('uuidArray: not a uuid');
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}
