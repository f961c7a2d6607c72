import { defineRefusals } from '../refusal.ts';

/** Refusals about a community as a whole (reading it, archiving it). */
export const COMMUNITY_REFUSALS = defineRefusals({
  notFound: ['community.notFound'],
  conflict: ['community.archive.notSuspended'],
});
