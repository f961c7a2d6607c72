import { data } from '@remix-run/node';
import type { Tx } from '@shequ/db';
import type { StaffCaller } from '@shequ/use-cases';
import { actAsStaff, refusalReply } from '~/lib/staff-scope.server.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import type { z } from '~/lib/validation.ts';

// The server half shared by the register's pages (decision 034): the caller and their posted form. Their use cases
// run through runAsStaff / actAsStaff (~/lib/staff-scope.server.ts), which turn refusals into pages or messages.

export type RegisterContext = StaffCaller & { tenantId: string };

/** The signed-in community member and their community. */
export async function registerCaller(request: Request): Promise<RegisterContext> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability, tenantId: actor.workspace.tenantId! };
}

/** For actions: the caller, their community and the posted form checked against its schema (CSRF checked). */
export async function registerSubmission<S extends z.ZodTypeAny>(request: Request, schema: S) {
  const { actor, ability, submission } = await requireSubmission(request, schema, 'community');
  const caller: RegisterContext = { actor, ability, tenantId: actor.workspace.tenantId! };
  return { caller, submission };
}

/**
 * The action of the register's person form (new and edit, ResidentForm): the posted form checked against `schema`,
 * `save` run with the caller in the community (its refusals back beside their fields), then the person's page with
 * the success message `toast`. A form that does not parse comes back with its messages (400).
 */
export async function savePersonForm<S extends z.ZodTypeAny>(request: Request, schema: S, save: (tx: Tx, caller: RegisterContext, value: z.output<S>) => Promise<{ id: string; householdEnded?: number }>, toast: 'residents.registered' | 'residents.saved') {
  const { caller, submission } = await registerSubmission(request, schema);
  if (submission.status !== 'success') return data({ result: submission.reply(), params: {} }, { status: 400 });
  const done = await actAsStaff(caller, (tx) => save(tx, caller, submission.value));
  if (!done.ok) return refusalReply(done.error, (o) => submission.reply(o));
  // A move that ended 同住 links says so (editResident: endHouseholdsApart).
  if (done.value.householdEnded) return redirectWithToast(`/community/residents/${done.value.id}`, 'residents.savedHouseholdEnded', { count: done.value.householdEnded });
  return redirectWithToast(`/community/residents/${done.value.id}`, toast);
}
