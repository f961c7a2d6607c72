import { useActionData, useNavigation } from '@remix-run/react';
import type { InputHTMLAttributes } from 'react';
import { useErrorText } from '~/lib/error-text.ts';
import { useTranslation } from 'react-i18next';
import { Alert } from './ui/alert.tsx';
import { Button } from './ui/button.tsx';
import { Card, CardBody } from './ui/card.tsx';
import { Field } from './ui/field.tsx';
import { Input } from './ui/input.tsx';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { PageHeader } from './ui/page-header.tsx';
import { Select } from './ui/select.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';
import { onboardCommunitySchema } from '@shequ/use-cases/schemas';
import { useReply } from '~/lib/form-reply.tsx';

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
  // The schema's messages may carry their bound (validation.tooLongMax?max=40) or be refusal codes: said in words.
  const tr = useErrorText();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== 'idle';
  const v = result?.values ?? {};
  // Checked in the browser with the action's schema: a form it refuses is not sent, every field's message beside it at
  // once; otherwise the server's answer (one message, beside its field) shows.
  const { err: refusedHere, check, sent } = useReply(result, onboardCommunitySchema);
  const err = (field: string) => (sent ? refusedHere('onboard', field) : result?.field === field && result.error ? tr(result.error) : null);
  /** A text field of the form: what was typed comes back with a refusal, the refusal beside its field. */
  const text = (name: string, label: string, props: InputHTMLAttributes<HTMLInputElement>) => (
    <Field id={name} label={label} error={err(name)}>
      <Input id={name} name={name} defaultValue={v[name] ?? ''} {...props} />
    </Field>
  );
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
      ) : !sent && result?.error && !result.field ? (
        <Alert tone="error">{tr(result.error)}</Alert>
      ) : null}
      <Card>
        <CardBody>
          <PostForm {...check('onboard')} className="space-y-4" key={result?.ok ? result.invitation : 'form'}>
            <Field id="streetId" label={t('onboarding.street')} error={err('streetId')}>
              <Select name="streetId" required defaultValue={v.streetId ?? ''} placeholder="—" options={streets.map((s) => ({ value: s.id, label: `${s.district} · ${s.name}` }))} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              {text('name', t('onboarding.name'), { required: true, maxLength: 40 })}
              {text('adminCode', t('onboarding.code'), { inputMode: 'numeric', maxLength: 12 })}
            </div>
            <Field id="slug" label={t('onboarding.slug')} hint={t('onboarding.slugHint')} error={err('slug')}>
              <Input id="slug" name="slug" required maxLength={40} pattern="[a-z0-9\-]{3,40}" defaultValue={v.slug ?? ''} className="font-mono" />
            </Field>
            <div className="grid gap-4 sm:grid-cols-3">
              {text('adminName', t('onboarding.adminName'), { required: true, maxLength: 40 })}
              {text('adminMobile', t('onboarding.adminMobile'), { type: 'tel' })}
              {text('adminEmail', t('onboarding.adminEmail'), { type: 'email' })}
            </div>
            <Button type="submit" disabled={busy}>
              {t('onboarding.submit')}
            </Button>
          </PostForm>
        </CardBody>
      </Card>
    </div>
  );
}
