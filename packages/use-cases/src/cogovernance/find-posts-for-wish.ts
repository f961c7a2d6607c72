import { and, eq, inArray, isNull } from 'drizzle-orm';
import { cases, partnerUnits, servicePostClaims, servicePosts, type Tx } from '@shequ/db';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { communityOf } from './shared.ts';

/**
 * 居民点单、社区派单、单位接单: the active posts whose keywords appear in a wish (a 理发 wish surfaces the barber's
 * post), with the units that claimed them, for the wish's page. Input: `caseId`. Output: posts (id, title,
 * recurrence rule, place) with their units' names; empty for a caller who may not read partner units (a grid
 * worker: the page offers nothing to dispatch). Refuses: consultation.notFound (not a case of the community).
 */
export async function findPostsForWish(tx: Tx, caller: StaffCaller, input: { caseId: string }) {
  const tenantId = communityOf(caller);
  if (!caller.ability.can('read', subject('PartnerUnit', { tenantId }))) return [];
  const [c] = await tx.select({ content: cases.content }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, input.caseId)));
  if (!c) throw new UseCaseError('consultation.notFound');
  const posts = (await tx.select().from(servicePosts).where(and(eq(servicePosts.tenantId, tenantId), eq(servicePosts.active, true)))).filter((p) => p.keywords.some((k) => k && c.content.includes(k)));
  if (!posts.length) return [];
  const claims = await tx
    .select({ postId: servicePostClaims.postId, unit: partnerUnits.name })
    .from(servicePostClaims)
    .innerJoin(partnerUnits, and(eq(partnerUnits.tenantId, servicePostClaims.tenantId), eq(partnerUnits.id, servicePostClaims.partnerUnitId)))
    .where(and(eq(servicePostClaims.tenantId, tenantId), inArray(servicePostClaims.postId, posts.map((p) => p.id)), isNull(servicePostClaims.endedOn)));
  return posts.map((p) => ({ id: p.id, title: p.title, recurrence: p.recurrence, place: p.place, units: claims.filter((c) => c.postId === p.id).map((c) => c.unit) }));
}
