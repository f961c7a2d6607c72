import type { Tx } from '@shequ/db';
import { mealResidentOf, type MealResidentCaller, type ResidentCaller } from '@shequ/use-cases';
import { readSubmission } from '~/lib/forms.server.ts';
import { actAsResident, invalidResidentForm, runAsResident } from '~/lib/resident-scope.server.ts';
import { requireResident } from '~/lib/resident-session.server.ts';
import type { z } from '~/lib/validation.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { communityBySlug } from './c.$slug.server.ts';

// The server half shared by the station's pages on "我的" (meals, services, the senior school; issue 19): a resident
// acts for themselves or a parent (?for=<register id>), in the tenant scope of the community of the URL.

/**
 * A 我的 page's loader: the community of the URL (`slug`) and `load`'s page for the signed-in resident and the person
 * asked for (`for`, the resident when absent); `page` is null while staff have not confirmed the resident's number
 * (no register person yet). Loader refusals as runAsResident.
 */
export async function loadMyPage<T>(request: Request, slug: string | undefined, load: (tx: Tx, caller: ResidentCaller, forResidentId: string | null) => Promise<T>): Promise<{ slug: string; page: T | null }> {
  const community = await communityBySlug(slug);
  const caller = await requireResident(request, community);
  if (!caller.resident.residentId) return { slug: community.slug, page: null };
  const forResidentId = new URL(request.url).searchParams.get('for');
  return { slug: community.slug, page: await runAsResident(community, (tx) => load(tx, caller, forResidentId)) };
}

/**
 * A 我的 page's action: the posted form read through `schema` (one that does not pass: every field's worded message,
 * naming its bound, else `invalid`; 400, above the buttons: invalidResidentForm), `act` run with the resident's station caller (mealResidentOf) in the community's tenant scope; a refusal
 * comes back above the buttons (actAsResident), a success goes back to the same address with the toast `act` names
 * (`[key, values]`).
 */
export async function actOnMyPage<S extends z.ZodTypeAny>(
  request: Request,
  slug: string | undefined,
  schema: S,
  invalid: string,
  act: (tx: Tx, caller: MealResidentCaller, value: z.output<S>) => Promise<readonly [string, Record<string, string | number>]>,
) {
  const community = await communityBySlug(slug);
  const caller = await requireResident(request, community);
  const submission = await readSubmission(request, schema);
  if (submission.status !== 'success') return invalidResidentForm(submission, invalid);
  const value = submission.value as z.output<S>;
  const acted = await actAsResident(community, (tx) => act(tx, mealResidentOf(caller), value));
  if (!acted.ok) return acted.reply;
  const url = new URL(request.url);
  const [key, values] = acted.value;
  return redirectWithToast(`${url.pathname}${url.search}`, key, values);
}
