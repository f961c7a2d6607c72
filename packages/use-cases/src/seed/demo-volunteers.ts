import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { categories, type Db, orgUnits, partyMembers, partyOrgs, residents, SYSTEM_SCOPES, type Tx, users, volunteerTeams, withSystem, withTenant } from '@shequ/db';
import { ageOn, chinaDate, chinaInstant } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import { listWorkspaces } from '../auth/workspaces.ts';
import { acceptCase } from '../cases/accept-case.ts';
import { anonymousCaller, type StaffCaller } from '../caller.ts';
import { submitCase } from '../cases/submit-case.ts';
import { addPartyMember } from '../party/add-party-member.ts';
import { localPhotoStorage } from '../storage/photo-storage.ts';
import { closeActivity } from '../volunteers/close-activity.ts';
import { applyToTeam } from '../volunteers/apply-to-team.ts';
import { approveShiftHours } from '../volunteers/approve-shift-hours.ts';
import { checkInFromList } from '../volunteers/check-in-from-list.ts';
import { checkOutFromList } from '../volunteers/check-out-from-list.ts';
import { createActivity } from '../volunteers/create-activity.ts';
import { createVolunteerTeam } from '../volunteers/create-volunteer-team.ts';
import { decideTeamApplication } from '../volunteers/decide-team-application.ts';
import { decideRecognition } from '../volunteers/decide-recognition.ts';
import { nominateVolunteer } from '../volunteers/nominate-volunteer.ts';
import { registerVolunteer } from '../volunteers/register-volunteer.ts';
import { claimWish } from '../volunteers/claim-wish.ts';
import { confirmWishLit } from '../volunteers/confirm-wish-lit.ts';
import { publishWishOnWall } from '../volunteers/publish-wish-on-wall.ts';
import { signUpForShift } from '../volunteers/sign-up-for-shift.ts';
import { updateVolunteerSettings } from '../volunteers/update-volunteer-settings.ts';
import { demoCipher } from './demo-residents.ts';
import { seededRandom } from './seeded-random.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** 金元社区's eight teams: name, focus, and the activities they run (titles, places). */
/**
 * An activity of the demo: title, place, start (China time, HH:MM) and hours — each at the time of day it is really
 * held (issue 17's outside trial read 夜间治安巡逻 at 09:00, and 重阳节文艺汇演 in December: no activity here is tied
 * to a festival's date, since the seed runs on any day).
 */
export type DemoActivity = [title: string, place: string, start: string, hours: number];

/**
 * 金元社区's eight teams and what each does. On a team's day of the week (seedDemoVolunteers) its activity is the only
 * one, except 法律服务队 after 金元先锋队 and 文体活动队 after 银龄互助队 on the same days: their activities begin once
 * the morning ones have ended, so nobody serves two at once.
 */
export const DEMO_TEAMS: { name: string; focus: string; activities: DemoActivity[] }[] = [
  { name: '金元先锋队', focus: '党员先锋、急难险重', activities: [['楼道杂物清理', '1–3栋楼道', '08:00', 6], ['防汛值守', '景观河步道', '08:00', 6], ['疫苗接种引导', '社区卫生服务站', '08:00', 6]] },
  { name: '银龄互助队', focus: '一老：陪伴独居老人、助餐送餐', activities: [['独居老人陪伴', '金元敬老服务站', '08:30', 6], ['助餐送餐', '养老服务站', '09:00', 6], ['老人手机课堂', '党群服务中心', '09:00', 3]] },
  { name: '红领巾服务队', focus: '一小：四点半课堂、亲子活动', activities: [['四点半课堂', '党群服务中心', '16:30', 2], ['儿童菜园日', '社区菜园', '09:00', 6], ['亲子阅读会', '社区书屋', '09:00', 3]] },
  { name: '平安巡逻队', focus: '治安巡逻、反诈宣传', activities: [['夜间治安巡逻', '金元社区各楼栋', '19:00', 6], ['反诈宣传', '社区广场', '09:00', 6], ['消防隐患排查', '4–6栋', '08:30', 6]] },
  { name: '文明劝导队', focus: '文明养犬、停车劝导', activities: [['文明停车劝导', '东门', '07:00', 6], ['文明养犬宣传', '中心花园', '09:00', 6], ['垃圾分类指导', '各垃圾分类点', '07:00', 6]] },
  { name: '环境保护队', focus: '环境整治、绿化养护', activities: [['景观河清洁', '景观河', '08:00', 6], ['绿化带补种', '7–9栋绿化带', '08:00', 6], ['小广告清理', '10–12栋', '08:30', 6]] },
  { name: '法律服务队', focus: '法律咨询、矛盾调解', activities: [['法律咨询进社区', '党群服务中心', '14:30', 4], ['邻里纠纷调解', '议事长廊', '14:30', 4], ['普法讲座', '社区大讲堂', '15:00', 2]] },
  { name: '文体活动队', focus: '文体活动、节日活动', activities: [['广场舞教学', '社区广场', '19:00', 2], ['敬老文艺汇演', '社区大讲堂', '15:00', 4], ['书法兴趣班', '老年学校', '15:30', 3]] },
];
const TEAMS = DEMO_TEAMS;

