import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withTenant } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { listCommunityChoices, newSubmissionKey, submitCase, UseCaseError } from '@shequ/use-cases';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor, requireMutation } from '~/lib/session.server.ts';
import { keepSubmissionKeyAfterPost } from '~/lib/submission-form.ts';
import { pageTitle } from '~/lib/meta.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { PageHeader } from '~/components/ui/page-header.tsx';

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
    if (error instanceof UseCaseError) return data({ error: error.code, values }, { status: 400 });
    throw error;
  }
}

const control = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm';

export default function NewCase() {
  const { t } = useTranslation();
  const options = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = result?.values;
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('newCase.title')} description={t('newCase.intro')} />
      {result?.error ? <Alert tone="error">{t(result.error as never)}</Alert> : null}
      <Card>
        <CardBody>
          <Form method="post" className="space-y-3">
            <CsrfInput />
            <input type="hidden" name="submissionKey" value={options.submissionKey} />
            <div className="grid gap-3 sm:grid-cols-3">
              <label className="text-sm text-slate-600">
                {t('newCase.channel')}
                <select name="channel" defaultValue={v?.channel ?? 'walk_in'} className={control}>
                  <option value="walk_in">{t('cases.channels.walk_in')}</option>
                  <option value="phone">{t('cases.channels.phone')}</option>
                </select>
              </label>
              <label className="text-sm text-slate-600">
                {t('cases.category')}
                <select name="categoryId" required defaultValue={v?.categoryId ?? ''} className={control}>
                  <option value="">—</option>
                  {options.categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm text-slate-600">
                {t('cases.building')}
                <select name="buildingId" defaultValue={v?.buildingId ?? ''} className={control}>
                  <option value="">{t('resident.buildingNone')}</option>
                  {options.buildings.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="block text-sm text-slate-600">
              {t('resident.content')}
              <textarea name="content" required rows={4} maxLength={1000} defaultValue={v?.content ?? ''} className={control} />
            </label>
            <div className="grid gap-3 sm:grid-cols-2">
              <label className="text-sm text-slate-600">
                {t('resident.name')}
                <Input name="name" maxLength={40} defaultValue={v?.name ?? ''} className="mt-1 h-9 text-sm" />
              </label>
              <label className="text-sm text-slate-600">
                {t('resident.mobile')}
                <Input name="mobile" type="tel" defaultValue={v?.mobile ?? ''} className="mt-1 h-9 text-sm" />
              </label>
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
