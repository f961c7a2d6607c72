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
import { Card } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
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
      <h1 className="text-xl font-semibold text-slate-900">{t('staff.title')}</h1>
      {issued ? (
        <Alert tone="success">
          <p>{t('staff.resetIssued', { name: issued.name })}</p>
          <input readOnly value={issued.link} aria-label={t('staff.issueReset')} data-testid="reset-link" className="mt-2 w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        </Alert>
      ) : null}
      {staff.length === 0 ? (
        <EmptyState title={t('common.empty')} />
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">{t('staff.name')}</th>
                <th scope="col" className="px-5 py-2 font-medium">{t('staff.role')}</th>
                <th scope="col" className="px-5 py-2 font-medium">{t('staff.contact')}</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">{t('staff.actions')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {staff.map((s) => (
                <tr key={s.membershipId}>
                  <td className="px-5 py-2 font-medium text-slate-900">
                    {s.displayName}
                    {s.userId === me ? t('staff.you') : ''}
                  </td>
                  <td className="px-5 py-2 text-slate-700">{t(`roles.${s.role}`)}</td>
                  <td className="px-5 py-2 tabular-nums text-slate-500">{s.mobile ?? s.email ?? '—'}</td>
                  <td className="px-5 py-2 text-right">
                    {s.userId === me ? null : !s.mayReset ? (
                      <span className="text-xs text-slate-500">{t('staff.resetElsewhere')}</span>
                    ) : (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="membershipId" value={s.membershipId} />
                        <Button name="intent" value="issueReset" variant="secondary" size="sm" aria-label={`${t('staff.issueReset')}：${s.displayName}`}>
                          {t('staff.issueReset')}
                        </Button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
