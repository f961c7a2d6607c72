import { Form, useActionData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CsrfInput } from './csrf-input.tsx';
import { Alert } from './ui/alert.tsx';
import { Button } from './ui/button.tsx';
import { Card, CardBody } from './ui/card.tsx';
import { Field } from './ui/field.tsx';
import { Input } from './ui/input.tsx';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { PageHeader } from './ui/page-header.tsx';
import { Select } from './ui/select.tsx';

type Street = { id: string; name: string; district: string };
type Result = {
  ok: boolean;
  error: RefusalMessage | null;
  field: string | null;
  values: Record<string, string> | null;
  name: string | null;
  invitation: string | null;
  communityId: string | null;
  existingAccount: boolean;
};

/** The onboarding wizard: one page, every field checked on the server, the invitation link shown once on success. */
export function OnboardingForm({ streets, posterBase }: { streets: Street[]; /** where this console serves posters */ posterBase: string }) {
  const { t } = useTranslation();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== 'idle';
  const v = result?.values ?? {};
  const err = (field: string) => (result?.field === field && result.error ? t(result.error) : null);
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('onboarding.title')} description={t('onboarding.intro')} />
      {result?.ok ? (
        <Alert tone="success">
          <p className="font-medium">{t('onboarding.done', { name: result.name })}</p>
          <p className="mt-1">{result.existingAccount ? t('onboarding.existingAccount') : t('onboarding.inviteLink')}</p>
          <input readOnly value={result.invitation ?? ''} data-testid="invitation-link" aria-label={t('onboarding.inviteLink')} className="mt-2 w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          {result.communityId ? (
            <p className="mt-3 flex flex-wrap gap-4 text-sm">
              <a href={`${posterBase}/${result.communityId}/poster/community/pdf`} download className="underline" data-testid="poster-pdf">
                {t('poster.pdf')}
              </a>
              <a href={`${posterBase}/${result.communityId}/poster/community/png`} download className="underline">
                {t('poster.png')}
              </a>
            </p>
          ) : null}
        </Alert>
      ) : result?.error && !result.field ? (
        <Alert tone="error">{t(result.error)}</Alert>
      ) : null}
      <Card>
        <CardBody>
          <Form noValidate method="post" className="space-y-4" key={result?.ok ? result.invitation : 'form'}>
            <CsrfInput />
            <Field id="streetId" label={t('onboarding.street')} error={err('streetId')}>
              <Select name="streetId" required defaultValue={v.streetId ?? ''} placeholder="—" options={streets.map((s) => ({ value: s.id, label: `${s.district} · ${s.name}` }))} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="name" label={t('onboarding.name')} error={err('name')}>
                <Input id="name" name="name" required maxLength={40} defaultValue={v.name ?? ''} />
              </Field>
              <Field id="adminCode" label={t('onboarding.code')} error={err('adminCode')}>
                <Input id="adminCode" name="adminCode" inputMode="numeric" maxLength={12} defaultValue={v.adminCode ?? ''} />
              </Field>
            </div>
            <Field id="slug" label={t('onboarding.slug')} error={err('slug')}>
              <Input id="slug" name="slug" required maxLength={40} pattern="[a-z0-9\-]{3,40}" defaultValue={v.slug ?? ''} className="font-mono" />
              <p className="text-xs text-slate-500">{t('onboarding.slugHint')}</p>
            </Field>
            <div className="grid gap-4 sm:grid-cols-3">
              <Field id="adminName" label={t('onboarding.adminName')} error={err('adminName')}>
                <Input id="adminName" name="adminName" required maxLength={40} defaultValue={v.adminName ?? ''} />
              </Field>
              <Field id="adminMobile" label={t('onboarding.adminMobile')} error={err('adminMobile')}>
                <Input id="adminMobile" name="adminMobile" type="tel" defaultValue={v.adminMobile ?? ''} />
              </Field>
              <Field id="adminEmail" label={t('onboarding.adminEmail')} error={err('adminEmail')}>
                <Input id="adminEmail" name="adminEmail" type="email" defaultValue={v.adminEmail ?? ''} />
              </Field>
            </div>
            <Button type="submit" disabled={busy}>
              {t('onboarding.submit')}
            </Button>
          </Form>
        </CardBody>
      </Card>
    </div>
  );
}
