import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTrackingCode } from '@shequ/domain';
import { withTenant } from '@shequ/db';
import { anonymousCaller, listCommunityChoices, newSubmissionKey, resolveQrToken, submitCase } from '@shequ/use-cases';
import { submitWishSchema as intakeSchema } from '@shequ/use-cases/schemas';
import { Notice } from '~/components/resident-shell.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Field, FieldError } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { db } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { readSubmissionOrNull } from '~/lib/forms.server.ts';
import { takeSubmission } from '~/lib/resident-limits.server.ts';
import { keepSubmissionKeyAfterPost } from '~/lib/submission-form.ts';
import { bodyTooLarge, MB, takesBodyUpTo } from '~/lib/body-limit.ts';
import { pageTitle } from '~/lib/meta.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { parseForm } from '~/lib/parse-form.ts';

export const meta = pageTitle('resident.title');

/** Bodies above this are answered without reading the form (decision 060): 3 photos of 5 MB plus text, with room for multipart overhead. */
export const handle = takesBodyUpTo(16 * MB);

async function formContext(slug: string | undefined, token: string | undefined) {
  const community = await communityBySlug(slug);
  if (community.status === 'suspended') return { community, state: 'suspended' as const };
  return withTenant(db, community.id, async (tx) => {
    const qr = await resolveQrToken(tx, anonymousCaller(), { tenantId: community.id, token: token ?? '' });
    if (qr.status !== 'active') return { community, state: qr.status };
    const choices = await listCommunityChoices(tx, anonymousCaller(), { communityId: community.id });
    const cats = choices.categories.filter((c) => c.active).map(({ id, name }) => ({ id, name }));
    return { community, state: 'active' as const, qr, categories: cats, buildings: qr.buildingId ? [] : choices.buildings };
  });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const ctx = await formContext(params.slug, params.token);
  if (ctx.state !== 'active') return data({ state: ctx.state, community: ctx.community.name, categories: [], buildings: [], fixedBuilding: null, submissionKey: '' }, { status: ctx.state === 'unknown' ? 404 : 200 });
  return { state: ctx.state, community: ctx.community.name, categories: ctx.categories, buildings: ctx.buildings, fixedBuilding: ctx.qr.buildingName, submissionKey: newSubmissionKey() };
}

export const shouldRevalidate = keepSubmissionKeyAfterPost;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const community = await communityBySlug(params.slug);
  if (community.status !== 'active') return redirect(request.url);
  if (bodyTooLarge(request, handle)) return data({ result: null, error: 'resident.errors.tooLarge' as const, minutes: 0 }, { status: 413 });

  const submission = await readSubmissionOrNull(request, intakeSchema);
  if (!submission) return data({ result: null, error: 'resident.errors.failed' as const, minutes: 0 }, { status: 400 });
  if (submission.status !== 'success') return data({ result: submission.reply(), error: null, minutes: 0 }, { status: 400 });
  const v = submission.value;
  // Bots fill the hidden field: they get a normal-looking page and nothing is stored.
  if (v.website) return redirect(`/c/${community.slug}/track`);

  const limit = await takeSubmission(context.ip, community.id);
  if (!limit.ok) return data({ result: submission.reply(), error: 'resident.errors.rateLimited' as const, minutes: Math.ceil(limit.retryAfterSeconds / 60) }, { status: 429 });

  try {
    const photos = await Promise.all(v.photos.map(async (f) => new Uint8Array(await f.arrayBuffer())));
    // One pipelined transaction checks the QR code, category and building and stores the wish.
    const outcome = await submitCase(db, anonymousCaller(), {
      tenantId: community.id,
      qrToken: params.token ?? '',
      categoryId: v.categoryId,
      content: v.content,
      buildingId: v.buildingId ?? null,
      name: v.name,
      mobile: v.mobile,
      consent: Boolean(v.consent),
      photos,
      channel: 'qr',
      submissionKey: v.submissionKey,
      deps: caseDeps,
    });
    return redirect(`/c/${community.slug}/track/${formatTrackingCode(outcome.trackingCode)}?new=1`);
  } catch (error) {
    if (isRefusal(error) && error.code === 'intake.qr.replaced') return redirect(request.url);
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      if (refusal.field) return data({ result: submission.reply({ fieldErrors: { [refusal.field]: [refusal.message] } }), error: null, minutes: 0 }, { status: refusal.status });
      return data({ result: submission.reply(), error: refusal.message, minutes: 0 }, { status: refusal.status });
    }
    context.log.error({ err: error }, 'wish submission failed');
    return data({ result: submission.reply(), error: 'resident.errors.failed' as const, minutes: 0 }, { status: 503 });
  }
}

