import { data } from '@remix-run/node';
import { ForbiddenError } from '@shequ/permissions';
import { listOnboardableStreets, onboardCommunity, onboardingScope } from '@shequ/use-cases';
import { withScope } from '@shequ/db';
import { db, withActor } from '~/lib/db.server.ts';
import { forbidden } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import type { ActorContext } from '~/lib/session.server.ts';
import { firstProblem, requireSubmission } from '~/lib/forms.server.ts';
import type { WorkspaceKind } from '@shequ/domain';
import { onboardCommunitySchema } from '@shequ/use-cases/schemas';
import { withToast } from '~/lib/toast.server.ts';
import type { RefusalMessage } from '~/lib/refusal.ts';

/** Streets the actor may onboard into (operators: all; district officers: their own district's). */
export async function onboardableStreets(caller: ActorContext) {
  return withActor(caller.actor, (tx) => listOnboardableStreets(tx, caller));
}

const ONBOARDING_FIELDS = ['streetId', 'name', 'adminCode', 'slug', 'adminName', 'adminMobile', 'adminEmail'] as const;

/** The wizard's action, shared by the operator console and a district officer's (delegated) console. */
export async function onboardFromForm(request: Request, console: WorkspaceKind) {
  const origin = new URL(request.url).origin;
  const ctx = await requireSubmission(request, onboardCommunitySchema, console);
  if (ctx.submission.status !== 'success') {
    // Refused by the schema (the browser says it first; without JavaScript, here): the first message beside its field, the form as typed.
    const { field, message } = firstProblem(ctx.submission);
    const p = ctx.submission.payload;
    const typed = Object.fromEntries(ONBOARDING_FIELDS.map((k) => [k, String(p[k] ?? '')]));
    return data({ ok: false as const, error: message as RefusalMessage, field, values: typed, name: null, slug: null, communityId: null, invitation: null, existingAccount: false }, { status: 400 });
  }
  const values = ctx.submission.value;
  try {
    const result = await withScope(db, onboardingScope(ctx.actor), (tx) => onboardCommunity(tx, ctx, values));
    return withToast({ ok: true as const, name: values.name.trim(), slug: result.slug, communityId: result.communityId, invitation: `${origin}/invite/${result.invitationToken}`, existingAccount: result.existingAccount, error: null, field: null, values: null }, 'communityCreated');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      return data({ ok: false as const, error: refusal.message, field: refusal.field, values, name: null, slug: null, communityId: null, invitation: null, existingAccount: false }, { status: refusal.status });
    }
    throw error;
  }
}
