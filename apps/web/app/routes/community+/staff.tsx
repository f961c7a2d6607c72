import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getStaffOverview, inviteStaffMember, issueStaffPasswordReset, reissueStaffInvitation } from '@shequ/use-cases';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card } from '~/components/ui/card.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { Select } from '~/components/ui/select.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { requireActor } from '~/lib/session.server.ts';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { INVITABLE_COMMUNITY_ROLES, staffFormSchema } from '@shequ/use-cases/schemas';
import { useErrorText } from '~/lib/error-text.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PostButton, PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('staff.title');

const INVITABLE_ROLES = INVITABLE_COMMUNITY_ROLES;

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  const overview = await runAsStaff(caller, (tx) => getStaffOverview(tx, caller));
  return { ...overview, me: caller.actor.userId, roles: INVITABLE_ROLES };
}

// An admin manages the people of their own community: invites someone by mobile to a role (and, for a grid worker,
// their grids), re-sends a link, and issues password-reset links. Who may do what to whose account is the domain's
// account rule, applied by the use cases: resets only for people working nowhere else; a role waits for the person's
// acceptance. The use cases run in the actor's own scope (community and person): the links record who issued them.
export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, staffFormSchema, 'community');
  const caller = { actor, ability };
  const origin = new URL(request.url).origin;

  if (submission.status !== 'success') {
    if (submission.payload.intent !== 'invite') badRequest();
    // The invitation form comes back as typed, with the first message next to its field.
    const p = submission.payload;
    const [field, messages] = Object.entries(submission.error ?? {}).find(([, m]) => m?.length) ?? ['', ['errors.badRequest']];
    const values = { name: String(p.name ?? ''), mobile: String(p.mobile ?? ''), role: String(p.role ?? '') };
    const gridIds = ([] as unknown[]).concat(p.gridIds ?? []).map(String);
    return data({ kind: 'inviteError' as const, error: messages![0]!, field: field || null, values, gridIds }, { status: 400 });
  }
  const v = submission.value;

  if (v.intent === 'invite') {
    const values = { name: v.name, mobile: v.mobile, role: v.role };
    const gridIds = v.gridIds;
    const done = await actAsStaff(caller, (tx) => inviteStaffMember(tx, caller, { ...values, gridIds }));
    if (!done.ok) return data({ kind: 'inviteError' as const, error: done.refusal.message, field: done.refusal.field, values, gridIds }, { status: done.refusal.status });
    return { kind: 'invited' as const, name: values.name.trim(), link: `${origin}/invite/${done.value.token}`, existingAccount: done.value.existingAccount };
  }

  if (v.intent === 'reissueInvite') {
    // An invitation that is not this community's open one is the 404 page (actAsStaff).
    const done = await actAsStaff(caller, (tx) => reissueStaffInvitation(tx, caller, { invitationId: v.invitationId }));
    if (!done.ok) throw done.error;
    return { kind: 'invited' as const, name: done.value.name, link: `${origin}/invite/${done.value.token}`, existingAccount: false };
  }

  // Someone who also works outside the admin's reach: the 403 page says so (the account rule, issue 13).
  const done = await actAsStaff(caller, (tx) => issueStaffPasswordReset(tx, caller, { membershipId: v.membershipId }));
  if (!done.ok) {
    // One's own password is changed by oneself (忘记密码, by text-message code), never by a link one issues.
    if (done.error.code === 'account.self') throw data({ code: 'accountSelf' }, { status: 403 });
    if (done.refusal.status === 403) throw data({ code: 'accountOutOfReach' }, { status: 403 });
    throw done.error;
  }
  return withToast({ kind: 'reset' as const, name: done.value.name, link: `${origin}/reset-password/${done.value.token}` }, 'resetLink');
}

