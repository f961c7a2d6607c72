import { and, asc, desc, eq, gte, inArray, isNull, lte, notInArray } from 'drizzle-orm';
import { COMMUNITY_STAFF_ROLES, formatTrackingCode } from '@shequ/domain';
import { cases, memberships, orgUnits, partnerUnits, residents, servicePostClaims, serviceOccurrences, servicePosts, type Tx, users } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { Caller, StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { listPartyMembers } from '../party/list-party-members.ts';
import { getDecision, listDecisions } from './decisions.ts';
import { listMeetings, listOpenMatters } from './get-meeting.ts';
import { communityOf, consultationRules, consultationScope } from './shared.ts';

// What the committee's staff pages read (issue 18, decision 037): the desk (meetings, matters, decisions and the
// choices their forms offer) and the service posts with their claims and occurrences. Reads only.

/** Wishes still open (not closed, rejected or merged), newest first: what a matter can answer. */
const CLOSED = ['closed', 'rejected', 'merged'] as const;

/**
 * The committee's desk: meetings (newest first), matters not yet on an agenda, decisions with progress, the
 * community's rules, and the choices the forms offer: open wishes (tracking code and the first 60 characters),
 * partner units (id, name), community staff (for chair and invitees), departments (action owners).
 * Input: `now`. Output: that object. Refuses: forbidden (no read of the community's consultation).
 */
export async function getCommitteeDesk(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = consultationScope(caller, 'read');
  const [meetings, matters, decisions, rules] = await Promise.all([listMeetings(tx, caller), listOpenMatters(tx, caller), listDecisions(tx, caller, input), consultationRules(tx, tenantId)]);
  const wishes = await tx
    .select({ id: cases.id, trackingCode: cases.trackingCode, content: cases.content, status: cases.status })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.kind, 'wish'), notInArray(cases.status, [...CLOSED])))
    .orderBy(desc(cases.createdAt))
    .limit(100);
  const choices = await committeeChoices(tx, tenantId);
  return { meetings, matters, decisions, rules, wishes: wishes.map((w) => ({ id: w.id, code: formatTrackingCode(w.trackingCode), status: w.status, excerpt: w.content.slice(0, 60) })), ...choices };
}

/**
 * A decision's staff page: the whole line (getDecision: wishes → meeting → decision → action items → result →
 * satisfaction) and the owners an action item may be given (partner units, staff, departments).
 * Input: `decisionId`, `now`. Refuses: consultation.notFound; forbidden.
 */
export async function getDecisionDesk(tx: Tx, caller: StaffCaller, input: { decisionId: string; now?: Date }) {
  const line = await getDecision(tx, caller, input);
  return { ...line, ...(await committeeChoices(tx, communityOf(caller))) };
}

/** Partner units, staff and departments as a form's choices (names only; no contacts). */
async function committeeChoices(tx: Tx, tenantId: string) {
  const [units, staff, departments] = await Promise.all([
    tx.select({ id: partnerUnits.id, name: partnerUnits.name }).from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId)).orderBy(asc(partnerUnits.name)),
    tx
      .selectDistinct({ userId: users.id, name: users.displayName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.role, [...COMMUNITY_STAFF_ROLES])))
      .orderBy(asc(users.displayName), asc(users.id)),
    tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.kind, 'department')).orderBy(asc(orgUnits.name)).limit(200),
  ]);
  return { units, staff, departments };
}

/**
 * The community's service posts (服务岗位), each with its active claims (unit names), its leader (masked name hint,
 * and whether they are a current party member: a post that requires one shows when its leader no longer is) and its
 * occurrences from 30 days back to 30 days ahead of `now`, with status and people served.
 * Output: `{ posts, units, leaders }` (units: the register's id and name, to claim for; leaders: the community's
 * current party members, listPartyMembers, to choose a leader from). Refuses: forbidden.
 */
export async function listServicePosts(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('PartnerUnit', { tenantId }));
  const now = input.now ?? new Date();
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const to = new Date(now.getTime() + 30 * 86_400_000);
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

/**
 * An occurrence as the rating page shows it to a resident (no sign-in): the post's title and place, the unit's name,
 * the time, and whether it can be rated (delivered). Input: `tenantId`, `occurrenceId`. Refuses: partner.notFound.
 */
export async function getOccurrenceForRating(tx: Tx, _caller: Caller, input: { tenantId: string; occurrenceId: string }) {
  const [row] = await tx
    .select({ title: servicePosts.title, place: servicePosts.place, unit: partnerUnits.name, startsAt: serviceOccurrences.startsAt, status: serviceOccurrences.status })
    .from(serviceOccurrences)
    .innerJoin(servicePosts, and(eq(servicePosts.tenantId, serviceOccurrences.tenantId), eq(servicePosts.id, serviceOccurrences.postId)))
    .innerJoin(partnerUnits, and(eq(partnerUnits.tenantId, serviceOccurrences.tenantId), eq(partnerUnits.id, serviceOccurrences.partnerUnitId)))
    .where(and(eq(serviceOccurrences.tenantId, input.tenantId), eq(serviceOccurrences.id, input.occurrenceId)));
  if (!row) throw new UseCaseError('partner.notFound');
  return { ...row, rateable: row.status === 'delivered' };
}
