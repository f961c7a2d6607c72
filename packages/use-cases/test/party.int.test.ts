import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { grids, orgUnits, partyMembers, volunteerHourApprovals, volunteerHours, volunteers, volunteerTeams, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { addPartyMember, addPartyMemberByNumber, countPartyService, createPartyOrg, isPartyMember, listPartyMembers, listPartyOrgs, moveOutResident, registerResident, removePartyMember } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { seedDemoParty, seedDemoResidents } from '../src/seed/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 16: the community's party organisation (党总支 / 党支部 / 网格党小组 on grids), members from the register with
// 在职党员报到, isPartyMember for features that need a party member as leader, other communities seeing nothing.
const db = seededDatabase();
const cipher = createPersonalDataCipher('3a'.repeat(32));
const NOW = new Date('2026-11-29T03:00:00Z');
const unitId = async (code: string) => (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, code)))[0]!.id;
async function staffOf(mobile: string, community: string) {
  const tenantId = await unitId(community);
  const actor = await db.actorFor(mobile, tenantId);
  return { tenantId, caller: { actor, ability: defineAbilityFor(actor) } };
}

describe('the party organisation', () => {
  it('seeds 金元社区’s party organisation from the register once', async () => {
    await seedDemoResidents(db.owner, { people: 120, cipher, now: NOW });
    const first = await seedDemoParty(db.owner, { now: NOW });
    expect(first.orgs).toBeGreaterThanOrEqual(1 + 1 + 4);
    expect(first.members).toBeGreaterThan(0);
    expect(await seedDemoParty(db.owner, { now: NOW })).toEqual({ orgs: 0, members: 0 });
    const tenantId = await unitId('520115001001');
    const rows = await withTenant(db.owner, tenantId, (tx) => tx.select().from(partyMembers));
    expect(rows.some((r) => r.kind === 'reporting' && r.workUnit)).toBe(true);
  });

  it('builds 党总支 › 党支部 › 网格党小组 on a grid, and refuses a wrong shape', async () => {
    const { tenantId, caller } = await staffOf('13800000004', '520115001001');
    const inJ = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
    const [grid] = await inJ((tx) => tx.select({ id: grids.id }).from(grids).limit(1));
    const root = await inJ((tx) => createPartyOrg(tx, caller, { kind: 'general_branch', name: '测试党总支' }));
    const branch = await inJ((tx) => createPartyOrg(tx, caller, { kind: 'branch', name: '测试第一党支部', parentId: root.id }));
    const group = await inJ((tx) => createPartyOrg(tx, caller, { kind: 'grid_group', name: '测试网格党小组', parentId: branch.id, gridId: grid!.id }));
    expect(await refusal(inJ((tx) => createPartyOrg(tx, caller, { kind: 'grid_group', name: '没有网格', parentId: branch.id })))).toBe('party.org.grid');
    expect(await refusal(inJ((tx) => createPartyOrg(tx, caller, { kind: 'grid_group', name: '挂错上级', parentId: root.id, gridId: grid!.id })))).toBe('party.org.parent');
    expect(await refusal(inJ((tx) => createPartyOrg(tx, caller, { kind: 'branch', name: '没有上级' })))).toBe('party.org.parent');
    expect(await refusal(inJ((tx) => createPartyOrg(tx, caller, { kind: 'branch', name: '测试第一党支部', parentId: root.id })))).toBe('party.org.taken');
    const tree = await inJ((tx) => listPartyOrgs(tx, caller));
    const mine = tree.filter((o) => o.name.startsWith('测试'));
    expect(mine.map((o) => [o.name, o.depth])).toEqual([['测试党总支', 0], ['测试第一党支部', 1], ['测试网格党小组', 2]]);
    expect(mine[2]!.gridName).toBeTruthy();

    // Members come from the register; 在职党员报到 needs the unit they work at.
    const person = await inJ((tx) => registerResident(tx, caller, { name: '党员甲', mobile: '13908519001', consent: true, consentChannel: 'in_person', cipher, now: NOW }));
    const other = await inJ((tx) => registerResident(tx, caller, { name: '群众乙', consent: true, consentChannel: 'in_person', cipher, now: NOW }));
    expect(await refusal(inJ((tx) => addPartyMember(tx, caller, { residentId: person.id, orgId: group.id, kind: 'reporting' })))).toBe('party.member.workUnit');
    const member = await inJ((tx) => addPartyMember(tx, caller, { residentId: person.id, orgId: group.id, kind: 'reporting', workUnit: '观山湖区人民医院', reportedOn: '2026-03-05' }));
    expect(await refusal(inJ((tx) => addPartyMember(tx, caller, { residentId: person.id, orgId: branch.id })))).toBe('party.member.already');
    expect(await inJ((tx) => isPartyMember(tx, caller, { residentId: person.id }))).toBe(true);
    expect(await inJ((tx) => isPartyMember(tx, caller, { residentId: other.id }))).toBe(false);
    const listed = await inJ((tx) => listPartyMembers(tx, caller, { orgId: group.id }));
    expect(listed).toEqual([expect.objectContaining({ residentId: person.id, nameHint: '党**', orgName: '测试网格党小组', kind: 'reporting', workUnit: '观山湖区人民医院', reportedOn: '2026-03-05' })]);
    expect((await inJ((tx) => listPartyOrgs(tx, caller))).find((o) => o.id === group.id)).toMatchObject({ members: 1, reporting: 1, reported: 1 });

    // A grid worker may ask whether someone is a party member (for a team leader) but not keep the organisation.
    const grid1 = await staffOf('13800000006', '520115001001');
    expect(await withTenant(db.app, tenantId, (tx) => isPartyMember(tx, grid1.caller, { residentId: person.id }))).toBe(true);
    expect(await refusal(withTenant(db.app, tenantId, (tx) => createPartyOrg(tx, grid1.caller, { kind: 'branch', name: '越权支部', parentId: root.id })))).toBe('forbidden');
    expect(await refusal(withTenant(db.app, tenantId, (tx) => listPartyOrgs(tx, grid1.caller)))).toBe('forbidden');

    // Another community sees nothing of it and cannot use its ids.
    const bihai = await staffOf('13800000005', '520115001002');
    expect(await withTenant(db.app, bihai.tenantId, (tx) => isPartyMember(tx, bihai.caller, { residentId: person.id }))).toBe(false);
    expect(await withTenant(db.app, bihai.tenantId, (tx) => listPartyMembers(tx, bihai.caller))).toEqual([]);
    expect(await refusal(withTenant(db.app, bihai.tenantId, (tx) => addPartyMember(tx, bihai.caller, { residentId: person.id, orgId: group.id })))).toBe('resident.notFound');
    expect(await refusal(withTenant(db.app, bihai.tenantId, (tx) => removePartyMember(tx, bihai.caller, { memberId: member.id })))).toBe('party.member.notFound');

    // Moving out or transferring out ends membership for the pickers.
    await inJ((tx) => moveOutResident(tx, caller, { residentId: person.id, now: NOW }));
    expect(await inJ((tx) => isPartyMember(tx, caller, { residentId: person.id }))).toBe(false);
    await inJ((tx) => removePartyMember(tx, caller, { memberId: member.id }));
    expect(await refusal(inJ((tx) => removePartyMember(tx, caller, { memberId: member.id })))).toBe('party.member.notFound');
  });

  it('adds a member found by an exact mobile or ID number (the party page’s form), and refuses unknown, shared and foreign numbers', async () => {
    const { tenantId, caller } = await staffOf('13800000004', '520115001001');
    const inJ = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
    const org = await inJ((tx) => createPartyOrg(tx, caller, { kind: 'general_branch', name: '按号码党总支' }));
    const person = await inJ((tx) => registerResident(tx, caller, { name: '报到丙', mobile: '13908519101', idNumber: '520115198001010015', consent: true, consentChannel: 'in_person', cipher, now: NOW }));
    const added = await inJ((tx) => addPartyMemberByNumber(tx, caller, { orgId: org.id, person: ' 139 0851 9101 ', kind: 'reporting', workUnit: '贵阳市第一中学', reportedOn: '2026-06-01', cipher }));
    expect(added.residentId).toBe(person.id);
    expect(await inJ((tx) => listPartyMembers(tx, caller, { orgId: org.id }))).toEqual([expect.objectContaining({ residentId: person.id, kind: 'reporting', workUnit: '贵阳市第一中学' })]);
    // By ID number: the same person is already a member.
    expect(await refusal(inJ((tx) => addPartyMemberByNumber(tx, caller, { orgId: org.id, person: '520115198001010015', cipher })))).toBe('party.member.already');
    expect(await refusal(inJ((tx) => addPartyMemberByNumber(tx, caller, { orgId: org.id, person: '13908519999', cipher })))).toBe('party.member.person');
    expect(await refusal(inJ((tx) => addPartyMemberByNumber(tx, caller, { orgId: org.id, person: '王', cipher })))).toBe('party.member.person');
    // Two people sharing a number: the ID number is needed.
    await inJ((tx) => registerResident(tx, caller, { name: '共用甲', mobile: '13908519102', consent: true, consentChannel: 'in_person', cipher, now: NOW }));
    await inJ((tx) => registerResident(tx, caller, { name: '共用乙', mobile: '13908519102', sharedMobile: true, consent: true, consentChannel: 'in_person', cipher, now: NOW }));
    expect(await refusal(inJ((tx) => addPartyMemberByNumber(tx, caller, { orgId: org.id, person: '13908519102', cipher })))).toBe('party.member.shared');
    // Another community: the organisation is unknown there, whatever number is typed.
    const bihai = await staffOf('13800000005', '520115001002');
    expect(await refusal(withTenant(db.app, bihai.tenantId, (tx) => addPartyMemberByNumber(tx, bihai.caller, { orgId: org.id, person: '13908519101', cipher })))).toBe('party.org.notFound');
  });

  it('counts party members’ approved volunteer hours of the year, per member and per organisation (pending, reversed and other years not)', async () => {
    const { tenantId, caller } = await staffOf('13800000004', '520115001001');
    const inJ = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
    const org = await inJ((tx) => createPartyOrg(tx, caller, { kind: 'general_branch', name: '服务统计党总支' }));
    const serving = await inJ((tx) => registerResident(tx, caller, { name: '服务丁', consent: true, consentChannel: 'in_person', cipher, now: NOW }));
    const idle = await inJ((tx) => registerResident(tx, caller, { name: '未服务戊', consent: true, consentChannel: 'in_person', cipher, now: NOW }));
    const member = await inJ((tx) => addPartyMember(tx, caller, { residentId: serving.id, orgId: org.id }));
    await inJ((tx) => addPartyMember(tx, caller, { residentId: idle.id, orgId: org.id }));
    // The hour ledger written as the volunteer features write it: entries, a leader's approval, a reversal.
    await withTenant(db.owner, tenantId, async (tx) => {
      await tx.insert(volunteers).values({ tenantId, residentId: serving.id, consentOn: '2026-01-01' });
      const [team] = await tx.insert(volunteerTeams).values({ tenantId, name: '服务统计队', leaderResidentId: serving.id }).returning({ id: volunteerTeams.id });
      const entry = async (minutes: number, servedFrom: string, approved: boolean) => {
        const [row] = await tx.insert(volunteerHours).values({ tenantId, residentId: serving.id, teamId: team!.id, minutes, evidence: 'leader', servedFrom: new Date(servedFrom) }).returning({ id: volunteerHours.id });
        if (approved) await tx.insert(volunteerHourApprovals).values({ tenantId, entryId: row!.id, step: 'leader', approvedBy: caller.actor.userId });
        return row!.id;
      };
      await entry(120, '2026-03-01T02:00:00Z', true);
      await entry(90, '2026-05-01T02:00:00Z', true);
      await entry(60, '2026-06-01T02:00:00Z', false); // pending
      await entry(45, '2025-12-31T15:30:00Z', true); // 2025-12-31 23:30 in China: last year
      const reversed = await entry(30, '2026-07-01T02:00:00Z', true);
      await tx.insert(volunteerHours).values({ tenantId, residentId: serving.id, teamId: team!.id, minutes: -30, evidence: 'leader', reversesId: reversed, reason: '重复记录' });
    });
    const service = await inJ((tx) => countPartyService(tx, caller, { year: 2026 }));
    expect(service.byMember[member.id]).toBe(210);
    expect(service.byOrg[org.id]).toEqual({ minutes: 210, people: 1 });
    expect((await inJ((tx) => countPartyService(tx, caller, { year: 2025 }))).byOrg[org.id]).toEqual({ minutes: 45, people: 1 });
    // A grid worker does not see the party organisation, nor its figures.
    const grid1 = await staffOf('13800000006', '520115001001');
    expect(await refusal(inJ((tx) => countPartyService(tx, grid1.caller, { year: 2026 })))).toBe('forbidden');
  });
});
