import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { importsLoader } from '~/routes/operator+/imports.server.ts';
import { CsrfInput } from '../csrf-input.tsx';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardBody } from '../ui/card.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import type { RefusalMessage } from '~/lib/refusal.ts';

type LoaderData = Awaited<ReturnType<ReturnType<typeof importsLoader>>>;
type ActionData = { error: RefusalMessage | 'bulkImport.errors.noFile' | null; params: Record<string, string | number> };

/** Upload a bulk onboarding file (the dry run), and the recent imports. */
export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const { imports, base } = useLoaderData<LoaderData>();
  const result = useActionData<ActionData>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={t('bulkImport.title')} description={t('bulkImport.intro')}>
        <p className="mt-1 text-sm text-slate-500">{t('bulkImport.columns')}</p>
      </PageHeader>
      {result?.error ? <Alert tone="error">{t(result.error, result.params)}</Alert> : null}
      <Card>
        <CardBody>
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
            <CsrfInput />
            <label className="text-sm text-slate-600">
              {t('bulkImport.file')}
              <input type="file" name="file" required accept=".csv,.xlsx,.txt,.tsv,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1 block text-sm" />
            </label>
            <Button disabled={busy}>{t('bulkImport.check')}</Button>
            <a href={`${base}/imports/template?format=xlsx`} download className="text-sm text-brand-700 underline">
              {t('bulkImport.templateXlsx')}
            </a>
            <a href={`${base}/imports/template`} download className="text-sm text-brand-700 underline">
              {t('bulkImport.template')}
            </a>
            <p className="basis-full text-xs text-slate-500">{t('bulkImport.templateHint')}</p>
          </Form>
        </CardBody>
      </Card>
      <h2 className="text-base font-semibold text-slate-900">{t('bulkImport.recent')}</h2>
      {imports.length === 0 ? (
        <EmptyState title={t('bulkImport.noImports')} />
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">{t('bulkImport.fileName')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.createdAt')}</th>
                <th className="px-4 py-2 font-medium">{t('bulkImport.rows')}</th>
                <th className="px-4 py-2 font-medium" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {imports.map((i) => (
                <tr key={i.id}>
                  <td className="px-4 py-2">
                    <Link to={`${base}/imports/${i.id}`} className="text-brand-700 underline">
                      {i.fileName}
                    </Link>
                  </td>
                  <td className="px-4 py-2 tabular-nums text-slate-500">{new Date(i.createdAt).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai' })}</td>
                  <td className="px-4 py-2 tabular-nums">{i.total}</td>
                  <td className="px-4 py-2 text-slate-600">{t(`bulkImport.status.${i.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
