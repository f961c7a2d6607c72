import { volunteerSelfOf } from '@shequ/use-cases';
import { readSubmission } from '~/lib/forms.server.ts';
import { invalidResidentForm, residentError } from '~/lib/resident-scope.server.ts';
import { requireResident } from '~/lib/resident-session.server.ts';
import type { z } from '~/lib/validation.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';

/**
 * The start of a volunteer's own action on a resident page (我的志愿服务, check-in by scan): the community of the
 * URL, the signed-in resident acting as themselves (VolunteerSelf) and the form's values; or, in `answer`, the page's
 * answer when the form does not parse (every field's worded message, else `badRequest`; 400: invalidResidentForm;
 * only `badRequest` when not `worded`) or staff have not yet confirmed the number as a resident of
 * the register (nothing to act as, 403).
 */
export async function volunteerSelfAction<S extends z.ZodTypeAny, K extends string>(request: Request, slug: string | undefined, schema: S, badRequest: K, { worded = true }: { worded?: boolean } = {}) {
  const community = await communityBySlug(slug);
  const caller = await requireResident(request, community);
  const submission = await readSubmission(request, schema);
  if (submission.status !== 'success') return { answer: worded ? invalidResidentForm(submission, badRequest) : residentError(badRequest, 400) } as const;
  const me = volunteerSelfOf(caller.resident);
  if (!me) return { answer: residentError('me.sections.myVolunteering.notVolunteer', 403) } as const;
  return { answer: null, community, me, value: submission.value as z.output<S> } as const;
}
