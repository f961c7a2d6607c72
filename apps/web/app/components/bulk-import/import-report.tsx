import { useEffect } from 'react';
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { importLoader } from '~/routes/operator+/imports.server.ts';
import { CsrfInput } from '../csrf-input.tsx';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardBody } from '../ui/card.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { isMessageKey } from '~/lib/i18n.ts';

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
      <PageHeader title={`${t('bulkImport.report')}：${job.fileName}`}>
        <p className="mt-1 text-sm text-slate-600" data-testid="import-summary">
          {t('bulkImport.total', { count: job.summary.total })} · {t('bulkImport.toCreate', { count: job.summary.toCreate })} · {t('bulkImport.existing', { count: job.summary.existing })} ·{' '}
          <span className={job.summary.invalid ? 'font-medium text-red-700' : ''}>{t('bulkImport.invalid', { count: job.summary.invalid })}</span>
        </p>
      </PageHeader>
      {result?.error ? <Alert tone="error">{t(result.error)}</Alert> : null}

      {job.status === 'checked' ? (
        <Form method="post">
          <CsrfInput />
          <Button disabled={busy || importable === 0}>{importable ? t('bulkImport.start', { count: job.summary.toCreate }) : t('bulkImport.nothingToImport')}</Button>
        </Form>
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
        <Card className="overflow-x-auto" data-testid="import-problems">
          <table className="w-full text-left text-sm">
            <caption className="px-4 py-2 text-left font-medium text-red-700">{t('bulkImport.invalid', { count: job.problems.length })}</caption>
            <thead className="bg-slate-50 text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">{t('bulkImport.line')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.street')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.community')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.code')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.reasonsHeader')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {job.problems.map((p) => (
                <tr key={p.line} data-testid="problem-row">
                  <td className="px-4 py-2 tabular-nums">{p.line}</td>
                  <td className="px-4 py-2">{p.street}</td>
                  <td className="px-4 py-2">{p.community}</td>
                  <td className="px-4 py-2 tabular-nums">{p.adminCode}</td>
                  <td className="px-4 py-2 text-red-700">{p.errors.map((e) => reason(`bulkImport.reasons.${e}`)).join('；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
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

      <Card className="overflow-x-auto">
        <CardBody className="p-0">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">{t('bulkImport.line')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.street')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.community')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.code')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.slug')}</th>
                <th className="px-4 py-2 font-medium" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {job.planned.map((r) => (
                <tr key={r.line}>
                  <td className="px-4 py-2 tabular-nums">{r.line}</td>
                  <td className="px-4 py-2">{r.street}</td>
                  <td className="px-4 py-2">{r.community}</td>
                  <td className="px-4 py-2 tabular-nums">{r.adminCode}</td>
                  <td className="px-4 py-2 font-mono text-xs">{r.slug}</td>
                  <td className="px-4 py-2 text-slate-500">{r.existing ? t('bulkImport.result.exists') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardBody>
      </Card>
    </div>
  );
}
