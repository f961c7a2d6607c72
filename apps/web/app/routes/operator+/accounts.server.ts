import { data } from '@remix-run/node';
import type { Tx } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import {
  changeMembershipRole,
  inviteUnitAccount,
  listManagedUnits,
  listUnitAccounts,
  reissueUnitInvitation,
  removeMembership,
  type StaffCaller,
  UseCaseError,
} from '@shequ/use-cases';
import { withActor, withMaintenance } from '~/lib/db.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { unitAccountsFormSchema } from '@shequ/use-cases/schemas';
import { withToast } from '~/lib/toast.server.ts';

/*
 * The unit accounts page (issue 13), served to operators (/operator/accounts, every unit) and district officers
 * (/org/accounts, the units of their district): one unit's officers or a community's admins, invitations, role
 * changes and removals. The use cases check CASL and the domain's account rule on every call; this file parses the
 * forms (one Zod schema per form, beside its use case, read with Conform) and maps refusals to answers.
 */

type Console = 'operator' | 'org';

/** An operator works in the maintenance scope (named, logged); a district officer in their own (their district). */
function inScope<T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return caller.actor.workspace.role === 'platform_operator' ? withMaintenance(caller.actor, 'unit accounts', fn) : withActor(caller.actor, fn);
}

/** Refusals as answers: a unit or person out of reach is not found (404), a permission refusal 403. */
function refuse(error: unknown): never {
  if (error instanceof ForbiddenError) forbidden();
  if (error instanceof UseCaseError && (error.code === 'accounts.unitNotFound' || error.code === 'accounts.notFound')) notFound();
  throw error;
}

export async function unitAccountsLoader(request: Request, console: Console) {
  const caller = await requireActor(request, console);
  const unitId = new URL(request.url).searchParams.get('unit');
  return inScope(caller, async (tx) => {
    const units = await listManagedUnits(tx, caller).catch(refuse);
    const page = unitId ? await listUnitAccounts(tx, caller, { orgUnitId: unitId }).catch(refuse) : null;
    return { units, page };
  });
}

/** What a refused form says where: the field a code belongs to, and the message key. */
const FIELD_OF: Record<string, [field: string | null, key: string]> = {
  'invite.mobile.invalid': ['mobile', 'accounts.errors.mobile'],
  'invite.mobile.required': ['mobile', 'accounts.errors.mobileRequired'],
  'invite.name.invalid': ['name', 'accounts.errors.name'],
  'invite.alreadyMember': ['mobile', 'accounts.errors.alreadyMember'],
  'invite.role.invalid': ['role', 'accounts.errors.role'],
  'invite.unit.invalid': [null, 'accounts.errors.unitNotFound'],
  'accounts.errors.role': ['role', 'accounts.errors.role'],
  'accounts.lastAdmin': [null, 'accounts.errors.lastAdmin'],
  'account.outOfReach': [null, 'accounts.errors.outOfReach'],
  'account.noMembershipInReach': [null, 'accounts.errors.outOfReach'],
  'account.notAnAdmin': [null, 'accounts.errors.outOfReach'],
  'account.self': [null, 'accounts.errors.self'],
};

export async function unitAccountsAction(request: Request, console: Console) {
  const { actor, ability, submission } = await requireSubmission(request, unitAccountsFormSchema, console);
  const caller: StaffCaller = { actor, ability };
  const origin = new URL(request.url).origin;
  if (submission.status !== 'success') {
    const intent = submission.payload.intent;
    if (intent !== 'invite' && intent !== 'changeRole' && intent !== 'remove' && intent !== 'reissue') badRequest();
    // Hidden ids that are not ids: nothing to show beside a field, the person or invitation is simply unknown.
    if (intent !== 'invite') notFound();
    return data({ intent, result: submission.reply(), outcome: null }, { status: 400 });
  }
  const v = submission.value;
  const intent = v.intent;
  try {
    return await inScope(caller, async (tx) => {
      switch (v.intent) {
        case 'invite': {
          const sent = await inviteUnitAccount(tx, caller, v);
          return withToast({ intent, result: submission.reply({ resetForm: true }), outcome: { kind: 'invited' as const, name: sent.name, link: `${origin}/invite/${sent.token}`, existingAccount: sent.existingAccount } }, 'invitationIssued');
        }
        case 'changeRole': {
          const changed = await changeMembershipRole(tx, caller, v);
          if (changed.outcome === 'invited') return withToast({ intent, result: null, outcome: { kind: 'promoted' as const, name: '', link: `${origin}/invite/${changed.token}`, existingAccount: true } }, 'invitationIssued');
          return withToast({ intent, result: null, outcome: null }, 'roleChanged');
        }
        case 'remove':
          await removeMembership(tx, caller, v);
          return withToast({ intent, result: null, outcome: null }, 'accountRemoved');
        case 'reissue': {
          const again = await reissueUnitInvitation(tx, caller, v);
          return withToast({ intent, result: null, outcome: { kind: 'reissued' as const, name: again.name, link: `${origin}/invite/${again.token}`, existingAccount: false } }, 'invitationIssued');
        }
      }
    });
  } catch (error) {
    if (error instanceof UseCaseError && FIELD_OF[error.code]) {
      const [field, key] = FIELD_OF[error.code]!;
      const status = error.code.startsWith('account.') ? 403 : 400;
      return data({ intent, result: submission.reply(field ? { fieldErrors: { [field]: [key] } } : { formErrors: [key] }), outcome: null }, { status });
    }
    refuse(error);
  }
}