/**
 * 金元社区's volunteer service (issue 17): the eight teams, each led by a party member of the register (the first
 * by the demo volunteer-team leader 周敏's console account), about 60 volunteers from the register (adults; consent
 * recorded) who joined teams, 10 weeks of past activities (one a week per team, four to six hours, China time; nobody
 * in two at once) with hours
 * checked in and out by the leader and approved — a few regulars pass 100 and 300 hours — and one activity of each
 * team in the coming days with open places and some sign-ups. Through the use cases as the community admin (张丽),
 * so every rule applies; the community's certificate signatory is set; two 金元之星 of this year on the honour wall;
 * three wishes on the wish wall (one lit, one claimed, one waiting); a resident's wish ("希望小区多组织小朋友开展活动")
 * answered by a children's vegetable-garden day, closed with its report, which resolved the wish.
 * Only when the community has no team yet.
 * After seedDemoResidents and seedDemoParty (leaders are party members).
 */
export async function seedDemoVolunteers(db: Db, options: { now?: Date; weeks?: number; volunteers?: number } = {}) {
  const now = options.now ?? new Date();
  const weeks = options.weeks ?? 10;
  const [unit] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed volunteers', (tx) => tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  const people = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed volunteers', (tx) =>
    tx.select({ id: users.id, displayName: users.displayName, mobile: users.mobile }).from(users).where(inArray(users.mobile, ['13800000004', '13800000007'])),
  );
  const admin = people.find((p) => p.mobile === '13800000004');
  const leaderUser = people.find((p) => p.mobile === '13800000007');
  if (!unit || !admin) return { teams: 0, volunteers: 0, shifts: 0 };
  const tenantId = unit.id;
  const inJinyuan = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(db, tenantId, fn);
  const [existing] = await inJinyuan((tx) => tx.select({ n: count() }).from(volunteerTeams).where(eq(volunteerTeams.tenantId, tenantId)));
  if (existing!.n > 0) return { teams: 0, volunteers: 0, shifts: 0 };
  const staffOf = async (user: { id: string; displayName: string }): Promise<StaffCaller | null> => {
    const ws = (await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed volunteers', (tx) => listWorkspaces(tx, user.id))).find((w) => w.tenantId === tenantId);
    if (!ws) return null;
    const actor = { userId: user.id, displayName: user.displayName, workspace: ws };
    return { actor, ability: defineAbilityFor(actor) };
  };
  const caller = (await staffOf(admin))!;
  const leader = leaderUser ? await staffOf(leaderUser) : null;
  const random = seededRandom(17);
  const today = chinaDate(now);

  await inJinyuan((tx) =>
    updateVolunteerSettings(tx, caller, {
      roundingMinutes: 30,
      roundingMode: 'down',
      graceMinutes: 30,
      earlyMinutes: 30,
      secondApprovalMinutes: 240,
      cancelCutoffHours: 2,
      confirmAskHours: 24,
      confirmCloseHours: 3,
      reminderMinutes: 120,
      starHours: [100, 300, 600, 1000, 1500],
      certificatePersonInCharge: '张丽',
      certificateContact: '0851-8479 2026',
    }),
  );

  // Leaders: party members of the register (one added to the general branch for each missing).
  const register = await inJinyuan((tx) => tx.select({ id: residents.id, birth: residents.birth }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.status, 'active'))).orderBy(asc(residents.createdAt)));
  const adults = register.filter((r) => r.birth && ageOn(r.birth, today) >= 20 && ageOn(r.birth, today) < 72);
  const members = await inJinyuan((tx) =>
    tx
      .select({ residentId: partyMembers.residentId })
      .from(partyMembers)
      .innerJoin(residents, and(eq(residents.tenantId, partyMembers.tenantId), eq(residents.id, partyMembers.residentId)))
      .where(and(eq(partyMembers.tenantId, tenantId), isNull(partyMembers.leftAt), eq(residents.status, 'active')))
      .orderBy(asc(partyMembers.residentId)),
  );
  const leaders = members.map((m) => m.residentId).filter((id) => adults.some((a) => a.id === id));
  if (leaders.length < TEAMS.length) {
    const [root] = await inJinyuan((tx) => tx.select({ id: partyOrgs.id }).from(partyOrgs).where(and(eq(partyOrgs.tenantId, tenantId), eq(partyOrgs.kind, 'general_branch'))).limit(1));
    if (!root) return { teams: 0, volunteers: 0, shifts: 0 };
    for (const a of adults) {
      if (leaders.length >= TEAMS.length) break;
      if (leaders.includes(a.id)) continue;
      await inJinyuan((tx) => addPartyMember(tx, caller, { residentId: a.id, orgId: root.id, kind: 'local' }));
      leaders.push(a.id);
    }
  }

  // Volunteers: the leaders and about 60 more adults of the register, consent recorded in person.
  const pool = [...new Set([...leaders.slice(0, TEAMS.length), ...adults.filter((a) => !leaders.includes(a.id)).map((a) => a.id)])].slice(0, (options.volunteers ?? 60) + TEAMS.length);
  for (const [i, residentId] of pool.entries()) {
    await inJinyuan((tx) => registerVolunteer(tx, caller, { residentId, consent: true, skills: i % 3 === 0 ? ['急救'] : i % 3 === 1 ? ['陪伴', '讲解'] : ['维修'], showOnWall: i % 4 !== 3 || (i >= TEAMS.length && i < TEAMS.length + 2), now: new Date(now.getTime() - (weeks + 2) * 7 * DAY) }));
  }
  const teamIds: string[] = [];
  for (const [i, team] of TEAMS.entries()) {
    const teamCaller = i === 0 && leader ? leader : caller;
    const { id } = await inJinyuan((tx) => createVolunteerTeam(tx, caller, { name: team.name, focus: team.focus, leaderResidentId: leaders[i]!, leaderUserId: i === 0 && leaderUser ? leaderUser.id : null, recruiting: true }));
    teamIds.push(id);
    // Members: the leader and every eighth volunteer from this team's offset; they applied, the leader accepted.
    const mine = pool.filter((_, j) => j % TEAMS.length === i);
    for (const residentId of mine) {
      await inJinyuan(async (tx) => {
        await applyToTeam(tx, caller, { teamId: id, residentId });
        await decideTeamApplication(tx, teamCaller, { teamId: id, residentId, accept: true });
      });
    }
  }

  // Past activities: one a week per team, each at its own time of day (DEMO_TEAMS), half of their members and
  // a few regulars who come to nearly everything (so some pass 100 and 300 hours).
  const regulars = pool.slice(TEAMS.length, TEAMS.length + 5);
  // The first two come to about nine shifts in ten: past 300 hours in the ten weeks (a week offers up to 44 hours).
  const share = [0.92, 0.88, 0.5, 0.3, 0.25];
  let shifts = 0;
  for (let w = weeks; w >= 1; w--) {
    for (const [i, team] of TEAMS.entries()) {
      const day = new Date(now.getTime() - w * 7 * DAY + (i % 6) * DAY);
      // Six days a week; the last two teams after the morning ones of their day, so nobody serves two shifts at once.
      const [title, place, at, hours] = team.activities[(weeks - w) % team.activities.length]!;
      const start = chinaInstant(chinaDate(day), at);
      const end = new Date(start.getTime() + hours * HOUR);
      if (end.getTime() >= now.getTime()) continue;
      const teamCaller = i === 0 && leader ? leader : caller;
      const members = pool.filter((_, j) => j % TEAMS.length === i);
      const coming = [...new Set([...regulars.filter((_, k) => random() < share[k]!), ...members.filter(() => random() < 0.5)])].slice(0, 10);
      await inJinyuan(async (tx) => {
        const published = new Date(start.getTime() - 7 * DAY);
        const { shiftIds } = await createActivity(tx, teamCaller, { teamId: teamIds[i]!, title, place, audience: i === 1 ? '一老' : i === 2 ? '一小' : '全体居民', shifts: [{ startsAt: start, endsAt: end, capacity: 12 }], publish: true, now: published });
        for (const residentId of coming) {
          const signup = await signUpForShift(tx, teamCaller, { shiftId: shiftIds[0]!, residentId, now: new Date(published.getTime() + HOUR) });
          await checkInFromList(tx, teamCaller, { signupId: signup.id, now: new Date(start.getTime() - 10 * 60_000) });
          await checkOutFromList(tx, teamCaller, { signupId: signup.id, now: new Date(end.getTime() + 5 * 60_000) });
        }
        const { ownLeft } = await approveShiftHours(tx, teamCaller, { shiftId: shiftIds[0]!, now: new Date(end.getTime() + 2 * HOUR) });
        // The leader's own hours are left for the office (approveShiftHours): the admin approves them the same evening,
        // so the demo's leaders have their hours and teams like everyone else (罗家豪 read 5 services, 0 h and no team).
        if (ownLeft > 0) await approveShiftHours(tx, caller, { shiftId: shiftIds[0]!, now: new Date(end.getTime() + 3 * HOUR) });
      });
      shifts += 1;
    }
  }

  // A resident's wish answered by an activity (issue 17's example): "希望小区多组织小朋友开展活动" became a children's
  // vegetable-garden day of 红领巾服务队 eight days ago (a day no weekly shift uses), closed with its report, which
  // resolved the wish and told the resident.
  const [category] = await inJinyuan((tx) => tx.select({ id: categories.id }).from(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.active, true))).orderBy(asc(categories.id)).limit(1));
  if (category) {
    const deps = { cipher: demoCipher(), storage: localPhotoStorage(path.join(tmpdir(), 'shequ-demo-volunteers')) };
    const gardenDay = new Date(`${chinaDate(new Date(now.getTime() - 8 * DAY))}T09:30:00+08:00`);
    const asked = new Date(gardenDay.getTime() - 20 * DAY);
    const wish = await submitCase(db, anonymousCaller(), { tenantId, categoryId: category.id, content: '希望小区多组织小朋友开展活动，周末孩子们没地方玩。', consent: true, mobile: '13985260017', photos: [], channel: 'qr', deps }, asked);
    await inJinyuan((tx) => acceptCase(tx, caller, { tenantId, caseId: wish.id }, new Date(asked.getTime() + 2 * HOUR)));
    const end = new Date(gardenDay.getTime() + 2.5 * HOUR);
    const kids = pool.filter((_, j) => j % TEAMS.length === 2).slice(0, 6);
    await inJinyuan(async (tx) => {
      const published = new Date(gardenDay.getTime() - 10 * DAY);
      const { id: activityId, shiftIds } = await createActivity(tx, caller, { teamId: teamIds[2]!, title: '儿童菜园日', description: '带小朋友认识蔬菜、松土播种，每个家庭认领一小块菜地。', place: '社区菜园', audience: '一小', wishCaseId: wish.id, shifts: [{ startsAt: gardenDay, endsAt: end, capacity: 10 }], publish: true, now: published });
      for (const residentId of kids) {
        const signup = await signUpForShift(tx, caller, { shiftId: shiftIds[0]!, residentId, now: new Date(published.getTime() + HOUR) });
        await checkInFromList(tx, caller, { signupId: signup.id, now: new Date(gardenDay.getTime() - 10 * 60_000) });
        await checkOutFromList(tx, caller, { signupId: signup.id, now: new Date(end.getTime() + 5 * 60_000) });
      }
      await approveShiftHours(tx, caller, { shiftId: shiftIds[0]!, now: new Date(end.getTime() + HOUR) });
      await closeActivity(tx, caller, { activityId, report: '12 个家庭参加，孩子们种下了青菜和萝卜，约定每周六上午来浇水。', now: new Date(end.getTime() + 2 * HOUR) });
    });
    shifts += 1;
  }

  // This month: one activity of each team in the coming days, open for sign-up, a few places taken; its time of day
  // split in two shifts back to back (the first keeps places for walk-ups).
  for (const [i, team] of TEAMS.entries()) {
    const day = new Date(now.getTime() + (2 + i) * DAY);
    const [title, place, at, hours] = team.activities[i % team.activities.length]!;
    const start = chinaInstant(chinaDate(day), at);
    const half = new Date(start.getTime() + (hours / 2) * HOUR);
    const teamCaller = i === 0 && leader ? leader : caller;
    const members = pool.filter((_, j) => j % TEAMS.length === i);
    await inJinyuan(async (tx) => {
      const { shiftIds } = await createActivity(tx, teamCaller, {
        teamId: teamIds[i]!,
        title,
        place,
        audience: i === 1 ? '一老' : i === 2 ? '一小' : '全体居民',
        shifts: [
          { startsAt: start, endsAt: half, capacity: 12, reserved: 2 },
          { startsAt: half, endsAt: new Date(start.getTime() + hours * HOUR), capacity: 8 },
        ],
        publish: true,
        now,
      });
      for (const residentId of members.slice(0, 4)) await signUpForShift(tx, teamCaller, { shiftId: shiftIds[0]!, residentId, now });
    });
    shifts += 2;
  }
  // Two 金元之星 of this year on the honour wall: nominated by the social worker (陈晓), decided by the admin.
  const [socialWorker] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed volunteers', (tx) => tx.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.mobile, '13800000005')));
  const nominator = socialWorker ? await staffOf(socialWorker) : null;
  if (nominator) {
    const citations = ['常年坚持为独居老人送餐、陪伴聊天，风雨无阻；防汛期间连续值守景观河步道。', '组织四点半课堂和儿童菜园日，带动十余户家庭参与社区志愿服务。'];
    for (const [k, residentId] of regulars.slice(0, 2).entries()) {
      await inJinyuan(async (tx) => {
        const { id } = await nominateVolunteer(tx, nominator, { residentId, title: '金元之星', year: Number(today.slice(0, 4)), citation: citations[k]! });
        await decideRecognition(tx, caller, { recognitionId: id, approve: true, note: `共治委员会 ${today.slice(0, 4)} 年第 4 次会议`, now });
      });
    }
  }
  // Three wishes on the wish wall: one lit with the child's thanks, one claimed, one waiting.
  const wishes: [string, string][] = [
    ['想要几本绘本', '一位上二年级的小朋友喜欢读书，家里没有课外书，想要几本绘本。'],
    ['希望有人教老人用手机挂号', '一位独居老人想学会用智能手机在医院公众号上挂号。'],
    ['想有人陪着去买菜', '一位腿脚不便的老人希望每周有人陪她去菜场买一次菜。'],
  ];
  const itemIds: string[] = [];
  for (const [title, publicText] of wishes) itemIds.push((await inJinyuan((tx) => publishWishOnWall(tx, caller, { title, publicText }))).id);
  await inJinyuan(async (tx) => {
    await claimWish(tx, { kind: 'volunteer', tenantId, residentId: regulars[0]! }, { itemId: itemIds[0]!, promisedOn: chinaDate(new Date(now.getTime() + 3 * DAY)), now: new Date(now.getTime() - 5 * DAY) });
    await confirmWishLit(tx, caller, { itemId: itemIds[0]!, thanks: '谢谢叔叔阿姨，我每天晚上都读一本！', now: new Date(now.getTime() - 2 * DAY) });
    await claimWish(tx, { kind: 'volunteer', tenantId, residentId: regulars[1]! }, { itemId: itemIds[1]!, promisedOn: chinaDate(new Date(now.getTime() + 5 * DAY)), now });
  });
  return { teams: TEAMS.length, volunteers: pool.length, shifts };
}
