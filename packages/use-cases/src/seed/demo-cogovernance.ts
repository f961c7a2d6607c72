import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, count, eq, isNotNull, isNull, lt, notInArray } from 'drizzle-orm';
import { categories, type Db, orgUnits, partnerUnits, partyMembers, residents, serviceOccurrences, servicePosts, SYSTEM_SCOPES, users, withSystem, withTenant } from '@shequ/db';
import { chinaDate, chinaInstant, maskMobile, maskName } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import { listWorkspaces } from '../auth/workspaces.ts';
import { anonymousCaller } from '../caller.ts';
import { acceptCase } from '../cases/accept-case.ts';
import { rateCase } from '../cases/rate-case.ts';
import { submitCase } from '../cases/submit-case.ts';
import { checkInOccurrence } from '../cogovernance/check-in-occurrence.ts';
import { addActionItem } from '../cogovernance/add-action-item.ts';
import { reportActionProgress } from '../cogovernance/report-action-progress.ts';
import { createMatter } from '../cogovernance/create-matter.ts';
import { decideAgendaItem } from '../cogovernance/decide-agenda-item.ts';
import { getMeeting } from '../cogovernance/get-meeting.ts';
import { approveMinutes } from '../cogovernance/approve-minutes.ts';
import { draftMinutes } from '../cogovernance/draft-minutes.ts';
import { claimServicePost } from '../cogovernance/claim-service-post.ts';
import { createServicePost } from '../cogovernance/create-service-post.ts';
import { generateOccurrences } from '../cogovernance/generate-occurrences.ts';
import { issueOccurrenceCode } from '../cogovernance/issue-occurrence-code.ts';
import { rateOccurrence } from '../cogovernance/rate-occurrence.ts';
import { recordOccurrence } from '../cogovernance/record-occurrence.ts';
import { recordAttendance } from '../cogovernance/record-attendance.ts';
import { registerParticipant } from '../cogovernance/register-participant.ts';
import { scheduleMeeting } from '../cogovernance/schedule-meeting.ts';
import { setServicePostLeader } from '../cogovernance/set-service-post-leader.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { DEMO_TEAMS } from './demo-volunteers.ts';
import { localPhotoStorage } from '../storage/photo-storage.ts';
import { demoCipher } from './demo-residents.ts';
import { seededRandom } from './seeded-random.ts';

const DAY = 24 * 3600 * 1000;
/** When the demo's consultation meetings begin (China time). */
const MEETING_TIME = '14:30';
/** The volunteer team that builds the courtyard's benches and drying racks: one of the eight demo teams (环境保护队), not a name no team has. */
const ACTION_TEAM = DEMO_TEAMS.find((t) => t.name === '环境保护队')!.name;
const KINDS = [
  { kind: 'enterprise', n: 60, names: ['科技有限公司', '物业服务有限公司', '建筑工程有限公司', '商贸有限公司', '餐饮管理有限公司', '文化传媒有限公司'] },
  { kind: 'institution', n: 30, names: ['幼儿园', '小学', '卫生服务中心', '派出所', '供电所', '图书馆'] },
  { kind: 'social_org', n: 30, names: ['社工服务中心', '志愿者协会', '养老服务中心', '青少年活动中心', '文体协会'] },
  { kind: 'individual_business', n: 70, names: ['理发店', '大药房', '便利店', '水果店', '修鞋铺', '眼镜店', '早餐店', '五金店'] },
  { kind: 'party_org', n: 16, names: ['党支部', '党总支'] },
] as const;
const PLACES = ['金元', '观山', '金华', '林城', '百花', '金阳', '湖畔', '云岩', '阳光', '和美'];
const POSTS = [
  ['节假日金融知识进社区', '老年人', 'monthly:1:6', '09:30', '银行,存款,反诈'],
  ['安全隐患排查', '全体居民', 'monthly:3:3', '14:30', '安全,消防,隐患'],
  ['亲子活动日', '0–6 岁儿童家庭', 'monthly:2:6', '10:00', '亲子,孩子,托育'],
  ['为老义剪', '60 岁以上老人', 'monthly:2:6', '09:00', '理发,剪发'],
  ['义诊测血压', '60 岁以上老人', 'monthly:4:5', '09:00', '血压,义诊,体检'],
  ['家电义务维修', '全体居民', 'monthly:1:7', '09:30', '维修,家电'],
  ['法律咨询', '全体居民', 'monthly:3:4', '15:00', '法律,纠纷'],
  ['四点半课堂', '小学生', 'weekly:3', '16:30', '作业,学习,孩子'],
  ['反诈宣传', '老年人', 'monthly:2:2', '10:00', '诈骗,反诈'],
  ['垃圾分类指导', '全体居民', 'monthly:1:3', '09:00', '垃圾,分类'],
  ['心理疏导', '全体居民', 'monthly:4:2', '14:00', '心理,情绪'],
  ['磨刀修伞', '全体居民', 'monthly:3:6', '09:00', '磨刀,修伞'],
  ['助残服务', '残疾人家庭', 'monthly:2:4', '10:00', '残疾,轮椅'],
  ['读书分享会', '全体居民', 'monthly:4:6', '15:00', '读书,图书'],
  ['健康讲座', '老年人', 'monthly:1:4', '14:30', '健康,养生'],
] as const;

