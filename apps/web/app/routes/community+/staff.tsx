import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from '~/lib/validation.ts';
import { withTenant } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { accountActorOf, issuePasswordReset, listCommunityStaff, recordAuditEvent, UseCaseError } from '@shequ/use-cases';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { db, withActor } from '~/lib/db.server.ts';
import { guard, notFound } from '~/lib/http.server.ts';
import { requireActor, requireMutation } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';

export const meta = pageTitle('staff.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'manage', subject('Membership', { tenantId, orgUnitId: tenantId, role: 'community_staff' })));
  const staff = await withTenant(db, tenantId, (tx) => listCommunityStaff(tx, tenantId, accountActorOf(actor.userId, actor.workspace)));
  return { staff, me: actor.userId };
}

const issueReset = z.object({ intent: z.literal('issueReset'), membershipId: z.string().uuid() });

// An admin issues a one-time password-reset link for someone in their own community, and only for roles they manage,
// and only when that person works nowhere else (the account rule in the domain; otherwise the person resets it
// themselves or an operator does).
export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, formData } = await requireMutation(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  const parsed = issueReset.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw data({ code: 'badRequest' }, { status: 400 });
  // The actor's own scope (community and person): the reset link records who issued it.
  return withActor(actor, async (tx) => {
    const target = (await listCommunityStaff(tx, tenantId)).find((s) => s.membershipId === parsed.data.membershipId);
    if (!target) notFound();
    await guard(() => assertCan(ability, 'manage', subject('Membership', { tenantId, orgUnitId: tenantId, role: target.role })));
    let token: string;
    try {
      ({ token } = await issuePasswordReset(tx, accountActorOf(actor.userId, actor.workspace), target.userId));
    } catch (error) {
      if (error instanceof UseCaseError && error.code.startsWith('account.')) throw data({ code: 'accountOutOfReach' }, { status: 403 });
      throw error;
    }
    await recordAuditEvent(tx, { tenantId, actorUserId: actor.userId, action: 'password_reset_issued', subjectType: 'User', subjectId: target.userId });
    return withToast({ name: target.displayName, link: `${new URL(request.url).origin}/reset-password/${token}` }, 'resetLink');
  });
}

export default function StaffPage() {
  const { t } = useTranslation();
  const { staff, me } = useLoaderData<typeof loader>();
  const issued = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader title={t('staff.title')} />
      {issued ? (
        <Alert tone="success">
          <p>{t('staff.resetIssued', { name: issued.name })}</p>
          <input readOnly value={issued.link} aria-label={t('staff.issueReset')} data-testid="reset-link" className="mt-2 w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
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
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="membershipId" value={s.membershipId} />
                  <Button name="intent" value="issueReset" variant="secondary" size="sm" aria-label={`${t('staff.issueReset')}：${s.displayName}`}>
                    {t('staff.issueReset')}
                  </Button>
                </Form>
              ),
          },
        ]}
      />
    </div>
  );
}
