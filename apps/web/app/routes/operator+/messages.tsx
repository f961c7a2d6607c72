import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { OUTBOX_STATES } from '@shequ/domain';
import { ForbiddenError } from '@shequ/permissions';
import { listOutbox, outboxCounts, retryFailedMessage } from '@shequ/use-cases';
import { Alert } from '~/components/ui/alert.tsx';
import { Card, CardBody, CardHeader, CardSection, CardTitle } from '~/components/ui/card.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { db } from '~/lib/db.server.ts';
import { forbidden, guard, notFound } from '~/lib/http.server.ts';
import { readMailbox } from '~/routes/operator+/messages.server.ts';
import { queueCounts } from '~/lib/queues.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { retryMessageSchema } from '@shequ/use-cases/schemas';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { isRefusal } from '~/lib/refusal.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('messagesAdmin.title');

// Operators watch delivery: queue counts, the outbox by state, failed messages to send again, the dev mailbox.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'operator');
  const [counts, failed, queues, mailbox] = await guard(() => Promise.all([outboxCounts(db, caller), listOutbox(db, caller, { state: 'failed' }), queueCounts(), readMailbox()]));
  // A resident's number is stored sealed: show that it is one, not the ciphertext.
  return { counts, failed: failed.map((f) => ({ ...f, recipient: f.recipient.startsWith('sealed:') ? '***' : f.recipient })), queues, mailbox };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, retryMessageSchema, 'operator');
  const id = submission.status === 'success' ? submission.value.id : null;
  if (!isUuid(id)) notFound();
  try {
    await retryFailedMessage(db, { actor, ability }, { id });
    return withToast({ retried: true }, 'retried');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) notFound();
    throw error;
  }
}

export default function MessagesPage() {
  const { t, i18n } = useTranslation();
  const { counts, failed, queues, mailbox } = useLoaderData<typeof loader>();
  const time = (iso: string | Date | null) => (iso ? new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }) : '—');
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader title={t('messagesAdmin.title')} description={t('messagesAdmin.intro')} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t('messagesAdmin.queues')}</CardTitle>
          </CardHeader>
          {queues ? (
            <DataTable
              rows={Object.entries(queues).map(([name, counts]) => ({ name, counts: counts as Record<string, number | undefined> }))}
              rowKey={(q) => q.name}
              pageSize={0}
              className="px-4 pb-4"
              data-testid="queue-counts"
              columns={[
                { id: 'queue', header: t('messagesAdmin.queue'), cell: (q) => q.name, sortValue: (q) => q.name, className: 'font-mono' },
                ...(['waiting', 'delayed', 'active', 'failed'] as const).map((k) => ({
                  id: k,
                  header: t(`messagesAdmin.counts.${k}`),
                  cell: (q: { counts: Record<string, number | undefined> }) => <span className={k === 'failed' && q.counts[k] ? 'text-red-700' : undefined}>{q.counts[k] ?? 0}</span>,
                  sortValue: (q: { counts: Record<string, number | undefined> }) => q.counts[k] ?? 0,
                  className: 'tabular-nums',
                })),
              ]}
            />
          ) : (
            <CardBody>
              <Alert tone="warning">{t('messagesAdmin.queuesDown')}</Alert>
            </CardBody>
          )}
        </Card>
        <CardSection title={t('messagesAdmin.outbox')} bodyClassName="flex flex-wrap gap-4 text-sm">
          {OUTBOX_STATES.map((s) => (
            <span key={s} data-testid={`outbox-${s}`}>
              {t(`messagesAdmin.states.${s}`)} <strong className="tabular-nums">{counts[s] ?? 0}</strong>
            </span>
          ))}
        </CardSection>
      </div>
      <CardSection title={t('messagesAdmin.failed')}>
        <DataTable
          rows={failed}
          rowKey={(m) => m.id}
          empty={t('messagesAdmin.noFailed')}
          columns={[
            { id: 'channel', header: t('messagesAdmin.columns.channel'), cell: (m) => t(`messagesAdmin.channels.${m.channel}`), sortValue: (m) => m.channel },
            { id: 'recipient', header: t('messagesAdmin.columns.recipient'), cell: (m) => m.recipient, sortValue: (m) => m.recipient },
            { id: 'subject', header: t('messagesAdmin.columns.subject'), cell: (m) => m.subject },
            { id: 'attempts', header: t('messagesAdmin.columns.attempts'), cell: (m) => m.attempts, sortValue: (m) => m.attempts, className: 'tabular-nums' },
            { id: 'error', header: t('messagesAdmin.columns.error'), cell: (m) => m.lastError, className: 'max-w-xs truncate text-red-700' },
            {
              id: 'retry',
              header: <span className="sr-only">{t('messagesAdmin.retry')}</span>,
              label: t('messagesAdmin.retry'),
              cell: (m) => (
                <PostForm hiddenFields={{ id: m.id }}>
                  <button className="text-brand-700 underline">{t('messagesAdmin.retry')}</button>
                </PostForm>
              ),
            },
          ]}
        />
      </CardSection>
      <Card>
        <CardHeader>
          <CardTitle>{t('messagesAdmin.mailbox')}</CardTitle>
        </CardHeader>
        {mailbox.length === 0 ? (
          <CardBody>
            <EmptyState title={t('messagesAdmin.noMail')} />
          </CardBody>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="mailbox">
            {mailbox.map((m) => (
              <li key={m.channel + m.file} className="px-5 py-3 text-sm">
                <p className="font-medium text-slate-900">
                  [{t(`messagesAdmin.channels.${m.channel as 'email'}`)}] {m.subject}
                </p>
                <p className="text-slate-600">
                  {m.recipient} · {time(m.at)}
                </p>
                <p className="mt-1 whitespace-pre-wrap text-slate-700">{m.body}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
