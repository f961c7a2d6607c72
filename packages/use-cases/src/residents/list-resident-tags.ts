import { and, asc, eq, sql } from 'drizzle-orm';
import { residentTags, type Tx } from '@shequ/db';
import { cleanText, RESIDENT_TAG_MAX } from '@shequ/domain';
import { ForbiddenError } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf, registerScope } from './person.ts';

/**
 * The community's tag list (独居, 高龄, 党员 … and its own), in its order, with how many active people carry each.
 * Counts cover the whole register whoever asks (they name nobody). Inside the community's tenant transaction.
 * Output: `{ id, name, people }[]`. Refuses: forbidden (a role without the register).
 */
export async function listResidentTags(tx: Tx, caller: StaffCaller) {
  const tenantId = communityOf(caller);
  if (registerScope(caller, tenantId) === null) throw new ForbiddenError('read', 'Resident');
  return tx
    .select({
      id: residentTags.id,
      name: residentTags.name,
      people: sql<number>`(select count(*) from resident_tag_links l join residents r on r.tenant_id = l.tenant_id and r.id = l.resident_id
        where l.tenant_id = resident_tags.tenant_id and l.tag_id = resident_tags.id and r.status = 'active')::int`,
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
