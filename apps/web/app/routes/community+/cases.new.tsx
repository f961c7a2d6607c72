import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withTenant } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { getFormProps } from '@conform-to/react';
import { listCommunityChoices, newSubmissionKey, submitCase } from '@shequ/use-cases';
import { recordCaseSchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db } from '~/lib/db.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { keepSubmissionKeyAfterPost } from '~/lib/submission-form.ts';
import { pageTitle } from '~/lib/meta.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('newCase.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'create', subject('Case', { tenantId, assigneeId: null, gridWorkerId: null, holderOrgUnitId: tenantId })));
  const choices = await withTenant(db, tenantId, (tx) => listCommunityChoices(tx, { actor, ability }, { communityId: tenantId }));
  return {
    categories: choices.categories.filter((c) => c.active).map(({ id, name }) => ({ id, name })),
    buildings: choices.buildings,
    // A double click, or the form sent again after a lost answer, records the request once.
    submissionKey: newSubmissionKey(),
  };
}

export const shouldRevalidate = keepSubmissionKeyAfterPost;

// Staff record a wish for a resident who came in or called; the resident gets the tracking code from them.
export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, recordCaseSchema, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'create', subject('Case', { tenantId, assigneeId: null, gridWorkerId: null, holderOrgUnitId: tenantId })));
  // Messages next to the fields, and everything typed kept.
  if (submission.status !== 'success') return data({ form: 'recordCase', result: submission.reply(), error: null as string | null }, { status: 400 });
  const v = submission.value;
  try {
    const { id } = await submitCase(db, { actor, ability }, {
      tenantId,
      categoryId: v.categoryId,
      content: v.content,
      buildingId: v.buildingId ?? null,
      name: v.name ?? '',
      mobile: v.mobile ?? '',
      consent: true,
      photos: [],
      channel: v.channel,
      submissionKey: v.submissionKey ?? null,
      deps: caseDeps,
    });
    return redirectWithToast(`/community/cases/${id}`, 'caseCreated');
  } catch (error) {
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      const result = refusal.field ? submission.reply({ fieldErrors: { [refusal.field]: [refusal.message] } }) : submission.reply();
      return data({ form: 'recordCase', result, error: refusal.field ? null : refusal.message }, { status: refusal.status });
    }
    throw error;
  }
}

export default function NewCase() {
  const { t } = useTranslation();
  const options = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(recordCaseSchema, { id: 'recordCase', actionData: result });
  const tr = useErrorText();
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('newCase.title')} description={t('newCase.intro')} error={result?.error ? tr(result.error) : null} />
      <Card>
        <CardBody>
          <PostForm hiddenFields={{ submissionKey: options.submissionKey }} {...getFormProps(form)} className="space-y-3">
            <div className="grid gap-3 sm:grid-cols-3">
              <Field id={fields.channel.id} label={t('newCase.channel')} error={tr(fields.channel.errors?.[0])}>
                <Select name={fields.channel.name} defaultValue={String(fields.channel.initialValue ?? 'walk_in')} options={[{ value: 'walk_in', label: t('cases.channels.walk_in') }, { value: 'phone', label: t('cases.channels.phone') }]} />
              </Field>
              <Field id={fields.categoryId.id} label={t('cases.category')} error={tr(fields.categoryId.errors?.[0])}>
                <Select name={fields.categoryId.name} defaultValue={fields.categoryId.initialValue ?? ''} placeholder="—" options={optionsOf(options.categories)} />
              </Field>
              <Field id={fields.buildingId.id} label={t('cases.building')} error={tr(fields.buildingId.errors?.[0])}>
                <Select name={fields.buildingId.name} defaultValue={fields.buildingId.initialValue ?? ''} placeholder={t('resident.buildingNone')} options={optionsOf(options.buildings)} />
              </Field>
            </div>
            <Field id={fields.content.id} label={t('resident.content')} error={tr(fields.content.errors?.[0])}>
              <Textarea name={fields.content.name} required rows={4} maxLength={1000} defaultValue={fields.content.initialValue ?? ''} />
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id={fields.name.id} label={t('resident.name')} error={tr(fields.name.errors?.[0])}>
                <Input name={fields.name.name} maxLength={40} defaultValue={fields.name.initialValue ?? ''} />
              </Field>
              <Field id={fields.mobile.id} label={t('resident.mobile')} error={tr(fields.mobile.errors?.[0])}>
                <Input name={fields.mobile.name} type="tel" defaultValue={fields.mobile.initialValue ?? ''} />
              </Field>
            </div>
            <p className="text-xs text-slate-500">{t('newCase.consentNote')}</p>
            <Button type="submit" disabled={useNavigation().state !== 'idle'}>
              {t('newCase.submit')}
            </Button>
          </PostForm>
        </CardBody>
      </Card>
    </div>
  );
}
