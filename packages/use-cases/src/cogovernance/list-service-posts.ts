import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { chinaDate, occurrenceHorizon } from '@shequ/domain';
import { partnerUnits, residents, servicePostClaims, serviceOccurrences, servicePosts, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { listPartyMembers } from '../party/list-party-members.ts';
import { communityOf } from './shared.ts';

/**
 * The community's service posts (服务岗位), each with its active claims (unit names), its leader (masked name hint,
 * and whether they are a current party member: a post that requires one shows when its leader no longer is) and its
 * occurrences from 30 days back to the end of what 生成场次 generates (occurrenceHorizon: the next three months, China
 * time), with status and people served — all that was generated shows (January was generated and hidden).
 * Output: `{ posts, units, leaders }` (units: the register's id and name, to claim for; leaders: the community's
 * current party members, listPartyMembers, to choose a leader from). Refuses: forbidden.
 */
export async function listServicePosts(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('PartnerUnit', { tenantId }));
  const now = input.now ?? new Date();
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const to = new Date(`${occurrenceHorizon(chinaDate(now))}T23:59:59.999+08:00`);
  const posts = await tx.select().from(servicePosts).where(eq(servicePosts.tenantId, tenantId)).orderBy(asc(servicePosts.title));
  const claims = await tx
    .select({ id: servicePostClaims.id, postId: servicePostClaims.postId, unitId: servicePostClaims.partnerUnitId, unit: partnerUnits.name, claimedOn: servicePostClaims.claimedOn })
    .from(servicePostClaims)
    .innerJoin(partnerUnits, and(eq(partnerUnits.tenantId, servicePostClaims.tenantId), eq(partnerUnits.id, servicePostClaims.partnerUnitId)))
    .where(and(eq(servicePostClaims.tenantId, tenantId), isNull(servicePostClaims.endedOn)));
  const occurrences = await tx
    .select({ id: serviceOccurrences.id, postId: serviceOccurrences.postId, unitId: serviceOccurrences.partnerUnitId, startsAt: serviceOccurrences.startsAt, status: serviceOccurrences.status, peopleServed: serviceOccurrences.peopleServed })
    .from(serviceOccurrences)
    .where(and(eq(serviceOccurrences.tenantId, tenantId), gte(serviceOccurrences.startsAt, from), lte(serviceOccurrences.startsAt, to)))
    .orderBy(asc(serviceOccurrences.startsAt));
  const units = await tx.select({ id: partnerUnits.id, name: partnerUnits.name }).from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId)).orderBy(asc(partnerUnits.name));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const leaders = await listPartyMembers(tx, caller);
  const leaderIds = [...new Set(posts.flatMap((p) => (p.leaderResidentId ? [p.leaderResidentId] : [])))];
  const hints = new Map(
    leaderIds.length ? (await tx.select({ id: residents.id, nameHint: residents.nameHint }).from(residents).where(and(eq(residents.tenantId, tenantId), inArray(residents.id, leaderIds)))).map((r) => [r.id, r.nameHint]) : [],
  );
  const members = new Set(leaders.map((l) => l.residentId));
  return {
    leaders,
    posts: posts.map((p) => ({
      ...p,
      leader: p.leaderResidentId ? { residentId: p.leaderResidentId, nameHint: hints.get(p.leaderResidentId) ?? '', partyMember: members.has(p.leaderResidentId) } : null,
      claims: claims.filter((c) => c.postId === p.id),
      occurrences: occurrences.filter((o) => o.postId === p.id).map((o) => ({ ...o, unit: unitName.get(o.unitId) ?? '' })),
    })),
    units,
  };
}
