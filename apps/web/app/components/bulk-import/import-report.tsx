import { useEffect } from 'react';
import { useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { importLoader } from '~/routes/operator+/imports.server.ts';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { DataTable } from '../ui/data-table.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { isMessageKey } from '~/lib/i18n.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

type LoaderData = Awaited<ReturnType<ReturnType<typeof importLoader>>>;

/** The dry-run report of one file, the button that imports it, its progress, and the invitation list at the end. */
export function ImportReport() {
  const { t, i18n } = useTranslation();
  // A row's problem by its reason (bulkImport.reasons.*); one this version has no words for shows as itself.
  const reason = (key: string) => (isMessageKey(i18n, key) ? String(t(key)) : key);
  const job = useLoaderData<LoaderData>();
  const result = useActionData<{ error: RefusalMessage | null }>();
  const busy = useNavigation().state !== 'idle';
  const revalidator = useRevalidator();
  const running = job.status === 'queued' || job.status === 'running';
  // While the worker imports, refresh the figures every second.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const importable = job.summary.toCreate + job.summary.existing;
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader title={`${t('bulkImport.report')}：${job.fileName}`} error={result?.error ? t(result.error) : null}>
        <p className="mt-1 text-sm text-slate-600" data-testid="import-summary">
          {t('bulkImport.total', { count: job.summary.total })} · {t('bulkImport.toCreate', { count: job.summary.toCreate })} · {t('bulkImport.existing', { count: job.summary.existing })} ·{' '}
          <span className={job.summary.invalid ? 'font-medium text-red-700' : ''}>{t('bulkImport.invalid', { count: job.summary.invalid })}</span>
        </p>
      </PageHeader>

      {job.status === 'checked' ? (
        <PostForm>
          <Button disabled={busy || importable === 0}>{importable ? t('bulkImport.start', { count: job.summary.toCreate }) : t('bulkImport.nothingToImport')}</Button>
        </PostForm>
      ) : running ? (
        <div role="status" aria-live="polite" className="space-y-2" data-testid="import-progress">
          <p className="text-sm text-slate-700">{job.status === 'queued' ? t('bulkImport.queued') : t('bulkImport.progress', { done: job.processed, total: importable })}</p>
          <div className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-200">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${importable ? Math.round((job.processed / importable) * 100) : 0}%` }} />
          </div>
        </div>
      ) : job.status === 'done' ? (
        <Alert tone="success">
          <p data-testid="import-finished">{t('bulkImport.finished', { created: job.outcomes.created, existing: job.outcomes.exists, failed: job.outcomes.failed })}</p>
          <p className="mt-2">
            <a href={`${job.base}/imports/${job.id}/invitations`} download className="font-medium underline">
              {t('bulkImport.invitations')}
            </a>
          </p>
          <p className="mt-1 text-xs">{t('bulkImport.invitationsHint')}</p>
        </Alert>
      ) : (
        <Alert tone="error">{t('bulkImport.failedRun')}</Alert>
      )}

      {job.problems.length ? (
        <section className="space-y-2" data-testid="import-problems">
          <h2 className="font-medium text-red-700">{t('bulkImport.invalid', { count: job.problems.length })}</h2>
          <DataTable
            rows={job.problems}
            rowKey={(p) => String(p.line)}
            rowTestId="problem-row"
            initialSort={{ id: 'line' }}
            columns={[
              { id: 'line', header: t('bulkImport.line'), cell: (p) => p.line, sortValue: (p) => p.line, className: 'tabular-nums' },
              { id: 'street', header: t('bulkImport.street'), cell: (p) => p.street, sortValue: (p) => p.street },
              { id: 'community', header: t('bulkImport.community'), cell: (p) => p.community, sortValue: (p) => p.community },
              { id: 'code', header: t('bulkImport.code'), cell: (p) => p.adminCode, className: 'tabular-nums' },
              { id: 'reasons', header: t('bulkImport.reasonsHeader'), cell: (p) => p.errors.map((e) => reason(`bulkImport.reasons.${e}`)).join('；'), className: 'text-red-700' },
            ]}
          />
        </section>
      ) : null}

      {job.failures.length ? (
        <Alert tone="error">
          {job.failures.map((f) => (
            <p key={f.line}>
              {t('bulkImport.line')} {f.line}：
              {f.forbidden ? t('bulkImport.reasons.outsideScope') : f.message ? t(f.message) : t('errors.badRequest')}
            </p>
          ))}
        </Alert>
      ) : null}

      <DataTable
        rows={job.planned}
        rowKey={(r) => String(r.line)}
        initialSort={{ id: 'line' }}
        maxHeight="70vh"
        columns={[
          { id: 'line', header: t('bulkImport.line'), cell: (r) => r.line, sortValue: (r) => r.line, className: 'tabular-nums' },
          { id: 'street', header: t('bulkImport.street'), cell: (r) => r.street, sortValue: (r) => r.street },
          { id: 'community', header: t('bulkImport.community'), cell: (r) => r.community, sortValue: (r) => r.community },
          { id: 'code', header: t('bulkImport.code'), cell: (r) => r.adminCode, sortValue: (r) => r.adminCode, className: 'tabular-nums' },
          { id: 'slug', header: t('bulkImport.slug'), cell: (r) => r.slug, className: 'font-mono text-xs' },
          { id: 'existing', header: <span className="sr-only">{t('bulkImport.result.exists')}</span>, label: t('bulkImport.result.exists'), cell: (r) => (r.existing ? t('bulkImport.result.exists') : ''), sortValue: (r) => (r.existing ? 1 : 0), className: 'text-slate-500' },
        ]}
      />
    </div>
  );
}
