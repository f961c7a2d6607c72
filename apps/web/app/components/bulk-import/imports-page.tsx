import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { importsLoader } from '~/routes/operator+/imports.server.ts';
import { Button } from '../ui/button.tsx';
import { Card, CardBody } from '../ui/card.tsx';
import { DataTable } from '../ui/data-table.tsx';
import { FieldError } from '../ui/field.tsx';
import { FileInput } from '../ui/file-input.tsx';
import { Label } from '../ui/label.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { PostForm } from '~/components/ui/post-form.tsx';
import { onboardingFileSchema } from '@shequ/use-cases/schemas';
import { useReply } from '~/lib/form-reply.tsx';

type LoaderData = Awaited<ReturnType<ReturnType<typeof importsLoader>>>;
type ActionData = { error: RefusalMessage | 'bulkImport.errors.noFile' | null; params: Record<string, string | number> };

/** Upload a bulk onboarding file (the dry run), and the recent imports. */
export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const { imports, base } = useLoaderData<LoaderData>();
  const result = useActionData<ActionData>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  // Checked in the browser with the action's schema: no file chosen is said beside the field, and nothing is sent.
  const { err, check, sent } = useReply(result, onboardingFileSchema);
  const fileError = sent ? err('import', 'file') : result?.error ? t(result.error, result.params) : null;
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={t('bulkImport.title')} description={t('bulkImport.intro')}>
        <p className="mt-1 text-sm text-slate-500">{t('bulkImport.columns')}</p>
      </PageHeader>
      <Card>
        <CardBody>
          <PostForm {...check('import')} encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
            <div className="space-y-1">
              {/* The kit's file control: 选择文件 / 未选择文件 in the page's words, not the browser's "Choose File". */}
              <Label htmlFor="import-file" className="block font-normal text-slate-600">
                {t('bulkImport.file')}
              </Label>
              <FileInput
                id="import-file"
                name="file"
                required
                shrink={false}
                accept=".csv,.xlsx,.txt,.tsv,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-invalid={fileError ? true : undefined}
                aria-describedby={fileError ? 'import-file-error' : undefined}
              />
              {/* Every refusal of this form is about the file (none, too large, unreadable, columns): beside it. */}
              <FieldError id="import-file-error" data-testid="import-file-error">
                {fileError}
              </FieldError>
            </div>
            <Button disabled={busy}>{t('bulkImport.check')}</Button>
            <a href={`${base}/imports/template?format=xlsx`} download className="text-sm text-brand-700 underline">
              {t('bulkImport.templateXlsx')}
            </a>
            <a href={`${base}/imports/template`} download className="text-sm text-brand-700 underline">
              {t('bulkImport.template')}
            </a>
            <p className="basis-full text-xs text-slate-500">{t('bulkImport.templateHint')}</p>
          </PostForm>
        </CardBody>
      </Card>
      <h2 className="text-base font-semibold text-slate-900">{t('bulkImport.recent')}</h2>
      <DataTable
        rows={imports}
        rowKey={(i) => i.id}
        empty={t('bulkImport.noImports')}
        initialSort={{ id: 'createdAt', desc: true }}
        columns={[
          {
            id: 'fileName',
            header: t('bulkImport.fileName'),
            sortValue: (i) => i.fileName,
            cell: (i) => (
              <Link to={`${base}/imports/${i.id}`} className="text-brand-700 underline">
                {i.fileName}
              </Link>
            ),
          },
          { id: 'createdAt', header: t('bulkImport.createdAt'), sortValue: (i) => new Date(i.createdAt).getTime(), cell: (i) => new Date(i.createdAt).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai' }), className: 'tabular-nums text-slate-500' },
          { id: 'rows', header: t('bulkImport.rows'), sortValue: (i) => i.total, cell: (i) => i.total, className: 'tabular-nums' },
          { id: 'status', header: t('bulkImport.statusHeader'), sortValue: (i) => i.status, cell: (i) => t(`bulkImport.status.${i.status}`), className: 'text-slate-600' },
        ]}
      />
    </div>
  );
}
