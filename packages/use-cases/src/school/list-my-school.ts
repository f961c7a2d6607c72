import { type Tx } from '@shequ/db';
import type { ResidentSelf } from '../caller.ts';
import { mealPeopleOf } from '../meals/my-meals-parts.ts';
import { enrolmentsOf } from './my-school-parts.ts';

/**
 * The "我的" section of the senior school (MY_PAGE_SECTIONS key `mySchool`): the courses the resident and the family
 * they may act for study, wait for, or are offered a place on (offers first: they run out), or `ready: false` while
 * their sign-up waits for staff. Plain JSON.
 */
export async function listMySchool(tx: Tx, caller: ResidentSelf, _input: Record<string, never> = {}, now = new Date()) {
  if (!caller.residentId) return { ready: false, enrolments: [] };
  const people = await mealPeopleOf(tx, caller.tenantId, caller.residentId);
  const enrolments = await enrolmentsOf(
    tx,
    caller.tenantId,
    people.map((p) => p.id),
    now,
  );
  return { ready: true, enrolments: enrolments.sort((a, b) => Number(b.status === 'offered') - Number(a.status === 'offered')).map((e) => ({ ...e, self: e.residentId === caller.residentId })) };
}
