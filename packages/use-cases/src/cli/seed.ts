import { createDb } from '@shequ/db';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../seed/demo.ts';
import { seedDemoHistory } from '../seed/demo-history.ts';
import { seedDemoResidents } from '../seed/demo-residents.ts';
import { seedDemoCare } from '../seed/demo-care.ts';
import { seedDemoMeals } from '../seed/demo-meals.ts';
import { seedDemoSchool } from '../seed/demo-school.ts';
import { seedDemoServices } from '../seed/demo-services.ts';
import { seedDemoCogovernance, seedDemoPostLeaders, seedDemoUnitPartyMembers } from '../seed/demo-cogovernance.ts';
import { seedDemoParty } from '../seed/demo-party.ts';
import { seedDemoVolunteers } from '../seed/demo-volunteers.ts';

// Seeds as the owner role (DATABASE_URL); tenant rows still go through withTenant, so RLS checks them.
const url = process.env.DATABASE_URL ?? 'postgres://shequ_owner:shequ_owner@127.0.0.1:5432/shequ';
const db = createDb(url, { max: 2, applicationName: 'shequ-seed' });
try {
  const result = await seedDemo(db);
  console.log(`demo data ready: ${result.units} org units, ${result.communities} communities, ${result.users} demo users (password ${DEMO_PASSWORD})`);
  // A few months of handled wishes so the dashboards have figures (skip with --no-history).
  if (!process.argv.includes('--no-history')) {
    const history = await seedDemoHistory(db);
    if (history.created) console.log(`demo history: ${history.created} past wishes, rollups built`);
  }
  // 金元社区's residents' register (decision 034), after the history so a few of its wishes are linked to people.
  const register = await seedDemoResidents(db);
  if (register.created) console.log(`demo register: ${register.created} residents of 金元社区`);
  // Its care roster with three months of visits (decision 039).
  const care = await seedDemoCare(db);
  if (care.visits) console.log(`demo care roster: ${care.recipients} recipients, ${care.visits} past visits`);
  // 金元社区's elderly service station (decision 038): menus, a month of served meals, tomorrow's bookings.
  const meals = await seedDemoMeals(db);
  if (meals.served) console.log(`demo meals: ${meals.served} served meals of ${meals.elders} elders, ${meals.booked} bookings for tomorrow`);
  // Its bookable services (decision 044): bathing and cleaning help with slots on the coming weekdays.
  const services = await seedDemoServices(db);
  if (services.services) console.log(`demo services: ${services.services} services, ${services.slots} slots, ${services.bookings} bookings`);
  // Its senior school (decision 043): this term's dance, calligraphy and smartphone courses, one full with a waiting list.
  const school = await seedDemoSchool(db);
  if (school.courses) console.log(`demo senior school: ${school.courses} courses, ${school.enrolments} enrolments`);
  // 金元社区's co-governance committee (issue 18): partner units, service posts, meetings and their decisions.
  const committee = await seedDemoCogovernance(db);
  if (committee.created) console.log(`demo committee: ${committee.created} partner units of 金元社区, 15 service posts, 3 meetings`);
  // Its party organisation (issue 16): general branch, branches, grid party groups, members from the register.
  const party = await seedDemoParty(db);
  if (party.orgs) console.log(`demo party organisation: ${party.orgs} organisations, ${party.members} members in 金元社区`);
  // The service posts' leaders (issue 18), party members where a post requires one: after both of the above.
  const postLeaders = await seedDemoPostLeaders(db);
  if (postLeaders.led) console.log(`demo service posts: ${postLeaders.led} posts given a leader`);
  // Some reporting party members linked to the partner units they work at (decision 057).
  const unitMembers = await seedDemoUnitPartyMembers(db);
  if (unitMembers.linked) console.log(`demo partner units: ${unitMembers.linked} reporting party members linked to their units`);
  // Its volunteer service (issue 17): eight teams led by party members, 10 weeks of approved hours, open shifts.
  const volunteering = await seedDemoVolunteers(db);
  if (volunteering.teams) console.log(`demo volunteers: ${volunteering.teams} teams, ${volunteering.volunteers} volunteers, ${volunteering.shifts} shifts`);
  if (process.argv.includes('--print-users')) {
    for (const u of DEMO_USERS) console.log(`  ${u.mobile}  ${u.displayName}  ${u.memberships.map((m) => m.role).join(', ')}`);
  }
} finally {
  await db.close();
}
