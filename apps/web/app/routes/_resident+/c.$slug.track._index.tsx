import { type ActionFunctionArgs, data, redirect } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatTrackingCode, normalizeTrackingCode } from '@shequ/domain';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { readForm } from '~/lib/http.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('resident.trackTitle');

export async function action({ request, params }: ActionFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const typed = String((await readForm(request)).get('code') ?? '').slice(0, 40);
  const code = normalizeTrackingCode(typed);
  if (!code) return data({ error: 'resident.trackNotFound' as const, typed }, { status: 400 });
  return redirect(`/c/${community.slug}/track/${formatTrackingCode(code)}`);
}

export default function TrackLookup() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t('resident.trackTitle')}</h1>
      {actionData?.error ? <Alert tone="error">{t(actionData.error)}</Alert> : null}
      <Form method="post" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <Field id="code" label={t('resident.trackCode')}>
          <Input id="code" name="code" required maxLength={20} autoCapitalize="characters" autoComplete="off" placeholder={t('resident.trackCodePlaceholder')} defaultValue={actionData?.typed} className="font-mono text-lg tracking-wider" />
        </Field>
        <Button type="submit" size="lg" className="w-full">
          {t('resident.trackSubmit')}
        </Button>
      </Form>
    </div>
  );
}
