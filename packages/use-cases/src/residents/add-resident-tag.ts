import { UseCaseError } from '../errors.ts';
import { and, eq, max } from 'drizzle-orm';
import { residentTagLinks, residentTags, type Tx } from '@shequ/db';
import { refreshCareRoster } from '../care/refresh-care-roster.ts';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf, parseInput, residentSubject } from './person.ts';
import { cleanTagName } from './list-resident-tags.ts';
import { addResidentTagSchema } from './schemas.ts';

/**
 * Adds a tag to the community's list (a community extends the default list with its own: 重点关注, 楼栋长 …).
 * Input: `{ name }` (≤ RESIDENT_TAG_MAX characters), `now`. Inside the community's tenant transaction. Output: `{ id, name }`.
 * A tag taken off the list and added again is the same tag: the people who carry it carry it again, and the care
 * roster follows for them at once (refreshCareRoster, decision 073).
 * Refuses: resident.tag.invalid (empty or too long, field 'name'); resident.tag.taken (already on the list);
 * forbidden (only the community admin keeps the list).
 */
export async function addResidentTag(tx: Tx, caller: StaffCaller, input: { name: string; now?: Date }) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'manage', residentSubject(tenantId, null));
  const parsed = parseInput(addResidentTagSchema, input);
  const name = cleanTagName(parsed.name);
  if (!name) throw new UseCaseError('resident.tag.invalid', { field: 'name' });
  const [last] = await tx.select({ n: max(residentTags.sortOrder) }).from(residentTags).where(eq(residentTags.tenantId, tenantId));
  const [row] = await tx
    .insert(residentTags)
    .values({ tenantId, name, sortOrder: (last?.n ?? 0) + 1 })
    .onConflictDoNothing()
    .returning({ id: residentTags.id, name: residentTags.name });
  if (!row) {
    const [existing] = await tx.select({ active: residentTags.active }).from(residentTags).where(and(eq(residentTags.tenantId, tenantId), eq(residentTags.name, name)));
    if (existing && !existing.active) {
      const [revived] = await tx.update(residentTags).set({ active: true }).where(and(eq(residentTags.tenantId, tenantId), eq(residentTags.name, name))).returning({ id: residentTags.id, name: residentTags.name });
      const carriers = await tx.select({ id: residentTagLinks.residentId }).from(residentTagLinks).where(and(eq(residentTagLinks.tenantId, tenantId), eq(residentTagLinks.tagId, revived!.id)));
      if (carriers.length) await refreshCareRoster(tx, tenantId, input.now ?? new Date(), carriers.map((c) => c.id));
      return revived!;
    }
    throw new UseCaseError('resident.tag.taken', { field: 'name' });
  }
  return row;
}
