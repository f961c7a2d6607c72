import { UseCaseError } from '../errors.ts';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { cases, residentConsents, residentLinks, residents, residentTagLinks, type Tx } from '@shequ/db';
import { refreshCareRoster } from '../care/refresh-care-roster.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { communityOf, loadResident, parseInput } from './person.ts';
import { mergeResidentsSchema } from './schemas.ts';

/**
 * Merges a duplicate record into the one kept. Nothing is deleted: the duplicate stays as history (status
 * 'merged', pointing at the kept record); its tags, household links, consent records and linked wishes move to the
 * kept record; fields the kept record lacks (mobile, ID number, gender, birth, address, note) are taken from the
 * duplicate, and so is a birth date more precise than the kept one that agrees with it (1948-03-15 over 1948-03).
 * Wishes reported with the duplicate's mobile stay found (the person's page also matches merged records' mobiles),
 * and so does the person: findResidents finds the kept record by the duplicate's mobile or ID number.
 *
 * Input: `{ keepId, duplicateId }`. Inside the community's tenant transaction.
 * Output: `{ id: keepId, moved: { tags, links, consents, wishes } }`; an audit event records the merge.
 * Refuses: resident.merge.same; resident.notFound (either unknown or not the caller's to see);
 * resident.notActive (either moved out or already merged); resident.merge.idConflict (both hold different ID
 * numbers: not the same person); forbidden (a role that may not merge: grid workers).
 */
export async function mergeResidents(tx: Tx, caller: StaffCaller, input: { keepId: string; duplicateId: string; now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(mergeResidentsSchema, input);
  const now = input.now ?? new Date();
  // Locked in id order, so two merges of the same pair cannot wait on each other. Someone not the caller's to see
  // is refused as unknown before anything else is said about them.
  const [first, second] = [parsed.keepId, parsed.duplicateId].sort();
  const a = await loadResident(tx, caller.ability, tenantId, first!, 'delete', true);
  if (parsed.keepId === parsed.duplicateId) throw new UseCaseError('resident.merge.same');
  const b = await loadResident(tx, caller.ability, tenantId, second!, 'delete', true);
  const keep = a.row.id === parsed.keepId ? a.row : b.row;
  const dup = a.row.id === parsed.keepId ? b.row : a.row;
  if (keep.status !== 'active' || dup.status !== 'active') throw new UseCaseError('resident.notActive');
  if (keep.idNumberIndex && dup.idNumberIndex && keep.idNumberIndex !== dup.idNumberIndex) throw new UseCaseError('resident.merge.idConflict');

  // The duplicate first becomes history (so its ID number no longer counts as taken), then the kept record fills in.
  await tx.update(residents).set({ status: 'merged', mergedIntoId: keep.id, updatedAt: now }).where(and(eq(residents.tenantId, tenantId), eq(residents.id, dup.id)));
  const fill = {
    ...(!keep.mobileEnc && dup.mobileEnc ? { mobileEnc: dup.mobileEnc, mobileHint: dup.mobileHint, mobileIndex: dup.mobileIndex } : {}),
    ...(!keep.idNumberEnc && dup.idNumberEnc ? { idNumberEnc: dup.idNumberEnc, idNumberHint: dup.idNumberHint, idNumberIndex: dup.idNumberIndex } : {}),
    ...(!keep.gender && dup.gender ? { gender: dup.gender } : {}),
    // The more precise birth when the two agree (1948-03 and 1948-03-15: the day is kept).
    ...(dup.birth && (!keep.birth || (dup.birth.length > keep.birth.length && dup.birth.startsWith(keep.birth))) ? { birth: dup.birth } : {}),
    ...(!keep.buildingId && dup.buildingId ? { buildingId: dup.buildingId, unit: dup.unit, room: dup.room } : {}),
    ...(!keep.note && dup.note ? { note: dup.note } : {}),
  };
  await tx.update(residents).set({ ...fill, updatedAt: now }).where(and(eq(residents.tenantId, tenantId), eq(residents.id, keep.id)));

  // Tags: the kept record gets the duplicate's it lacks.
  const tags = await tx.execute(sql`
    insert into resident_tag_links (tenant_id, resident_id, tag_id, created_at)
    select tenant_id, ${keep.id}::uuid, tag_id, created_at from resident_tag_links where tenant_id = ${tenantId} and resident_id = ${dup.id}
    on conflict do nothing`);
  await tx.delete(residentTagLinks).where(and(eq(residentTagLinks.tenantId, tenantId), eq(residentTagLinks.residentId, dup.id)));

  // Links: re-pointed; a link between the two themselves, or one the kept record already has, is dropped.
  await tx
    .delete(residentLinks)
    .where(and(eq(residentLinks.tenantId, tenantId), or(and(eq(residentLinks.residentId, dup.id), eq(residentLinks.otherId, keep.id)), and(eq(residentLinks.residentId, keep.id), eq(residentLinks.otherId, dup.id)))));
  const links = await tx.execute(sql`
    update resident_links l set resident_id = case when l.resident_id = ${dup.id}::uuid then ${keep.id}::uuid else l.resident_id end,
      other_id = case when l.other_id = ${dup.id}::uuid then ${keep.id}::uuid else l.other_id end
    where l.tenant_id = ${tenantId} and (l.resident_id = ${dup.id}::uuid or l.other_id = ${dup.id}::uuid)
      and not exists (select 1 from resident_links k where k.tenant_id = l.tenant_id and k.kind = l.kind
        and k.resident_id = case when l.resident_id = ${dup.id}::uuid then ${keep.id}::uuid else l.resident_id end
        and k.other_id = case when l.other_id = ${dup.id}::uuid then ${keep.id}::uuid else l.other_id end)`);
  await tx.delete(residentLinks).where(and(eq(residentLinks.tenantId, tenantId), or(eq(residentLinks.residentId, dup.id), eq(residentLinks.otherId, dup.id))));

  const consents = await tx.update(residentConsents).set({ residentId: keep.id }).where(and(eq(residentConsents.tenantId, tenantId), eq(residentConsents.residentId, dup.id))).returning({ id: residentConsents.id });
  const wishes = await tx.update(cases).set({ residentId: keep.id }).where(and(eq(cases.tenantId, tenantId), eq(cases.residentId, dup.id))).returning({ id: cases.id });
  // Records merged into the duplicate earlier follow it (merges stay one level deep).
  await tx.update(residents).set({ mergedIntoId: keep.id }).where(and(eq(residents.tenantId, tenantId), eq(residents.mergedIntoId, dup.id), ne(residents.id, keep.id), inArray(residents.status, ['merged'])));

  // The kept record has both records' tags now, the duplicate is off the register: the care roster follows at once.
  await refreshCareRoster(tx, tenantId, now, [keep.id, dup.id], caller.actor.userId);
  const moved = { tags: tags.count ?? 0, links: links.count ?? 0, consents: consents.length, wishes: wishes.length };
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'resident_merged', subjectType: 'Resident', subjectId: keep.id, detail: { duplicateId: dup.id, moved } });
  return { id: keep.id, moved };
}
