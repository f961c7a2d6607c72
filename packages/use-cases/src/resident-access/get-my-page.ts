import type { Tx } from '@shequ/db';
import type { ResidentCaller, ResidentSelf } from '../caller.ts';
import { listMyMeals } from '../meals/list-my-meals.ts';
import { listMySchool } from '../school/list-my-school.ts';
import { listMyServices } from '../elder-services/list-my-services.ts';
import { listMyVolunteering } from '../volunteers/list-my-volunteering.ts';
import { listMyWishes } from './list-my-wishes.ts';

/**
 * The "我的" page's sections (decision 035): the one extension point where features add what a signed-in resident
 * sees of their own (my wishes today; my activities, my hours, my meals …). A section is a key and a loader; the
 * web app renders each key with its component (apps/web/app/components/my-page/sections.tsx) and shows the sections
 * in this order. To add one:
 *   1. write `load(tx, self)` in your feature's folder, reading only rows of `self` (the number's keyed hash
 *      `self.mobileIndex`, or the register entry `self.residentId`, which is null while a sign-up waits for staff)
 *      inside `self.tenantId` (the transaction is the community's tenant scope);
 *   2. append `{ key: 'myMeals', load }` to MY_PAGE_SECTIONS below;
 *   3. add the component under the same key in the web app's MY_PAGE_SECTION_VIEWS and its words under
 *      `me.sections.<key>` in @shequ/i18n (zh-CN and en).
 * A loader's result must be plain JSON (dates become strings in the page).
 */
export type MyPageSection<T = unknown> = { key: string; load: (tx: Tx, self: ResidentSelf) => Promise<T> };

export const MY_PAGE_SECTIONS: MyPageSection[] = [
  { key: 'myMeals', load: (tx, self) => listMyMeals(tx, self) },
  { key: 'myServices', load: (tx, self) => listMyServices(tx, self) },
  { key: 'mySchool', load: (tx, self) => listMySchool(tx, self) },
  { key: 'myWishes', load: listMyWishes },
  { key: 'myVolunteering', load: (tx, self) => listMyVolunteering(tx, self) },
];

/**
 * What the signed-in resident's "我的" page shows: the masked number, whether staff still have to confirm them,
 * and each section's data, in MY_PAGE_SECTIONS order.
 * Caller: the resident. Transaction: the community's tenant scope. Input: `{ sections? }` (defaults to all; tests
 * pass their own).
 */
export async function getMyPage(tx: Tx, caller: ResidentCaller, input: { sections?: MyPageSection[] } = {}) {
  const self = caller.resident;
  const sections: { key: string; data: unknown }[] = [];
  for (const section of input.sections ?? MY_PAGE_SECTIONS) sections.push({ key: section.key, data: await section.load(tx, self) });
  return { mobileHint: self.mobileHint, pending: self.residentId === null, sections };
}