/**
 * 金元社区's co-governance committee (issue 18): about 200 partner units of every kind (some contacts sealed with the
 * running product's key), 15 service posts claimed by units with a few months of occurrences (most checked in at the
 * post by their code, some recorded missed or called off, residents' ratings), two past meetings — the emergency
 * bridge over the landscape river (adopted, action items done, result published; the two residents' wishes that
 * asked for it resolved and rated by them) and the courtyard of 3栋 (adopted, under way; its two wishes accepted) —
 * and one upcoming meeting with registrations.
 * Only when the community has no partner units yet, so seeding twice adds nothing. Runs through the use cases as the
 * community admin (张丽), so every rule applies.
 */
export async function seedDemoCogovernance(db: Db, options: { now?: Date; cipher?: PersonalDataCipher } = {}) {
  const now = options.now ?? new Date();
  const cipher = options.cipher ?? demoCipher();
  const [unit] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed committee', (tx) => tx.select().from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  const [admin] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed committee', (tx) => tx.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.mobile, '13800000004')));
  if (!unit || !admin) return { created: 0 };
  const tenantId = unit.id;
  const [existing] = await withTenant(db, tenantId, (tx) => tx.select({ n: count() }).from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId)));
  if (existing!.n > 0) return { created: 0 };
  const ws = (await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed committee', (tx) => listWorkspaces(tx, admin.id))).find((w) => w.tenantId === tenantId);
  if (!ws) return { created: 0 };
  const actor = { userId: admin.id, displayName: admin.displayName, workspace: ws };
  const caller = { actor, ability: defineAbilityFor(actor) };
  const random = seededRandom(18);
  const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, tenantId, fn);
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);

  // Partner units.
  const rows: (typeof partnerUnits.$inferInsert)[] = [];
  let seq = 0;
  for (const k of KINDS) {
    for (let i = 0; i < k.n; i++) {
      const name = `${PLACES[seq % PLACES.length]}${k.names[i % k.names.length]}${i >= PLACES.length ? `（${Math.floor(i / PLACES.length) + 1}店）` : ''}`.replace('（1店）', '');
      seq++;
      const contact = random() < 0.6 ? `${['王', '李', '张', '刘', '陈', '罗'][seq % 6]}${['经理', '师傅', '老师', '书记'][seq % 4]}` : null;
      const mobile = contact ? `139${String(8500_0000 + seq * 37).padStart(8, '0')}` : null;
      rows.push({
        tenantId,
        name,
        kind: k.kind,
        address: `观山湖区金元路 ${1 + (seq % 120)} 号`,
        contactNameEnc: contact ? cipher.encrypt(contact) : null,
        contactNameHint: contact ? maskName(contact) : null,
        contactMobileEnc: mobile ? cipher.encrypt(mobile) : null,
        contactMobileHint: mobile ? maskMobile(mobile) : null,
        contactMobileIndex: mobile ? cipher.blindIndex('mobile', mobile) : null,
        offers: k.kind === 'individual_business' ? '为老人提供优惠和上门服务' : k.kind === 'party_org' ? '在职党员报到，参与社区志愿服务' : '参与社区共建活动',
        memberSince: `20${21 + (seq % 5)}-0${1 + (seq % 9)}-01`,
        partyMembersReported: k.kind === 'party_org' || k.kind === 'institution' ? 2 + (seq % 9) : seq % 3,
        createdBy: admin.id,
      });
    }
  }
  const units = await inJinyuan((tx) => tx.insert(partnerUnits).values(rows).onConflictDoNothing().returning({ id: partnerUnits.id, name: partnerUnits.name, kind: partnerUnits.kind }));
  const byKind = (kind: string) => units.filter((u) => u.kind === kind);
  const claimers = [byKind('institution')[0], byKind('institution')[3], byKind('institution')[0], byKind('individual_business')[0], byKind('individual_business')[1], ...byKind('enterprise').slice(0, 10)];

  // Service posts, claims, occurrences of the last four months and the next two.
  const start = day(-120);
  const claimedAt = new Date(`${start}T00:00:00+08:00`);
  for (const [i, [title, audience, recurrence, startTime, keywords]] of POSTS.entries()) {
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, caller, { title, audience, place: '金元社区党群服务中心', recurrence, startTime, capacity: 30, keywords }));
    // Claimed on that day, four months ago (a claim starts today at the earliest, decision 074).
    await inJinyuan((tx) => claimServicePost(tx, caller, { postId, partnerUnitId: claimers[i]!.id, claimedOn: start, now: claimedAt }));
  }
  // Generated at the claim, ahead of each occurrence (none is generated for a time already past).
  await inJinyuan((tx) => generateOccurrences(tx, caller, { from: start, to: day(60), now: claimedAt }));
  // The past ones: delivered ones checked in at the post by their code ten minutes after the start (the code issued,
  // then read, as the unit's people do), the others recorded missed or called off; residents rated about half the
  // delivered ones on the rating page.
  await inJinyuan(async (tx) => {
    const past = await tx.select({ id: serviceOccurrences.id, startsAt: serviceOccurrences.startsAt }).from(serviceOccurrences).where(and(eq(serviceOccurrences.tenantId, tenantId), lt(serviceOccurrences.startsAt, now))).orderBy(asc(serviceOccurrences.startsAt));
    for (const o of past) {
      const r = random();
      const status = r < 0.86 ? 'delivered' : r < 0.95 ? 'missed' : 'cancelled';
      if (status !== 'delivered') {
        await recordOccurrence(tx, caller, { occurrenceId: o.id, status, now });
        continue;
      }
      const { code } = await issueOccurrenceCode(tx, caller, { occurrenceId: o.id });
      await checkInOccurrence(tx, caller, { code, peopleServed: 8 + Math.floor(random() * 30), now: new Date(Math.min(o.startsAt.getTime() + 10 * 60_000, now.getTime())) });
      if (random() < 0.5) await rateOccurrence(tx, anonymousCaller(), { tenantId, occurrenceId: o.id, stars: random() < 0.8 ? 5 : 4 });
    }
  });

  // Meetings: the emergency bridge (done), the courtyard (under way), and one upcoming.
  // The residents' wishes behind the two past meetings, sent from the community's QR form weeks before each and
  // accepted by staff: two ask for a bridge over the landscape river, two for the courtyard of 3栋.
  // Meetings are held in the afternoon (China time), whatever the hour the seed runs at (issue 17's trial read 00:48).
  const meetingAt = (offsetDays: number) => chinaInstant(chinaDate(new Date(now.getTime() + offsetDays * DAY)), MEETING_TIME);
  const bridgeAt = meetingAt(-75);
  const courtyardAt = meetingAt(-30);
  const [category] = await inJinyuan((tx) => tx.select({ id: categories.id }).from(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.active, true))).orderBy(asc(categories.id)).limit(1));
  const deps = { cipher, storage: localPhotoStorage(path.join(tmpdir(), 'shequ-demo-cogovernance')) };
  const wishes: { id: string; trackingCode: string }[] = [];
  for (const [content, mobile, at] of [
    ['景观河把小区隔成两半，去河对岸的菜市场要绕一大圈，希望在河上修一座便桥，老人孩子走着也方便。', '13985260031', new Date(bridgeAt.getTime() - 40 * DAY)],
    ['下雨涨水时景观河边的小路被淹，只能绕远路，建议在景观河上建一座应急便桥。', '13985260032', new Date(bridgeAt.getTime() - 33 * DAY)],
    ['3栋后院地面坑洼不平，下雨就积水，希望把后院地面硬化一下，再放几张座椅。', '13985260033', new Date(courtyardAt.getTime() - 25 * DAY)],
    ['3栋后院杂草多，衣服被子没地方晒，希望改造后院，增设晾晒架。', '13985260034', new Date(courtyardAt.getTime() - 18 * DAY)],
  ] as const) {
    if (!category) break;
    const wish = await submitCase(db, anonymousCaller(), { tenantId, categoryId: category.id, content, consent: true, mobile, photos: [], channel: 'qr', deps }, at);
    await inJinyuan((tx) => acceptCase(tx, caller, { tenantId, caseId: wish.id }, new Date(at.getTime() + 3 * 3600_000)));
    wishes.push(wish);
  }
  const committee = [...byKind('institution').slice(0, 5), ...byKind('enterprise').slice(0, 4), ...byKind('social_org').slice(0, 3), ...byKind('party_org').slice(0, 3)].map((u) => u.id);
  async function holdMeeting(topic: string, title: string, caseIds: string[], at: Date, items: { title: string; owner: 'partner_unit' | 'team'; days: number; progress: number }[], result: string | null) {
    const matter = await inJinyuan((tx) => createMatter(tx, caller, caseIds.length ? { title, source: 'wish', caseIds } : { title, source: 'staff', caseIds: [] }));
    const { id: meetingId } = await inJinyuan((tx) => scheduleMeeting(tx, caller, { topic, startsAt: at, place: '金元社区议事长廊', capacity: 30, partnerUnitIds: committee, matterIds: [matter.id], now: new Date(at.getTime() - 7 * DAY) }));
    const page = await inJinyuan((tx) => getMeeting(tx, caller, { meetingId }));
    const voters = page.participants.filter((p) => p.voting).map((p) => p.id);
    await inJinyuan((tx) => recordAttendance(tx, caller, { meetingId, presentIds: voters.slice(0, 12), consentIds: voters.slice(0, 6), now: at }));
    const { decisionId } = await inJinyuan((tx) => decideAgendaItem(tx, caller, { itemId: page.items[0]!.id, outcome: 'adopted', votesFor: 11, votesAgainst: 0, votesAbstain: 1, notes: '各方充分讨论，一致认为应尽快实施。', decision: `同意${title}，由共建单位和社区共同实施。`, now: at }));
    await inJinyuan((tx) => draftMinutes(tx, caller, { meetingId, minutes: `${topic}会议纪要：应到 15 家，实到 12 家。议题“${title}”表决通过（赞成 11，弃权 1）。` }));
    await inJinyuan((tx) => approveMinutes(tx, caller, { meetingId, now: new Date(at.getTime() + DAY) }));
    for (const [i, item] of items.entries()) {
      const owner = item.owner === 'partner_unit' ? { ownerKind: 'partner_unit' as const, ownerPartnerUnitId: byKind('enterprise')[i]!.id } : { ownerKind: 'team' as const, ownerTeam: ACTION_TEAM };
      const { id } = await inJinyuan((tx) => addActionItem(tx, caller, { decisionId: decisionId!, title: item.title, ...owner, dueWorkingDays: item.days, now: new Date(at.getTime() + 8 * DAY) }));
      if (item.progress) await inJinyuan((tx) => reportActionProgress(tx, caller, { actionItemId: id, progress: item.progress, note: item.progress === 100 ? '已完成并验收' : '按计划推进', result: result ?? undefined, now: new Date(at.getTime() + 20 * DAY) }));
    }
    return meetingId;
  }
  await holdMeeting('共治委员会第三次协商会', '在景观河上修建应急便桥', wishes.slice(0, 2).map((w) => w.id), bridgeAt, [
    { title: '便桥设计与安全评估', owner: 'partner_unit', days: 10, progress: 100 },
    { title: '便桥施工与验收', owner: 'partner_unit', days: 30, progress: 100 },
  ], '景观河应急便桥已建成通行，两岸居民出行不再绕行，已组织验收。');
  // The bridge built, its two wishes were resolved with the result (reportActionProgress) and their residents rate
  // them on their tracking pages.
  for (const [i, wish] of wishes.slice(0, 2).entries()) {
    const rated = new Date(bridgeAt.getTime() + 22 * DAY);
    await inJinyuan((tx) => rateCase(tx, anonymousCaller(), { tenantId, code: wish.trackingCode, rating: i === 0 ? 5 : 4, comment: i === 0 ? '桥修好了，买菜近多了' : null }, rated));
  }
  await holdMeeting('共治委员会第四次协商会', '改造3栋后院', wishes.slice(2, 4).map((w) => w.id), courtyardAt, [
    { title: '后院地面硬化', owner: 'partner_unit', days: 30, progress: 60 },
    { title: '增设休闲座椅和晾晒架', owner: 'team', days: 40, progress: 0 },
  ], null);
  const upcoming = await inJinyuan(async (tx) => {
    const m1 = await createMatter(tx, caller, { title: '增设电动自行车充电桩', source: 'staff', caseIds: [] });
    const m2 = await createMatter(tx, caller, { title: '老旧小区加装电梯意见征集', source: 'unit', caseIds: [], partnerUnitId: byKind('enterprise')[1]!.id });
    return scheduleMeeting(tx, caller, { topic: '共治委员会第五次协商会', startsAt: meetingAt(10), place: '金元社区议事长廊', capacity: 12, partnerUnitIds: committee, matterIds: [m1.id, m2.id], now });
  });
  const page = await inJinyuan((tx) => getMeeting(tx, caller, { meetingId: upcoming.id }));
  for (const p of page.participants.filter((x) => x.voting).slice(0, 14)) await inJinyuan((tx) => registerParticipant(tx, caller, { meetingId: upcoming.id, participantId: p.id, now }));
  return { created: units.length };
}

