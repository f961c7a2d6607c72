import type { StaffCaller } from '@shequ/use-cases';
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
