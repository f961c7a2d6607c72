import { defineRefusals } from '../refusal.ts';

/** Refusals of the party organisation (issue 16). Messages under `refusals.<code>` in zh-CN and en. */
export const PARTY_REFUSALS = defineRefusals({
  invalid: ['party.org.name', 'party.org.parent', 'party.org.grid', 'party.member.workUnit', 'party.member.person', 'party.member.shared', 'party.member.notReporting'],
  notFound: ['party.org.notFound', 'party.member.notFound'],
  conflict: ['party.org.taken', 'party.member.already'],
});
