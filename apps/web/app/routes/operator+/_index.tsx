import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ForbiddenError } from '@shequ/permissions';
import { calendarOverview, countUsers, getCommunity, invitationCountsByUnit, listOrgUnits, reissueInvitation, setCommunityStatus } from '@shequ/use-cases';
import { archiveWithExport } from '~/routes/operator+/communities.$communityId.export.server.ts';
import { Alert } from '~/components/ui/alert.tsx';
import { assertCan } from '@shequ/permissions';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { OrgTreeTable } from '~/components/org-tree-table.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge, tenantStatusTone } from '~/components/ui/status-badge.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { withMaintenance } from '~/lib/db.server.ts';
import { forbidden, guard, notFound } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { communityRowFormSchema } from '@shequ/use-cases/schemas';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';
import { FieldError } from '~/components/ui/field.tsx';
import { useReply } from '~/lib/form-reply.tsx';

export const meta = pageTitle('console.operator.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'operator');
  const { actor, ability } = caller;
  await guard(() => assertCan(ability, 'manage', 'OrgUnit'));
  // Invitations are under RLS (decision 019): operators count them across communities in the maintenance scope.
  const invitations = await withMaintenance(actor, 'invitation counts', (tx) => invitationCountsByUnit(tx, { actor, ability }));
  return withMaintenance(actor, 'operator console', async (tx) => {
    const units = await listOrgUnits(tx, caller);
    const userCount = await countUsers(tx, caller);
    const calendar = await calendarOverview(tx, { actor, ability });
    return { units, invitations, userCount, calendar: { nextYear: calendar.nextYear, missing: calendar.nextYearMissing, provisional: calendar.provisional } };
  });
}

/** A refusal of the archive or the re-issue as the page's answer: 403 and 404 as pages, the others as a message. */
function refused(error: unknown) {
  if (error instanceof ForbiddenError) forbidden();
  if (!isRefusal(error)) throw error;
  const refusal = describeRefusal(error);
  if (refusal.status === 404) notFound();
  return data({ ok: false, invitation: null, archived: null, error: refusal.message }, { status: refusal.status });
}

// Suspend or reactivate a community (residents then see a notice; its staff can read but not act).
export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, communityRowFormSchema, 'operator');
  if (submission.status !== 'success') {
    // An archive without the community's name typed (the browser says it first, beside the field): said as a wrong name is.
    const wrong = Object.entries(submission.error ?? {}).filter(([, m]) => m?.length).map(([k]) => k);
    if (submission.payload.intent === 'archive' && wrong.length === 1 && wrong[0] === 'confirmName') return data({ ok: false, invitation: null, archived: null, error: 'operatorConsole.archiveNameMismatch' as const }, { status: 400 });
    badRequest();
  }
  const v = submission.value;
  const communityId = v.communityId;
  if (v.intent === 'archive') {
    const unit = await withMaintenance(actor, 'archive community', (tx) => getCommunity(tx, { actor, ability }, { communityId })).catch((e) => (isRefusal(e) ? notFound() : Promise.reject(e)));
    if (v.confirmName.trim() !== unit.name) return data({ ok: false, invitation: null, archived: null, error: 'operatorConsole.archiveNameMismatch' as const }, { status: 400 });
    try {
      await archiveWithExport({ actor, ability }, communityId);
      return withToast({ ok: true, invitation: null, archived: unit.name, error: null }, 'archived');
    } catch (error) {
      return refused(error);
    }
  }
  if (v.intent === 'reissue') {
    try {
      const issued = await withMaintenance(actor, 'reissue invitation', (tx) => reissueInvitation(tx, { actor, ability }, { communityId }));
      return withToast({ ok: true, archived: null, invitation: { link: `${new URL(request.url).origin}/invite/${issued.token}`, name: issued.adminName, community: issued.communityName }, error: null }, 'invitationIssued');
    } catch (error) {
      return refused(error);
    }
  }
  const status = v.status;
  try {
    await withMaintenance(actor, 'community status', (tx) => setCommunityStatus(tx, { actor, ability }, { communityId, status }));
    return withToast({ ok: true, invitation: null, archived: null, error: null }, status === 'active' ? 'reactivated' : 'suspended');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) notFound();
    throw error;
  }
}

