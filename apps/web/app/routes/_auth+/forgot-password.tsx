import { getFormProps, getInputProps } from '@conform-to/react';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { normalizeMobile } from '@shequ/domain';
import { anonymousCaller, requestPasswordResetCode, resetPasswordWithCode, UseCaseError } from '@shequ/use-cases';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { forgotPasswordFormSchema, requestPasswordResetCodeSchema, resetPasswordWithCodeSchema } from '@shequ/use-cases/schemas';
import { SignedOutPage } from '~/components/signed-out-page.tsx';
import { Alert, FormError } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { withAuthentication } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { badRequest, readSubmission } from '~/lib/forms.server.ts';
import { clearedSessionCookie, requireAnonymous } from '~/lib/session.server.ts';
import { recordResetCodeFailure, resetCodeSendThrottle, resetCodeThrottle } from '~/lib/throttle.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useSchemaForm } from '~/lib/forms.ts';

export const meta = pageTitle('forgot.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

// The account holder's own reset (issue 13): a mobile, then the 6-digit code sent to it by text message and a new
// password. Whether the mobile has an account is never said: the same answer, after the same work, either way.
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await readSubmission(request, forgotPasswordFormSchema);
  const anon = anonymousCaller();
  const p = submission.payload;
  if (p.intent === 'send') {
    const mobile = normalizeMobile(String(p.mobile ?? '')) ?? '';
    if (submission.status !== 'success') return data({ step: 'mobile' as const, send: submission.reply(), reset: null, mobile: '', retryMinutes: 0 }, { status: 400 });
    const refuse = (key: string, status: number, retryMinutes = 0) => data({ step: 'mobile' as const, send: submission.reply({ formErrors: [key] }), reset: null, mobile, retryMinutes }, { status });
    // A number (or address) locked by wrong codes is told so before a text message is spent on a code it could
    // not use (as 我的's sign-in).
    const locked = await resetCodeThrottle(context.ip, mobile);
    if (locked.blocked) return refuse('forgot.errors.throttled', 429, Math.ceil(locked.retryAfterSeconds / 60));
    const throttle = await resetCodeSendThrottle(context.ip);
    if (throttle.blocked) return refuse('forgot.errors.throttled', 429, Math.ceil(throttle.retryAfterSeconds / 60));
    try {
      await withAuthentication('reset code', (tx) => requestPasswordResetCode(tx, anon, { mobile, cipher: caseDeps.cipher }));
    } catch (error) {
      // A code went out less than a minute ago: the box to type it rather than a dead end for a minute.
      if (error instanceof UseCaseError && error.code === 'resetCode.tooSoon')
        return data({ step: 'code' as const, send: null, reset: null, notice: 'forgot.errors.codeAlreadySent', mobile, retryMinutes: 0 }, { status: 429 });
      // Too soon or too many codes (the same answer whether the mobile has an account).
      if (isRefusal(error)) {
        const refusal = describeRefusal(error);
        return refuse(refusal.message, refusal.status);
      }
      throw error;
    }
    return data({ step: 'code' as const, send: null, reset: null, mobile, retryMinutes: 0 });
  }

  const mobile = normalizeMobile(String(p.mobile ?? '')) ?? '';
  const refuse = (key: string, status: number, retryMinutes = 0) =>
    data({ step: 'code' as const, send: null, reset: submission.reply({ formErrors: [key], hideFields: ['password', 'confirm', 'code'] }), mobile, retryMinutes }, { status });
  if (submission.status !== 'success') return data({ step: 'code' as const, send: null, reset: submission.reply({ hideFields: ['password', 'confirm'] }), mobile, retryMinutes: 0 }, { status: 400 });
  const v = submission.value;
  if (v.intent !== 'reset') badRequest();
  const throttle = await resetCodeThrottle(context.ip, mobile);
  if (throttle.blocked) return refuse('forgot.errors.throttled', 429, Math.ceil(throttle.retryAfterSeconds / 60));
  try {
    const outcome = await withAuthentication('reset by code', (tx) => resetPasswordWithCode(tx, anon, { mobile: v.mobile, code: v.code, password: v.password, confirm: v.confirm }));
    if (!outcome.ok) {
      await recordResetCodeFailure(context.ip, mobile);
      return refuse(`forgot.errors.${outcome.reason}`, 400);
    }
  } catch (error) {
    // A password the policy refuses (e.g. one on the breached list, which only the server checks).
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      return refuse(refusal.message, refusal.status);
    }
    throw error;
  }
  context.log.info('password reset by text-message code');
  return redirect('/login?reset=1', { headers: { 'Set-Cookie': clearedSessionCookie() } });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const notice = actionData && 'notice' in actionData && typeof actionData.notice === 'string' ? actionData.notice : null;
  const busy = useNavigation().state !== 'idle';
  const tr = useErrorText({ minutes: actionData?.retryMinutes ?? 15 });
  const step = actionData?.step ?? 'mobile';
  const [sendForm, sendFields] = useSchemaForm(requestPasswordResetCodeSchema, { id: 'forgot-send', lastResult: actionData?.send, defaultValue: { mobile: actionData?.mobile ?? '' } });
  const [resetForm, resetFields] = useSchemaForm(resetPasswordWithCodeSchema, { id: 'forgot-reset', lastResult: actionData?.reset });
  return (
    <SignedOutPage className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">{t('forgot.title')}</h1>
      {step === 'mobile' ? (
        <Form method="post" {...getFormProps(sendForm)} className="mt-4 space-y-4">
          <p className="text-sm text-slate-500">{t('forgot.hint')}</p>
          <FormError errors={sendForm.errors} tr={tr} data-testid="form-error" />
          <Field id={sendFields.mobile.id} label={t('forgot.mobile')} error={tr(sendFields.mobile.errors?.[0])}>
            <Input {...getInputProps(sendFields.mobile, { type: 'tel' })} inputMode="tel" autoComplete="tel" autoFocus />
          </Field>
          <Button type="submit" name="intent" value="send" size="lg" className="w-full" disabled={busy}>
            {t('forgot.send')}
          </Button>
        </Form>
      ) : (
        <Form method="post" {...getFormProps(resetForm)} className="mt-4 space-y-4">
          {actionData?.reset ? null : notice ? (
            // A code went out a moment ago and still works: a note, not an error.
            <Alert tone="info" data-testid="code-notice">
              {tr(notice)}
            </Alert>
          ) : (
            <Alert tone="success" data-testid="code-sent">
              {t('forgot.sent')}
            </Alert>
          )}
          <FormError errors={resetForm.errors} tr={tr} data-testid="form-error" />
          <input type="hidden" name="mobile" value={actionData?.mobile ?? ''} />
          <Field id={resetFields.code.id} label={t('forgot.code')} error={tr(resetFields.code.errors?.[0])}>
            <Input {...getInputProps(resetFields.code, { type: 'text' })} inputMode="numeric" autoComplete="one-time-code" maxLength={12} autoFocus />
          </Field>
          <Field id={resetFields.password.id} label={t('forgot.password')} hint={t('reset.hint')} error={tr(resetFields.password.errors?.[0])}>
            <Input {...getInputProps(resetFields.password, { type: 'password' })} autoComplete="new-password" />
          </Field>
          <Field id={resetFields.confirm.id} label={t('forgot.confirm')} error={tr(resetFields.confirm.errors?.[0])}>
            <Input {...getInputProps(resetFields.confirm, { type: 'password' })} autoComplete="new-password" />
          </Field>
          <Button type="submit" name="intent" value="reset" size="lg" className="w-full" disabled={busy}>
            {t('forgot.submit')}
          </Button>
          <Link to="/forgot-password" reloadDocument className="block text-center text-sm text-brand-700 underline">
            {t('forgot.resend')}
          </Link>
        </Form>
      )}
      <Link to="/login" className="mt-4 block text-center text-sm text-slate-500 underline">
        {t('forgot.back')}
      </Link>
    </SignedOutPage>
  );
}
