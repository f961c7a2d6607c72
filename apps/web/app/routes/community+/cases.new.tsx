import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withTenant } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { listCommunityChoices, newSubmissionKey, submitCase } from '@shequ/use-cases';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db } from '~/lib/db.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor, requireMutation } from '~/lib/session.server.ts';
import { keepSubmissionKeyAfterPost } from '~/lib/submission-form.ts';
import { pageTitle } from '~/lib/meta.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';

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
  const { actor, ability, formData } = await requireMutation(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'create', subject('Case', { tenantId, assigneeId: null, gridWorkerId: null, holderOrgUnitId: tenantId })));
  const f = (k: string) => String(formData.get(k) ?? '');
  const channel = f('channel') === 'phone' ? 'phone' : 'walk_in';
  const values = { categoryId: f('categoryId'), content: f('content'), buildingId: f('buildingId'), name: f('name'), mobile: f('mobile'), channel };
  try {
    const { id } = await submitCase(db, caseDeps, {
        tenantId,
        categoryId: values.categoryId,
        content: values.content,
        buildingId: values.buildingId || null,
        name: values.name,
        mobile: values.mobile,
        consent: true,
        photos: [],
        channel,
        createdBy: actor.userId,
        submissionKey: f('submissionKey'),
      });
    return redirectWithToast(`/community/cases/${id}`, 'caseCreated');
  } catch (error) {
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      return data({ error: refusal.message, values }, { status: refusal.status });
    }
    throw error;
  }
}


export default function NewCase() {
  const { t } = useTranslation();
  const options = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = result?.values;
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('newCase.title')} description={t('newCase.intro')} />
      {result?.error ? <Alert tone="error">{t(result.error)}</Alert> : null}
      <Card>
        <CardBody>
          <Form method="post" className="space-y-3">
            <CsrfInput />
            <input type="hidden" name="submissionKey" value={options.submissionKey} />
            <div className="grid gap-3 sm:grid-cols-3">
              <Field id="channel" label={t('newCase.channel')}>
                <Select name="channel" defaultValue={v?.channel ?? 'walk_in'} options={[{ value: 'walk_in', label: t('cases.channels.walk_in') }, { value: 'phone', label: t('cases.channels.phone') }]} />
              </Field>
              <Field id="categoryId" label={t('cases.category')}>
                <Select name="categoryId" required defaultValue={v?.categoryId ?? ''} placeholder="—" options={optionsOf(options.categories)} />
              </Field>
              <Field id="buildingId" label={t('cases.building')}>
                <Select name="buildingId" defaultValue={v?.buildingId ?? ''} placeholder={t('resident.buildingNone')} options={optionsOf(options.buildings)} />
              </Field>
            </div>
            <Field id="content" label={t('resident.content')}>
              <Textarea name="content" required rows={4} maxLength={1000} defaultValue={v?.content ?? ''} />
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id="name" label={t('resident.name')}>
                <Input name="name" maxLength={40} defaultValue={v?.name ?? ''} />
              </Field>
              <Field id="mobile" label={t('resident.mobile')}>
                <Input name="mobile" type="tel" defaultValue={v?.mobile ?? ''} />
              </Field>
            </div>
            <p className="text-xs text-slate-500">{t('newCase.consentNote')}</p>
            <Button type="submit" disabled={useNavigation().state !== 'idle'}>
              {t('newCase.submit')}
            </Button>
          </Form>
        </CardBody>
      </Card>
    </div>
  );
}
