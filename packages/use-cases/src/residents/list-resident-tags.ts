import { and, asc, eq, sql } from 'drizzle-orm';
import { residentTags, type Tx } from '@shequ/db';
import { cleanText, RESIDENT_TAG_MAX } from '@shequ/domain';
import { ForbiddenError } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf, registerScope } from './person.ts';

/**
 * The community's tag list (独居, 高龄, 党员 … and its own), in its order, with how many active people carry each.
 * Counts cover what the caller's filter by tag then lists: the whole register for the office, a grid worker's own
 * grids for a grid worker (an outside trial saw 特困（4） community-wide on a grid worker's page, whose filter then
 * listed one). Inside the community's tenant transaction.
 * Output: `{ id, name, people }[]`. Refuses: forbidden (a role without the register).
 */
export async function listResidentTags(tx: Tx, caller: StaffCaller) {
  const tenantId = communityOf(caller);
  const scope = registerScope(caller, tenantId);
  if (scope === null) throw new ForbiddenError('read', 'Resident');
  const ownGrids =
    scope === undefined
      ? sql``
      : sql` and exists (select 1 from buildings b join grids g on g.tenant_id = b.tenant_id and g.id = b.grid_id
          where b.tenant_id = r.tenant_id and b.id = r.building_id and g.grid_worker_id = ${caller.actor.userId})`;
  return tx
    .select({
      id: residentTags.id,
      name: residentTags.name,
      people: sql<number>`(select count(*) from resident_tag_links l join residents r on r.tenant_id = l.tenant_id and r.id = l.resident_id
        where l.tenant_id = resident_tags.tenant_id and l.tag_id = resident_tags.id and r.status = 'active'${ownGrids})::int`,
    })
    .from(residentTags)
    .where(and(eq(residentTags.tenantId, tenantId), eq(residentTags.active, true)))
    .orderBy(asc(residentTags.sortOrder), asc(residentTags.name));
}

/** The cleaned name of a new tag, or null when it is empty or longer than RESIDENT_TAG_MAX characters. */
export function cleanTagName(name: string): string | null {
  const cleaned = cleanText(name);
  return cleaned && Array.from(cleaned).length <= RESIDENT_TAG_MAX ? cleaned : null;
}