/** Posts the community asks a party member to lead (党员先锋岗): the safety checks, anti-fraud talks, the after-school class, help for the disabled, waste sorting. */
const PARTY_LED_POSTS = new Set(['安全隐患排查', '反诈宣传', '四点半课堂', '助残服务', '垃圾分类指导']);

/**
 * Gives 金元社区's demo service posts their leaders (负责人, issue 18 with issue 16's party section): the five posts of
 * PARTY_LED_POSTS require a party-member leader and get one of the community's current party members; the others are
 * led by people of the register who are not party members. Through setServicePostLeader as the community admin, so
 * its checks apply. After seedDemoCogovernance (the posts) and seedDemoParty (the members); only when no post has a
 * leader yet, so seeding twice adds nothing. Output: `{ led }`, the number of posts given a leader.
 */
export async function seedDemoPostLeaders(db: Db) {
  const [unit] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed post leaders', (tx) => tx.select().from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  const [admin] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed post leaders', (tx) => tx.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.mobile, '13800000004')));
  if (!unit || !admin) return { led: 0 };
  const tenantId = unit.id;
  const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, tenantId, fn);
  const posts = await inJinyuan((tx) => tx.select({ id: servicePosts.id, title: servicePosts.title, leader: servicePosts.leaderResidentId }).from(servicePosts).where(eq(servicePosts.tenantId, tenantId)).orderBy(asc(servicePosts.createdAt), asc(servicePosts.id)));
  if (!posts.length || posts.some((p) => p.leader)) return { led: 0 };
  const members = await inJinyuan((tx) =>
    tx
      .select({ id: partyMembers.residentId })
      .from(partyMembers)
      .innerJoin(residents, and(eq(residents.tenantId, partyMembers.tenantId), eq(residents.id, partyMembers.residentId)))
      .where(and(eq(partyMembers.tenantId, tenantId), isNull(partyMembers.leftAt), eq(residents.status, 'active')))
      .orderBy(asc(partyMembers.residentId)),
  );
  if (!members.length) return { led: 0 };
  const others = await inJinyuan((tx) =>
    tx
      .select({ id: residents.id })
      .from(residents)
      .where(and(eq(residents.tenantId, tenantId), eq(residents.status, 'active'), isNotNull(residents.birth), notInArray(residents.id, members.map((m) => m.id))))
      .orderBy(asc(residents.id))
      .limit(posts.length),
  );
  const ws = (await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed post leaders', (tx) => listWorkspaces(tx, admin.id))).find((w) => w.tenantId === tenantId);
  if (!ws) return { led: 0 };
  const actor = { userId: admin.id, displayName: admin.displayName, workspace: ws };
  const caller = { actor, ability: defineAbilityFor(actor) };
  let led = 0;
  for (const [i, post] of posts.entries()) {
    const partyLed = PARTY_LED_POSTS.has(post.title);
    // Spread over the members from the back (the volunteer teams' leaders are taken from the front).
    const leader = partyLed ? members[members.length - 1 - (i % members.length)]!.id : (others[i % Math.max(1, others.length)]?.id ?? members[i % members.length]!.id);
    await inJinyuan((tx) => setServicePostLeader(tx, caller, { postId: post.id, leaderResidentId: leader, requiresPartyLeader: partyLed }));
    led++;
  }
  return { led };
}

