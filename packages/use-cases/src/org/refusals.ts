import { defineRefusals } from '../refusal.ts';

/** Refusals of the organisation tree (districts, streets, departments, communities moving between streets). */
export const ORG_REFUSALS = defineRefusals({
  invalid: ['org.name.invalid', 'org.badCode', 'org.badParent', 'org.badSlug', 'org.parentMissing', 'org.move.street', 'org.move.codeNeeded', 'org.move.codeOutside'],
  notFound: ['org.notFound'],
  conflict: ['org.name.taken', 'org.code.taken', 'org.hasChildren', 'org.retireCommunity', 'org.move.same', 'org.move.nameTaken'],
});
