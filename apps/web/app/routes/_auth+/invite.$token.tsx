import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getFormProps, getInputProps } from '@conform-to/react';
import { acceptInvitation, anonymousCaller, openSession, peekInvitation } from '@shequ/use-cases';
import { acceptInvitationSchema } from '@shequ/use-cases/schemas';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { withAuthentication } from '~/lib/db.server.ts';
import { sessionCookie } from '~/lib/session.server.ts';
import { clearSignInFailures, recordSignInFailure, signInThrottle } from '~/lib/throttle.server.ts';
import { deviceCookieAfterSignIn, trustedDevice } from '~/lib/device-cookie.server.ts';
import { readSubmission } from '~/lib/forms.server.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { pageTitle } from '~/lib/meta.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';

export const meta = pageTitle('invite.title');

export async function loader({ params }: LoaderFunctionArgs) {
  const invited = await withAuthentication('invitation', (tx) => peekInvitation(tx, anonymousCaller(), { token: params.token ?? '' }));
  return invited
    ? { valid: true as const, hasPassword: invited.hasPassword, offer: invited.offer }
    : data({ valid: false as const, hasPassword: false, offer: null }, { status: 404 });
}

// The invited person sets a password (or confirms their existing one) and is signed straight in. Checking an
// existing password is throttled exactly like sign-in, per account and per IP (the same counters): before, this
// step accepted 30 wrong passwords in a row.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = await readSubmission(request, acceptInvitationSchema);
  const hide = ['password', 'confirm'];
  if (submission.status !== 'success') return data({ form: 'invite', result: submission.reply({ hideFields: hide }), error: null, minutes: 0 }, { status: 400 });
  const { password } = submission.value;
  const invited = await withAuthentication('invitation', (tx) => peekInvitation(tx, anonymousCaller(), { token: params.token ?? '' }));
  if (!invited) return data({ form: 'invite', result: null, error: 'invite.invalid' as const, minutes: 0 }, { status: 400 });
  const account = `user:${invited.userId}`;
  // The account's holder on a browser where they signed in before counts their own wrong tries (device cookies):
  // an admin who invites a number and types wrong passwords here cannot lock its holder out of signing in.
  const device = trustedDevice(request, account);
  if (invited.hasPassword) {
    const throttle = await signInThrottle(context.ip, account, device);
    if (throttle.blocked) return data({ form: 'invite', result: null, error: 'invite.throttled' as const, minutes: Math.ceil(throttle.retryAfterSeconds / 60) }, { status: 429 });
  }
  try {
    const session = await withAuthentication('accept invitation', async (tx) => {
      const { userId } = await acceptInvitation(tx, anonymousCaller(), { token: params.token ?? '', password });
      return openSession(tx, anonymousCaller(), { userId, ip: context.ip === 'unknown' ? null : context.ip, userAgent: request.headers.get('User-Agent') });
    });
    if (invited.hasPassword) await clearSignInFailures(account, device);
    const headers = new Headers();
    headers.append('Set-Cookie', sessionCookie(session.token, session.expiresAt));
    headers.append('Set-Cookie', deviceCookieAfterSignIn(request, account));
    return redirect(session.workspaceCount > 1 ? '/workspaces' : '/', { headers });
  } catch (error) {
    if (isRefusal(error)) {
      if (error.code === 'invite.wrongPassword') await recordSignInFailure(context.ip, account, device);
      const refusal = describeRefusal(error);
      return data({ form: 'invite', result: null, error: refusal.message, minutes: 0 }, { status: refusal.status });
    }
    throw error;
  }
}

export default function InvitePage() {
  const { t } = useTranslation();
  const invite = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const [form, fields] = useSchemaForm(acceptInvitationSchema, { id: 'invite', actionData: result });
  const tr = useErrorText();
  return (
    <main className="mx-auto max-w-sm px-4 pt-16">
      <h1 className="text-xl font-semibold text-slate-900">{t('invite.title')}</h1>
      {!invite.valid ? (
        <Alert tone="error" className="mt-4">
          {t('invite.invalid')}
        </Alert>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          {invite.offer ? (
            <p className="font-medium text-slate-900" data-testid="invite-offer">
              {t('invite.offer', { role: t(`roles.${invite.offer.role}`), unit: invite.offer.unitName ?? t('roles.platform_operator') })}
            </p>
          ) : null}
          <p className="text-slate-600">{invite.hasPassword ? t('invite.existing') : t('invite.greeting')}</p>
          {!invite.hasPassword ? <p className="text-sm text-slate-500">{t('reset.hint')}</p> : null}
          {result?.error ? <Alert tone="error">{t(result.error, { minutes: result.minutes })}</Alert> : null}
          <Field id={fields.password.id} label={t('invite.password')} error={tr(fields.password.errors?.[0])}>
            <Input {...getInputProps(fields.password, { type: 'password' })} autoComplete={invite.hasPassword ? 'current-password' : 'new-password'} />
          </Field>
          {!invite.hasPassword ? (
            <>
              <input type="hidden" name="newAccount" value="1" />
              <Field id={fields.confirm.id} label={t('invite.confirm')} error={tr(fields.confirm.errors?.[0])}>
                <Input {...getInputProps(fields.confirm, { type: 'password' })} autoComplete="new-password" />
              </Field>
            </>
          ) : null}
          <Button type="submit" size="lg" className="w-full" disabled={busy}>
            {t('invite.submit')}
          </Button>
        </Form>
      )}
    </main>
  );
}
