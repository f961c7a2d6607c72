import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { findResidents, getResident, mergeResidents } from '@shequ/use-cases';
import { mergeDuplicateSchema } from '@shequ/use-cases/schemas';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { ConfirmButton } from '~/components/ui/dialog.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { optionalText } from '~/lib/query-params.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { z } from '~/lib/validation.ts';
import { actAsStaff, refusalData, runAsStaff } from '~/lib/staff-scope.server.ts';
import { registerCaller, registerSubmission } from './residents.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('residents.merge', dataField('keep.nameHint'));

const querySchema = z.object({ q: optionalText(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await registerCaller(request);
  const { q } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return runAsStaff(caller, async (tx) => {
    const person = await getResident(tx, caller, { residentId: params.residentId! });
    if (!person.may.merge) forbidden();
    const found = q ? await findResidents(tx, caller, { q, cipher: caseDeps.cipher, pageSize: 20 }) : null;
    return { keep: person.resident, tags: person.tags, q: q ?? '', candidates: found ? found.rows.filter((r) => r.id !== person.resident.id) : null };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller, submission } = await registerSubmission(request, mergeDuplicateSchema);
  // A duplicate that is not an id is no one this community has (as by URL).
  if (submission.status !== 'success') notFound();
  const { duplicateId } = submission.value;
  const done = await actAsStaff(caller, (tx) => mergeResidents(tx, caller, { keepId: params.residentId!, duplicateId }));
  if (!done.ok) return refusalData(done.error);
  return redirectWithToast(`/community/residents/${done.value.id}`, 'residents.merged');
}

export default function MergeResidents() {
  const { t } = useTranslation();
  const tx = useLooseT();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const k = page.keep;
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('residents.merge')} description={t('residents.mergePage.intro')} />
      <Link to={`/community/residents/${k.id}`} className="text-sm text-brand-700 underline">
        {t('common.back')}
      </Link>
      {result && 'refusal' in result ? <Alert tone="error">{tx(result.refusal.key, result.refusal.params)}</Alert> : null}
      <Card>
        <CardBody className="text-sm">
          <p className="text-slate-500">{t('residents.mergePage.keep')}</p>
          <p className="font-medium">{[k.nameHint, k.mobileHint, k.idNumberHint, k.address].filter(Boolean).join(' · ')}</p>
        </CardBody>
      </Card>
      <Form noValidate method="get" className="flex flex-wrap items-end gap-2" role="search">
        <Field id="q" label={t('residents.mergePage.find')} hint={t('residents.mergePage.findHint')} className="min-w-0 flex-1">
          <Input name="q" type="search" defaultValue={page.q} />
        </Field>
        <Button type="submit" variant="secondary">
          {t('residents.mergePage.search')}
        </Button>
      </Form>
      {page.candidates ? (
        <DataTable
          rows={page.candidates}
          rowKey={(r) => r.id}
          pageSize={0}
          empty={t('residents.mergePage.none')}
          columns={[
            { id: 'name', header: t('residents.columns.name'), cell: (r) => r.nameHint },
            { id: 'mobile', header: t('residents.columns.mobile'), cell: (r) => r.mobileHint ?? '—' },
            { id: 'age', header: t('residents.columns.age'), cell: (r) => (r.age === null ? '—' : r.age) },
            { id: 'address', header: t('residents.columns.address'), cell: (r) => r.address || '—' },
            {
              id: 'merge',
              header: '',
              cell: (r) => (
                <PostForm hiddenFields={{ duplicateId: r.id }}>
                  <ConfirmButton size="sm" variant="danger" title={t('residents.mergePage.confirmTitle')} description={t('residents.mergePage.confirmDescription')}>
                    {t('residents.mergePage.mergeThis')}
                  </ConfirmButton>
                </PostForm>
              ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