export default function WishForm() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result ?? undefined,
    constraint: getZodConstraint(intakeSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseForm(formData, intakeSchema),
  });
  const [count, setCount] = useState(0);
  const tr = useErrorText();

  if (loaderData.state === 'replaced') return <Notice title={t('resident.replacedTitle')}>{t('resident.replacedHint')}</Notice>;
  if (loaderData.state === 'unknown') return <Notice title={t('resident.unknownTitle')}>{t('resident.unknownHint')}</Notice>;
  if (loaderData.state === 'suspended') return <Notice title={t('resident.suspendedTitle')}>{t('resident.suspendedHint', { community: loaderData.community })}</Notice>;

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t('resident.title')}</h1>
        <p className="mt-1 text-slate-600">{t('resident.intro')}</p>
      </div>
      {actionData?.error ? (
        <Alert tone="error" data-testid="form-error">
          {t(actionData.error, { minutes: actionData.minutes })}
        </Alert>
      ) : null}
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-5 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <Field id={fields.categoryId.id} label={t('resident.category')} error={tr(fields.categoryId.errors?.[0])}>
          <Select {...getSelectProps(fields.categoryId)} placeholder="—" options={optionsOf(loaderData.categories)} className="h-12 px-3" />
        </Field>
        <Field id={fields.content.id} label={t('resident.content')} error={tr(fields.content.errors?.[0])}>
          <textarea
            {...getTextareaProps(fields.content)}
            rows={5}
            placeholder={t('resident.contentPlaceholder')}
            onInput={(e) => setCount(Array.from(e.currentTarget.value.trim()).length)}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base aria-[invalid=true]:border-red-500"
          />
          <p className="text-right text-xs text-slate-500">{t('resident.contentCount', { count })}</p>
        </Field>
        {loaderData.fixedBuilding ? (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{t('resident.buildingFixed', { building: loaderData.fixedBuilding })}</p>
        ) : (
          <Field id={fields.buildingId.id} label={t('resident.building')} error={tr(fields.buildingId.errors?.[0])}>
            <Select {...getSelectProps(fields.buildingId)} placeholder={t('resident.buildingNone')} options={optionsOf(loaderData.buildings)} className="h-12 px-3" />
          </Field>
        )}
        <Field id={fields.photos.id} label={t('resident.photos')} error={tr(fields.photos.errors?.[0])}>
          <input {...getInputProps(fields.photos, { type: 'file' })} multiple accept="image/jpeg,image/png,image/webp" className="block w-full text-sm" />
          <p className="text-xs text-slate-500">{t('resident.photosHint')}</p>
        </Field>
        <Field id={fields.name.id} label={t('resident.name')} error={tr(fields.name.errors?.[0])}>
          <Input {...getInputProps(fields.name, { type: 'text' })} autoComplete="name" />
        </Field>
        <Field id={fields.mobile.id} label={t('resident.mobile')} error={tr(fields.mobile.errors?.[0])}>
          <Input {...getInputProps(fields.mobile, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
          <p className="text-xs text-slate-500">{t('resident.mobileHint')}</p>
        </Field>
        <div className="space-y-1">
          <label className="flex items-start gap-3 text-sm text-slate-700">
            <input {...getInputProps(fields.consent, { type: 'checkbox' })} className="mt-0.5 h-5 w-5 shrink-0" />
            <span>{t('resident.consent')}</span>
          </label>
          <FieldError id={`${fields.consent.id}-error`}>{tr(fields.consent.errors?.[0])}</FieldError>
        </div>
        <input type="hidden" name="submissionKey" value={loaderData.submissionKey} />
        <div aria-hidden="true" className="absolute -left-[9999px] h-0 w-0 overflow-hidden">
          <label>
            Website
            <input type="text" name="website" tabIndex={-1} autoComplete="off" />
          </label>
        </div>
        <Button type="submit" size="lg" className="w-full text-lg" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? t('resident.submitting') : t('resident.submit')}
        </Button>
      </Form>
    </div>
  );
}