export default function OperatorOverview() {
  const { t } = useTranslation();
  const { units, invitations, userCount, calendar } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // The archive form is checked in the browser with the action's schema: one without the name typed is not sent.
  const { err, check } = useReply(result, communityRowFormSchema);
  const countOf = (kind: string) => units.filter((u) => u.kind === kind).length;

  return (
    <div className="space-y-6">
      <PageHeader
        titleTestId="console-title"
        title={t('console.operator.title')}
        description={t('console.operator.intro')}
        actions={
          <Button asChild size="sm">
            <Link to="/operator/communities/new">{t('onboarding.title')}</Link>
          </Button>
        }
      />
      {calendar.missing || calendar.provisional ? (
        <Alert tone="warning" data-testid="calendar-alert">
          {calendar.missing ? t('calendarAdmin.missing', { year: calendar.nextYear }) : null} {calendar.provisional ? t('calendarAdmin.provisional', { count: calendar.provisional }) : null}{' '}
          <Link to="/operator/calendar" className="underline">
            {t('calendarAdmin.title')}
          </Link>
        </Alert>
      ) : null}
      {result?.invitation ? (
        <Alert tone="success">
          <p>{t('operatorConsole.reissued', { name: result.invitation.name, community: result.invitation.community })}</p>
          <input readOnly value={result.invitation.link} data-testid="invitation-link" aria-label={t('operatorConsole.reissue')} className="mt-2 w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" />
        </Alert>
      ) : result?.archived ? (
        <Alert tone="success">{t('operatorConsole.archived', { name: result.archived })}</Alert>
      ) : result?.error ? (
        <Alert tone="error">{t(result.error)}</Alert>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-4">
        {(
          [
            ['districts', countOf('district')],
            ['streets', countOf('street')],
            ['communities', countOf('community')],
            ['users', userCount],
          ] as const
        ).map(([k, n]) => (
          <Card key={k}>
            <CardBody>
              <dt className="text-sm text-slate-500">{t(`console.operator.${k}`)}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{n}</dd>
            </CardBody>
          </Card>
        ))}
      </dl>
      {units.length === 0 ? (
        <EmptyState title={t('common.empty')} />
      ) : (
        <section className="space-y-2">
          <h2 className="text-base font-semibold text-slate-900">{t('nav.hierarchy')}</h2>
          <OrgTreeTable
            units={units}
            caption={t('nav.hierarchy')}
            name={(u, indent) => (
              <span style={indent}>
                <span className="font-medium text-slate-900">{u.name}</span>
                {invitations[u.id] ? (
                  <span className="ml-2 text-xs text-slate-500" data-testid={`invitations-${u.code ?? u.id}`}>
                    {t('operatorConsole.invitations', invitations[u.id])}
                  </span>
                ) : null}
              </span>
            )}
            actions={{
              label: t('staff.actions'),
              cell: (u) => (
                <>
                  {u.kind === 'community' ? (
                    <PostForm hiddenFields={{ communityId: u.id }} className="inline-flex flex-wrap items-center justify-end gap-2">
                      <Badge tone={tenantStatusTone(u.status)} data-testid={`status-${u.code}`}>
                        {t(`operatorConsole.status.${u.status}`)}
                      </Badge>
                      {u.status === 'active' ? (
                        <button name="status" value="suspended" className="text-xs text-slate-600 underline" aria-label={`${t('operatorConsole.suspend')}：${u.name}`}>
                          {t('operatorConsole.suspend')}
                        </button>
                      ) : u.status === 'suspended' ? (
                        <button name="status" value="active" className="text-xs text-slate-600 underline" aria-label={`${t('operatorConsole.reactivate')}：${u.name}`}>
                          {t('operatorConsole.reactivate')}
                        </button>
                      ) : null}
                      {u.status !== 'archived' ? (
                        <button name="intent" value="reissue" className="text-xs text-slate-600 underline" aria-label={`${t('operatorConsole.reissue')}：${u.name}`}>
                          {t('operatorConsole.reissue')}
                        </button>
                      ) : null}
                      <a href={`/operator/communities/${u.id}/export`} download className="text-xs text-slate-600 underline" aria-label={`${t('operatorConsole.export')}：${u.name}`}>
                        {t('operatorConsole.export')}
                      </a>
                      {u.status !== 'archived' ? (
                        <>
                          <a href={`/operator/communities/${u.id}/poster/community/pdf`} download className="text-xs text-slate-600 underline" aria-label={`${t('poster.pdf')}：${u.name}`}>
                            {t('poster.pdf')}
                          </a>
                          <a href={`/operator/communities/${u.id}/poster/all/pdf`} download className="text-xs text-slate-600 underline" aria-label={`${t('poster.zip')}：${u.name}`}>
                            {t('poster.zip')}
                          </a>
                        </>
                      ) : null}
                    </PostForm>
                  ) : null}
                  {u.kind === 'community' && u.status === 'suspended' ? (
                    <PostForm {...check(`archive:${u.id}`)} hiddenFields={{ communityId: u.id }} className="mt-1 flex flex-wrap items-center justify-end gap-2" title={t('operatorConsole.archiveHint')}>
                      <input name="confirmName" required placeholder={t('operatorConsole.archiveConfirm')} aria-label={`${t('operatorConsole.archiveConfirm')}：${u.name}`} aria-invalid={err(`archive:${u.id}`, 'confirmName') ? true : undefined} aria-describedby={`archive-${u.id}-error`} className="h-7 w-48 rounded border border-slate-300 px-2 text-xs" />
                      <button name="intent" value="archive" className="text-xs font-medium text-red-700 underline" aria-label={`${t('operatorConsole.archive')}：${u.name}`}>
                        {t('operatorConsole.archive')}
                      </button>
                      <FieldError id={`archive-${u.id}-error`}>{err(`archive:${u.id}`, 'confirmName')}</FieldError>
                    </PostForm>
                  ) : null}
                </>
              ),
            }}
          />
        </section>
      )}
    </div>
  );
}
