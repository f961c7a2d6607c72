import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildings, orgUnits, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { addPartyMember, applyToTeam, createPartyOrg, createSchoolCourse, createSchoolTerm, createVolunteerTeam, decideTeamApplication, enrolInCourse, getSchoolCourse, getSeniorSchool, registerResident, registerVolunteer, type StaffCaller } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { seededDatabase } from './support.ts';

// Issue 19's outside trial: two 王** looked the same in the senior school's attendance list and teacher picker. Each
// person now carries what tells them apart (building, age, masked mobile), from the use cases the pages read.
const db = seededDatabase();
const cipher = createPersonalDataCipher('6e'.repeat(32));
const NOW = new Date('2026-11-29T03:00:00Z');
let tenantId: string;
let admin: StaffCaller;
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  const actor = await db.actorFor('13800000004', tenantId);
  admin = { actor, ability: defineAbilityFor(actor) };
});

describe('two alike masked names', () => {
  it('are told apart by building, age and masked mobile in the attendance list and the teacher picker', async () => {
    const b = await withTenant(db.owner, tenantId, (tx) => tx.select({ id: buildings.id, name: buildings.name }).from(buildings));
    const wang = async (birth: string, building: string, mobile: string) =>
      (await inJinyuan((tx) => registerResident(tx, admin, { name: '王秀英', birth, mobile, buildingId: b.find((x) => x.name === building)!.id, unit: '1', room: '101', consent: true, consentChannel: 'in_person', cipher, now: NOW }))).id;
    const one = await wang('1950-03', '1栋', '13911110001');
    const two = await wang('1944-07', '4栋', '13911110002');
    const term = await inJinyuan((tx) => createSchoolTerm(tx, admin, { name: '辨认学期', startsOn: '2026-11-01', endsOn: '2027-01-15' }));
    const course = await inJinyuan((tx) => createSchoolCourse(tx, admin, { termId: term.id, title: '辨认课', weekday: 2, startsAt: '09:00', endsAt: '10:00', room: '辨认教室', capacity: 5, fee: '0', rule: 'first_come' }));
    for (const who of [one, two]) await inJinyuan((tx) => enrolInCourse(tx, admin, { courseId: course.id, residentId: who, now: NOW }));
    const page = await inJinyuan((tx) => getSchoolCourse(tx, admin, { courseId: course.id, now: NOW }));
    const shown = page.enrolments.filter((e) => [one, two].includes(e.residentId)).map((e) => ({ name: e.nameHint, building: e.building, age: e.age, mobile: e.mobileHint }));
    expect(shown).toEqual(
      expect.arrayContaining([
        { name: '王**', building: '1栋', age: 76, mobile: '139****0001' },
        { name: '王**', building: '4栋', age: 82, mobile: '139****0002' },
      ]),
    );

    // The teacher picker: both volunteers of a team, each with building, age and masked mobile.
    const branch = await inJinyuan((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: '辨认党总支' }));
    await inJinyuan((tx) => addPartyMember(tx, admin, { residentId: one, orgId: branch.id }));
    const team = await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '辨认队', leaderResidentId: one }));
    for (const who of [one, two]) {
      await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: who, consent: true, now: NOW }));
      await inJinyuan((tx) => applyToTeam(tx, admin, { teamId: team.id, residentId: who })).catch(() => null);
      await inJinyuan((tx) => decideTeamApplication(tx, admin, { teamId: team.id, residentId: who, accept: true })).catch(() => null);
    }
    const school = await inJinyuan((tx) => getSeniorSchool(tx, admin));
    const teachers = school.teachers.filter((x) => [one, two].includes(x.residentId)).map((x) => `${x.nameHint} ${x.building} ${x.mobileHint}`);
    expect(teachers.sort()).toEqual(['王** 1栋 139****0001', '王** 4栋 139****0002']);
    expect(page.course).toMatchObject({ teacher: null });
  });
});
