import { data } from '@remix-run/node';
import {
  changeMembershipRole,
  inviteUnitAccount,
  listManagedUnits,
  listUnitAccounts,
  reissueUnitInvitation,
  removeMembership,
  type StaffCaller,
} from '@shequ/use-cases';
import { unitAccountsFormSchema } from '@shequ/use-cases/schemas';
import { withActor, withMaintenance } from '~/lib/db.server.ts';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { actAsStaff, runAsStaff, type StaffScope } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';

/** The invitation form's visible fields (a refusal naming one is shown beside it; the unit is a hidden field). */
const INVITE_FIELDS = new Set(['name', 'mobile', 'role']);

/*
 * The unit accounts page (issue 13), served to operators (/operator/accounts, every unit) and district officers
 * (/org/accounts, the units of their district): one unit's officers or a community's admins, invitations, role
 * changes and removals. The use cases check CASL and the domain's account rule on every call; this file parses the
 * forms (one discriminated schema on intent, beside the use cases) and turns refusals into answers (describeRefusal).
 */

type Console = 'operator' | 'org';

/** An operator works in the maintenance scope (named, logged); a district officer in their own (their district). */
function scopeOf(caller: StaffCaller): StaffScope {
  return caller.actor.workspace.role === 'platform_operator' ? (fn) => withMaintenance(caller.actor, 'unit accounts', fn) : (fn) => withActor(caller.actor, fn);
}

export async function unitAccountsLoader(request: Request, console: Console) {
  const caller = await requireActor(request, console);
  const unitId = new URL(request.url).searchParams.get('unit');
  // A unit or person out of reach is the 404 page, a permission refusal the 403 page (runAsStaff).
  return runAsStaff(
    caller,
    async (tx) => {
      const units = await listManagedUnits(tx, caller);
      const page = unitId ? await listUnitAccounts(tx, caller, { orgUnitId: unitId }) : null;
      return { units, page };
    },
    { scope: scopeOf(caller) },
  );
}

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
  // A unit or person out of reach is the 404 page (actAsStaff); any other refusal is said on the form that was sent,
  // beside its field when it names one of the invitation's (a row's forms have no fields: their message is above).
  const done = await actAsStaff(
    caller,
    async (tx) => {
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
    },
    { scope: scopeOf(caller) },
  );
  if (done.ok) return done.value;
  const { refusal } = done;
  const field = intent === 'invite' && refusal.field && INVITE_FIELDS.has(refusal.field) ? refusal.field : null;
  return data({ intent, result: submission.reply(field ? { fieldErrors: { [field]: [refusal.message] } } : { formErrors: [refusal.message] }), outcome: null }, { status: refusal.status });
}
