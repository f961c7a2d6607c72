import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useFetcher } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isMessageKey, useLooseT } from '~/lib/i18n.ts';
import { assertCan, subject } from '@shequ/permissions';
import { type ImportRow, importResidents } from '@shequ/use-cases';
import { importResidentsFormSchema } from '@shequ/use-cases/schemas';
import { refusalMessage } from '~/lib/refusal.ts';
import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { MAX_ROSTER_BYTES } from '@shequ/domain';
import { bodyTooLarge, FORM_OVERHEAD_BYTES, takesBodyUpTo } from '~/lib/body-limit.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { badRequest } from '~/lib/forms.server.ts';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { Checkbox } from '~/components/ui/checkbox-group.tsx';
import { Field, FieldError } from '~/components/ui/field.tsx';
import { FileInput } from '~/components/ui/file-input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { guard } from '~/lib/http.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, refusalReply } from '~/lib/staff-scope.server.ts';
import { registerCaller, registerSubmission } from './residents.server.ts';
import { ImportRows } from '~/components/bulk-import/import-rows.tsx';

export const meta = pageTitle('residents.import');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await registerCaller(request);
  // Only the office imports (not grid workers): the same check the use case makes.
  await guard(() => assertCan(caller.ability, 'create', subject('Resident', { tenantId: caller.tenantId, gridWorkerId: null })));
  return {};
}

/** Bodies above this are answered without reading the form (decision 060): a roster of MAX_ROSTER_BYTES and the consent. */
export const handle = takesBodyUpTo(MAX_ROSTER_BYTES + FORM_OVERHEAD_BYTES);

/**
 * 预检查 and 导入 post the same form (the page keeps the chosen file, as the form is sent without leaving the page):
 * the use case reads the file again each time, so what is imported is exactly what was checked.
 */
export async function action({ request }: ActionFunctionArgs) {
  // A file too large to read: the use case's own message, beside the file field.
  if (bodyTooLarge(request, handle)) {
    const result: SubmissionResult<string[]> = { status: 'error', error: { file: ['refusals.resident.import.tooLarge'] } };
    return data({ form: 'import', result, params: { maxMb: MAX_ROSTER_BYTES / 1024 / 1024 } }, { status: 413 });
  }
  const { caller, submission } = await registerSubmission(request, importResidentsFormSchema);
  if (submission.status !== 'success') {
    if (submission.error?.intent) badRequest();
    return data({ form: 'import', result: submission.reply(), params: {} }, { status: 400 });
  }
  const { file, intent, consent } = submission.value;
  const commit = intent === 'commit';
  const bytes = new Uint8Array(await file.arrayBuffer());
  const done = await actAsStaff(caller, (tx) => importResidents(tx, caller, { bytes, fileName: file.name, commit, consent, cipher: caseDeps.cipher }));
  // A refusal about the file (empty, unreadable, too large …) or the consent sits beside it.
  if (!done.ok) return refusalReply(done.error, (o) => submission.reply(o), { form: 'import', fields: { consent: 'consent' }, unnamed: 'file' });
  const report = { ...done.value, committed: commit };
  return commit ? withToast(report, 'residents.imported', { count: done.value.imported }) : withToast(report, 'residents.checked');
}

const FIELD_LABEL: Record<string, string> = { buildingId: 'building', tagIds: 'tags' };

export default function ImportResidents() {
  const { t, i18n } = useTranslation();
  const tx = useLooseT();
  const fetcher = useFetcher<typeof action>();
  const result = fetcher.data;
  const report = result && 'rows' in result ? result : null;
  // The file's and the consent's messages beside them (checked in the browser first, then by the use case).
  const [form, fields] = useSchemaForm(importResidentsFormSchema, { id: 'import', actionData: result });
  const f = fields as unknown as Record<'file' | 'consent', { id: string; errors?: string[] }>;
  const tr = useErrorText(result && 'params' in result ? result.params : undefined);
  const busy = fetcher.state !== 'idle';
  const reason = (r: ImportRow['reasons'][number]) => {
    const p = r.params as Record<string, string | number>;
    const fieldKey = typeof p.field === 'string' ? `residents.fields.${FIELD_LABEL[p.field] ?? p.field}` : null;
    const field = fieldKey && isMessageKey(i18n, fieldKey) ? String(t(fieldKey)) : null;
    // A duplicate of an earlier row names the field that repeats (mobile, ID number: both when both do).
    if (p.line) return [field ? `${field}：` : '', t('residents.importPage.earlierRow', { line: p.line })].join('');
    const text = tx(refusalMessage(r.code), p);
    if (p.inRegister) return `${text}（${t('residents.importPage.inRegister')}）`;
    const detail = p.building ?? p.tags;
    return [field ? `${field}：${text}` : text, detail ? `（${detail}）` : ''].join('');
  };
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={t('residents.import')} description={t('residents.importPage.intro')} />
      <Link to="/community/residents" className="text-sm text-brand-700 underline">
        {t('residents.back')}
      </Link>
      <Card>
        <CardBody>
          <fetcher.Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-3">
            <CsrfInput />
            <p className="text-sm text-slate-600">{t('residents.importPage.columns')}</p>
            <p className="text-sm text-slate-600">
              <a href="/community/residents/import-template" download className="font-medium text-brand-700 underline" data-testid="import-template">
                {t('residents.importPage.template')}
              </a>
              <span className="block text-xs text-slate-500">{t('residents.importPage.templateHint')}</span>
            </p>
            {form.errors?.length ? <Alert tone="error">{tr(form.errors[0])}</Alert> : null}
            <Field id={f.file.id} label={t('residents.importPage.file')} error={tr(f.file.errors?.[0])}>
              <FileInput maxBytes={MAX_ROSTER_BYTES} shrink={false} name="file" chooseLabel={t('residents.importPage.fileChoose')} accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" data-testid="import-file" />
            </Field>
            <div>
              <Checkbox name="consent" label={t('residents.importPage.consent')} data-testid="import-consent" aria-invalid={f.consent.errors ? true : undefined} aria-describedby={f.consent.errors ? `${f.consent.id}-error` : undefined} />
              <FieldError id={`${f.consent.id}-error`}>{tr(f.consent.errors?.[0])}</FieldError>
            </div>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" name="intent" value="check" variant="secondary" disabled={busy} data-testid="import-check">
                {t('residents.importPage.check')}
              </Button>
              {report && !report.committed && report.counts.ok > 0 ? (
                <Button type="submit" name="intent" value="commit" disabled={busy} data-testid="import-commit">
                  {t('residents.importPage.commit', { count: report.counts.ok })}
                </Button>
              ) : null}
            </div>
          </fetcher.Form>
        </CardBody>
      </Card>
      {report ? (
        <ImportRows
          committed={report.committed}
          summary={report.committed ? t('residents.importPage.imported', { count: report.imported }) : t('residents.importPage.result', { total: report.rows.length, ...report.counts })}
          rows={report.rows}
          headers={{ line: t('residents.importPage.columnsLine'), name: t('residents.importPage.columnsName'), status: t('residents.importPage.columnsStatus'), reason: t('residents.importPage.columnsReasons') }}
          line={(n) => t('residents.importPage.row', { line: n })}
          name={(r) => r.nameHint}
          status={(r) => t(`residents.importPage.rowStatus.${r.status}`)}
          reason={(r) => r.reasons.map(reason).join('；')}
        />
      ) : null}
    </div>
  );
}
