import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isUuid, withTenant } from '@shequ/db';
import { assertCan, ForbiddenError, subject } from '@shequ/permissions';
import { getFormProps } from '@conform-to/react';
import { addReplyTemplate, getCommunitySettings, listReplyTemplates, removeReplyTemplate, updateCommunitySettings } from '@shequ/use-cases';
import { addReplyTemplateSchema, communitySettingsFormSchema, saveCommunitySettingsSchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody, CardSection } from '~/components/ui/card.tsx';
import { ConfirmButton } from '~/components/ui/dialog.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { db } from '~/lib/db.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { forbidden, guard, notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('settings.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'manage', subject('Settings', { tenantId })));
  return withTenant(db, tenantId, async (tx) => ({ templates: await listReplyTemplates(tx, { actor, ability }, { tenantId }), settings: await getCommunitySettings(tx, { actor, ability }, { tenantId }) }));
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, communitySettingsFormSchema, 'community');
  const tenantId = actor.workspace.tenantId!;
  if (submission.status !== 'success') {
    if (submission.error?.intent) badRequest();
    const form = String(submission.payload.intent ?? '');
    return data({ ok: false, error: null, form, result: submission.reply() }, { status: 400 });
  }
  const v = submission.value;
  try {
    await withTenant(db, tenantId, async (tx) => {
      switch (v.intent) {
        case 'addTemplate':
          return addReplyTemplate(tx, { actor, ability }, { tenantId, title: v.title, body: v.body });
        case 'removeTemplate':
          return isUuid(v.templateId) ? removeReplyTemplate(tx, { actor, ability }, { tenantId, templateId: v.templateId }) : notFound();
        case 'saveSettings':
          return updateCommunitySettings(tx, { actor, ability }, { tenantId, unratedCloseDays: v.unratedCloseDays });
      }
    });
    return withToast({ ok: true, error: null }, 'saved');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    // Another community's template id is answered as unknown here (404), never as a form error.
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      if (refusal.status === 404) notFound();
      // A title already taken: next to the field, with what was typed.
      if (v.intent === 'addTemplate' && refusal.field) {
        return data({ ok: false, error: null, form: 'addTemplate', result: submission.reply({ fieldErrors: { [refusal.field]: [refusal.message] } }) }, { status: refusal.status });
      }
      return data({ ok: false, error: refusal.message }, { status: refusal.status });
    }
    throw error;
  }
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { templates, settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [addForm, fields] = useSchemaForm(addReplyTemplateSchema, { id: 'addTemplate', actionData: result });
  // The days: checked in the browser with the action's own variant for it; the server's answer comes back into it.
  const [settingsForm, settingsFields] = useSchemaForm(saveCommunitySettingsSchema, { id: 'saveSettings', actionData: result, defaultValue: { unratedCloseDays: settings.unratedCloseDays } });
  const tr = useErrorText();
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('settings.title')} error={result?.error ? t(result.error) : null} />
      <Card>
        <CardBody>
          <PostForm hiddenFields={{ intent: 'saveSettings' }} {...getFormProps(settingsForm)} className="flex flex-wrap items-end gap-3">
            <Field id={settingsFields.unratedCloseDays.id} label={t('settings.unrated')} error={tr(settingsFields.unratedCloseDays.errors?.[0])}>
              <Input name={settingsFields.unratedCloseDays.name} key={settingsFields.unratedCloseDays.key} type="number" min={1} max={60} required defaultValue={settingsFields.unratedCloseDays.initialValue ?? ''} className="h-9 w-28 text-sm" />
            </Field>
            <Button type="submit" size="sm">
              {t('settings.saveSettings')}
            </Button>
          </PostForm>
        </CardBody>
      </Card>
      <CardSection title={t('settings.templates')} bodyClassName="space-y-4">
        <ul className="divide-y divide-slate-100">
          {templates.map((tpl) => (
            <li key={tpl.id} className="flex items-start justify-between gap-4 py-2">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{tpl.title}</p>
                <p className="whitespace-pre-wrap text-sm text-slate-600">{tpl.body}</p>
              </div>
              <PostForm hiddenFields={{ templateId: tpl.id }}>
                <ConfirmButton name="intent" value="removeTemplate" variant="secondary" size="sm" title={`${t('settings.remove')}「${tpl.title}」？`}>
                  {t('settings.remove')}
                </ConfirmButton>
              </PostForm>
            </li>
          ))}
        </ul>
        <PostForm hiddenFields={{ intent: 'addTemplate' }} {...getFormProps(addForm)} className="space-y-2">
          <Field id="template-title" label={t('settings.templateTitle')} error={tr(fields.title.errors?.[0])}>
            <Input name={fields.title.name} required maxLength={40} defaultValue={fields.title.initialValue ?? ''} className="h-9 text-sm" />
          </Field>
          <Field id="template-body" label={t('settings.templateBody')} error={tr(fields.body.errors?.[0])}>
            <Textarea name={fields.body.name} required rows={3} maxLength={2000} defaultValue={fields.body.initialValue ?? ''} className="text-sm" />
          </Field>
          <Button type="submit" size="sm" variant="secondary">
            {t('settings.addTemplate')}
          </Button>
        </PostForm>
      </CardSection>
    </div>
  );
}