/**
 * Links some of 金元社区's 在职报到 party members to partner units (issue 18, decision 057): the first twelve reporting
 * members, two each to the first six public institutions and units' party organisations, so the partners page shows
 * a unit's party members beside the count it gave. Only when no member is linked yet; after the party organisation
 * and the committee are seeded. Writes as the seed does (the link's use case is setPartyMemberUnit).
 */
export async function seedDemoUnitPartyMembers(db: Db) {
  const [unit] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed unit party members', (tx) => tx.select().from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  if (!unit) return { linked: 0 };
  const tenantId = unit.id;
  return withTenant(db, tenantId, async (tx) => {
    const [already] = await tx.select({ n: count() }).from(partyMembers).where(and(eq(partyMembers.tenantId, tenantId), isNotNull(partyMembers.partnerUnitId)));
    if (already && already.n > 0) return { linked: 0 };
    const units = (await tx.select({ id: partnerUnits.id, name: partnerUnits.name, kind: partnerUnits.kind }).from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId)).orderBy(asc(partnerUnits.name)))
      .filter((u) => u.kind === 'institution' || u.kind === 'party_org')
      .slice(0, 6);
    const members = await tx
      .select({ id: partyMembers.id })
      .from(partyMembers)
      .where(and(eq(partyMembers.tenantId, tenantId), isNull(partyMembers.leftAt), eq(partyMembers.kind, 'reporting')))
      .orderBy(asc(partyMembers.id))
      .limit(units.length * 2);
    let linked = 0;
    for (const [i, m] of members.entries()) {
      const u = units[Math.floor(i / 2)]!;
      await tx.update(partyMembers).set({ partnerUnitId: u.id, workUnit: u.name.slice(0, 60) }).where(and(eq(partyMembers.tenantId, tenantId), eq(partyMembers.id, m.id)));
      linked++;
    }
    return { linked };
  });
}