export default function StaffPage() {
  const { t } = useTranslation();
  const { staff, me, invitations, grids, roles } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const failed = outcome?.kind === 'inviteError' ? outcome : null;
  const [role, setRole] = useState(failed?.values.role || 'community_staff');
  const tr = useErrorText();
  // The invitation is checked in the browser with the action's schema: one it refuses is not sent, every field's
  // message beside it at once; otherwise the server's answer shows.
  const { err, check, sent } = useReply(outcome, staffFormSchema);
  const fieldError = (field: 'name' | 'mobile' | 'role') => (sent ? err('invite', field) : failed?.field === field ? tr(failed.error) : null);
  return (
    <div className="space-y-4">
      <PageHeader title={t('staff.title')} />
      {outcome?.kind === 'reset' ? (
        <Alert tone="success">
          <p>{t('staff.resetIssued', { name: outcome.name })}</p>
          <input readOnly value={outcome.link} aria-label={t('staff.issueReset')} data-testid="reset-link" className="mt-2 w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        </Alert>
      ) : null}
      {outcome?.kind === 'invited' ? (
        <Alert tone="success">
          <p>{t('staff.invited', { name: outcome.name })}</p>
          {outcome.existingAccount ? <p className="text-sm">{t('staff.invitedExisting')}</p> : null}
          <input readOnly value={outcome.link} aria-label={t('staff.inviteLink')} data-testid="invite-link" className="mt-2 w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        </Alert>
      ) : null}
      <DataTable
        rows={staff}
        rowKey={(s) => s.membershipId}
        empty={t('common.empty')}
        initialSort={{ id: 'name' }}
        columns={[
          { id: 'name', header: t('staff.name'), sortValue: (s) => s.displayName, className: 'font-medium text-slate-900', cell: (s) => `${s.displayName}${s.userId === me ? t('staff.you') : ''}` },
          { id: 'role', header: t('staff.role'), sortValue: (s) => t(`roles.${s.role}`), cell: (s) => t(`roles.${s.role}`) },
          { id: 'contact', header: t('staff.contact'), className: 'tabular-nums text-slate-500', cell: (s) => s.mobile ?? s.email ?? '—' },
          {
            id: 'actions',
            header: t('staff.actions'),
            className: 'sm:text-right',
            cell: (s) =>
              s.userId === me ? null : !s.mayReset ? (
                <span className="text-xs text-slate-500">{t('staff.resetElsewhere')}</span>
              ) : (
                <PostButton intent="issueReset" hiddenFields={{ membershipId: s.membershipId }} variant="secondary" aria-label={`${t('staff.issueReset')}：${s.displayName}`}>
                  {t('staff.issueReset')}
                </PostButton>
              ),
          },
        ]}
      />
      <Card className="p-5">
        <h2 className="text-base font-semibold text-slate-900">{t('staff.inviteTitle')}</h2>
        <p className="mt-1 text-sm text-slate-500">{t('staff.inviteHint')}</p>
        {!sent && failed && failed.field !== 'name' && failed.field !== 'mobile' ? (
          <Alert tone="error" className="mt-3">
            {tr(failed.error)}
          </Alert>
        ) : null}
        <PostForm {...check('invite')} className="mt-4 grid gap-4 sm:grid-cols-3">
          <Field id="invite-name" label={t('staff.name')} error={fieldError('name')}>
            <Input id="invite-name" name="name" required maxLength={40} defaultValue={failed?.values.name} />
          </Field>
          <Field id="invite-mobile" label={t('staff.contact')} error={fieldError('mobile')}>
            <Input id="invite-mobile" name="mobile" required inputMode="tel" maxLength={20} defaultValue={failed?.values.mobile} />
          </Field>
          <Field id="invite-role" label={t('staff.role')} error={fieldError('role')}>
            <Select id="invite-role" name="role" value={role} onChange={(e) => setRole(e.currentTarget.value)} options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Field>
          {role === 'grid_worker' && grids.length > 0 ? (
            <fieldset className="sm:col-span-3">
              <legend className="text-sm font-medium text-slate-700">{t('staff.inviteGrids')}</legend>
              <div className="mt-2 flex flex-wrap gap-3">
                {grids.map((g) => (
                  <label key={g.id} className="flex items-center gap-1.5 text-sm text-slate-700">
                    <input type="checkbox" name="gridIds" value={g.id} defaultChecked={failed?.gridIds.includes(g.id)} />
                    {g.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <div className="sm:col-span-3">
            <Button name="intent" value="invite">
              {t('staff.inviteSubmit')}
            </Button>
          </div>
        </PostForm>
      </Card>
      <section className="space-y-2">
        <h2 className="text-base font-semibold text-slate-900">{t('staff.invitationsTitle')}</h2>
        <DataTable
          rows={invitations}
          rowKey={(i) => i.id}
          empty={t('staff.noInvitations')}
          data-testid="invitations"
          columns={[
            { id: 'name', header: t('staff.name'), cell: (i) => i.inviteeName, sortValue: (i) => i.inviteeName, className: 'text-slate-900' },
            { id: 'role', header: t('staff.role'), cell: (i) => t(`roles.${i.role}`), sortValue: (i) => i.role },
            { id: 'contact', header: t('staff.contact'), cell: (i) => i.mobile ?? '—', className: 'tabular-nums text-slate-500' },
            { id: 'status', header: t('staff.invitationStatus'), cell: (i) => t(`staff.invitation.${i.status}`), sortValue: (i) => i.status },
            {
              id: 'actions',
              header: t('staff.actions'),
              className: 'text-right',
              cell: (i) =>
                i.status === 'pending' || i.status === 'expired' ? (
                  <PostButton intent="reissueInvite" hiddenFields={{ invitationId: i.id }} variant="secondary" aria-label={`${t('staff.reissueInvite')}：${i.inviteeName}`}>
                    {t('staff.reissueInvite')}
                  </PostButton>
                ) : null,
            },
          ]}
        />
      </section>
    </div>
  );
}
