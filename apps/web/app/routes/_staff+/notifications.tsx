import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { fillTemplate, formatTrackingCode, NOTIFICATION_CHANNELS, workspaceKindOf } from '@shequ/domain';
import { listNotifications, markNotificationsRead, notificationChannels, setNotificationChannels } from '@shequ/use-cases';
import { notificationsFormSchema } from '@shequ/use-cases/schemas';
import { AppShell } from '~/components/app-shell.tsx';
import { ErrorPage } from '~/components/error-page.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardSection } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { withActor } from '~/lib/db.server.ts';
import { CONSOLE_PATH, requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { shellData } from '~/lib/shell.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { withToast } from '~/lib/toast.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { PostButton, PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('bell.title');

// The bell's page: the signed-in user's own notifications, and the channels they want beyond the app.
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireActor(request);
  const { workspace } = ctx.actor;
  const [items, channels] = await withActor(ctx.actor, async (tx) => [await listNotifications(tx, ctx), await notificationChannels(tx, ctx)] as const);
  const kind = workspaceKindOf(workspace.role);
  return { ...(await shellData(ctx)), items, channels, kind, home: CONSOLE_PATH[kind], tenantId: workspace.tenantId ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, notificationsFormSchema);
  if (submission.status !== 'success') return { saved: false, error: 'errors.badRequest' };
  if (submission.value.intent === 'channels') {
    try {
      await withActor(actor, (tx) => setNotificationChannels(tx, { actor, ability }, { channels: submission.value.channels }));
      return withToast({ saved: true, error: null }, 'notificationsSaved');
    } catch (error) {
      if (isRefusal(error)) {
        const refusal = describeRefusal(error);
        return data({ saved: false, error: refusal.message }, { status: refusal.status });
      }
      throw error;
    }
  }
  await withActor(actor, (tx) => markNotificationsRead(tx, { actor, ability }));
  return withToast({ saved: false, error: null }, 'allRead');
}

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  // The channels form is checked in the browser with the action's schema (nothing is sent that it refuses); a refusal
  // of the server is said above the form.
  const { alert, check } = useReply(result, notificationsFormSchema);
  const tr = useErrorText();
  // A case of another community the user also works in opens through the workspace chooser, which then goes to it
  // (the case page answers only in its own community's workspace: it answered 404 from the bell).
  const inOtherCommunity = (n: (typeof data.items)[number]) => data.kind === 'community' && n.communityId !== data.tenantId;
  /** A community page of the notice's community: directly in its own workspace, else through the chooser. */
  const inCommunity = (n: (typeof data.items)[number], to: string) => (inOtherCommunity(n) ? `/workspaces?redirectTo=${encodeURIComponent(to)}` : to);
  const link = (n: (typeof data.items)[number]) =>
    !n.caseId || !n.communityId
      ? null
      : data.kind === 'community'
        ? inCommunity(n, `/community/cases/${n.caseId}`)
        : data.kind === 'org'
          ? `/org/cases/${n.communityId}/${n.caseId}`
          : null;
  // Care notices (issue 20): a major change opens the person's care page, a grid hand-over the roster of that grid.
  const careLink = (n: (typeof data.items)[number]): { to: string; label: string } | null => {
    if (data.kind !== 'community') return null;
    const d = (n.data ?? {}) as Record<string, unknown>;
    if (n.kind === 'care_major_change' && typeof d.residentId === 'string') return { to: inCommunity(n, `/community/care/${d.residentId}`), label: t('care.notifyOpenPerson') };
    if (n.kind === 'care_handover') return { to: inCommunity(n, typeof d.gridId === 'string' ? `/community/care?grid=${d.gridId}` : '/community/care'), label: t('care.notifyOpenRoster') };
    return null;
  };
  // The same filler as the email (optional parts vanish when empty); codes in the one shown form, old rows included.
  const render = (template: string, values: Record<string, unknown>) => fillTemplate(template, typeof values.code === 'string' ? { ...values, code: formatTrackingCode(values.code) } : values);
  return (
    <AppShell data={data} nav={[{ to: data.home, label: t('nav.overview'), end: true }, { to: '/notifications', label: t('bell.title') }]}>
      <div className="max-w-3xl space-y-4">
        <div className="flex items-center justify-between">
          <h1 className="text-xl font-semibold text-slate-900">{t('bell.title')}</h1>
          {data.unread ? (
            <PostButton intent="read" variant="secondary" busy={busy}>
              {t('bell.markRead')}
            </PostButton>
          ) : null}
        </div>
        {data.items.length === 0 ? (
          <EmptyState title={t('bell.empty')} />
        ) : (
          <Card>
            <ul className="divide-y divide-slate-100" data-testid="notifications">
              {data.items.map((n) => {
                const words = t(`notify.${n.kind}` as 'notify', { returnObjects: true }) as unknown as { subject: string; body: string };
                const href = link(n);
                const care = careLink(n);
                return (
                  <li key={n.id} className={n.readAt ? 'px-5 py-3' : 'bg-amber-50/60 px-5 py-3'}>
                    <p className="text-sm font-medium text-slate-900">{render(words.subject, n.data)}</p>
                    <p className="mt-0.5 text-sm text-slate-600">{render(words.body, n.data)}</p>
                    <p className="mt-1 text-xs text-slate-500">
                      {new Date(n.createdAt).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' })}
                      {href ? (
                        <Link to={href} className="ml-3 text-brand-700 underline">
                          {t('bell.open')}
                        </Link>
                      ) : care ? (
                        <Link to={care.to} className="ml-3 text-brand-700 underline" data-testid="notification-care-link">
                          {care.label}
                        </Link>
                      ) : null}
                    </p>
                  </li>
                );
              })}
            </ul>
          </Card>
        )}
        <CardSection title={t('bell.channels')}>
          {result?.saved ? <Alert tone="success">{t('bell.saved')}</Alert> : result?.error ? <Alert tone="error">{tr(result.error)}</Alert> : null}
          <PostForm {...check('channels')} className="space-y-3 text-sm">
            {alert('channels')}
            <p className="text-slate-600">{t('bell.channelsHint')}</p>
            {NOTIFICATION_CHANNELS.map((c) => (
              <label key={c} className="mr-4 inline-flex items-center gap-1">
                <input type="checkbox" name="channels" value={c} defaultChecked={data.channels.includes(c)} /> {t(`bell.channelNames.${c}`)}
              </label>
            ))}
            <div>
              <Button size="sm" name="intent" value="channels" disabled={busy}>
                {t('bell.save')}
              </Button>
            </div>
          </PostForm>
        </CardSection>
      </div>
    </AppShell>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
