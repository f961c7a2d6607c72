import { getFormProps, getInputProps } from '@conform-to/react';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { signInSchema } from '@shequ/use-cases/schemas';
import { anonymousCaller, passwordThrottleKey, signIn } from '@shequ/use-cases';
import { SignedOutPage } from '~/components/signed-out-page.tsx';
import { Alert, FormError } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { withAuthentication } from '~/lib/db.server.ts';
import { safeRedirect } from '~/lib/http.server.ts';
import { readSubmission } from '~/lib/forms.server.ts';
import { requireAnonymous, sessionCookie } from '~/lib/session.server.ts';
import { clearSignInFailures, recordSignInFailure, signInThrottle } from '~/lib/throttle.server.ts';
import { deviceCookieAfterSignIn, trustedDevice } from '~/lib/device-cookie.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { useSchemaForm } from '~/lib/forms.ts';

export const meta = pageTitle('auth.title');

// The schema beside the use case (signIn); its messages are i18n keys, translated where they are shown.
const schema = signInSchema;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const params = new URL(request.url).searchParams;
  return { signedOut: params.has('signedOut'), reset: params.has('reset') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await readSubmission(request, schema);
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }), retryMinutes: 0 }, { status: 400 });
  }
  const { identifier, password, redirectTo } = submission.value;
  const account = await withAuthentication('sign-in throttle key', (tx) => passwordThrottleKey(tx, anonymousCaller(), { identifier }));
  const refuse = (key: string, status: number, retryMinutes = 0) =>
    data({ result: submission.reply({ formErrors: [key], hideFields: ['password'] }), retryMinutes }, { status });

  // A browser where this account signed in before counts its own wrong tries (device-cookie.server.ts).
  const device = trustedDevice(request, account);
  const throttle = await signInThrottle(context.ip, account, device);
  if (throttle.blocked) return refuse('auth.errors.throttled', 429, Math.ceil(throttle.retryAfterSeconds / 60));

  try {
    const result = await withAuthentication('sign in', (tx) =>
      signIn(tx, anonymousCaller(), { identifier, password, ip: context.ip === 'unknown' ? null : context.ip, userAgent: request.headers.get('User-Agent') }),
    );
    await clearSignInFailures(account, device);
    context.log.info({ userId: result.userId }, 'signed in');
    const target = result.workspaceCount > 1 ? `/workspaces?redirectTo=${encodeURIComponent(safeRedirect(redirectTo, '/'))}` : safeRedirect(redirectTo, '/');
    const headers = new Headers();
    headers.append('Set-Cookie', sessionCookie(result.token, result.expiresAt));
    headers.append('Set-Cookie', deviceCookieAfterSignIn(request, account));
    return redirect(target, { headers });
  } catch (error) {
    if (isRefusal(error)) {
      if (error.code === 'auth.invalidCredentials') await recordSignInFailure(context.ip, account, device);
      context.log.info({ code: error.code }, 'sign-in refused');
      const refusal = describeRefusal(error);
      return refuse(refusal.message, refusal.status);
    }
    context.log.error({ err: error }, 'sign-in failed');
    return refuse('auth.errors.unavailable', 503);
  }
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { signedOut, reset } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(schema, { id: 'login', lastResult: actionData?.result });
  const tr = useErrorText({ minutes: actionData?.retryMinutes ?? 15 });
  const submitting = navigation.state === 'submitting';
  // After a refused sign-in the password field starts empty again; the identifier stays as typed.
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (actionData && passwordRef.current) passwordRef.current.value = '';
  }, [actionData]);

  return (
    <SignedOutPage>
      <div className="mb-8 text-center">
        <h1 className="text-2xl font-bold text-brand-700">{t('app.name')}</h1>
        <p className="mt-1 text-sm text-slate-500">{t('app.tagline')}</p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold text-slate-900">{t('auth.title')}</h2>
        <p className="mt-1 text-sm text-slate-500">{t('auth.subtitle')}</p>
        {signedOut && !actionData ? (
          <Alert tone="success" className="mt-4">
            {t('auth.signedOut')}
          </Alert>
        ) : null}
        {reset && !actionData ? (
          <Alert tone="success" className="mt-4">
            {t('reset.done')}
          </Alert>
        ) : null}
        <FormError errors={form.errors} tr={tr} className="mt-4" data-testid="form-error" />
        <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <Field id={fields.identifier.id} label={t('auth.identifier')} error={tr(fields.identifier.errors?.[0])}>
            <Input
              {...getInputProps(fields.identifier, { type: 'text' })}
              autoComplete="username"
              inputMode="email"
              placeholder={t('auth.identifierPlaceholder')}
              autoFocus
            />
          </Field>
          <Field id={fields.password.id} label={t('auth.password')} error={tr(fields.password.errors?.[0])}>
            <Input ref={passwordRef} {...getInputProps(fields.password, { type: 'password' })} autoComplete="current-password" />
          </Field>
          <Button type="submit" size="lg" className="w-full" disabled={submitting}>
            {submitting ? t('auth.submitting') : t('auth.submit')}
          </Button>
        </Form>
        <Link to="/forgot-password" className="mt-4 block text-center text-sm text-brand-700 underline">
          {t('forgot.link')}
        </Link>
      </div>
    </SignedOutPage>
  );
}
