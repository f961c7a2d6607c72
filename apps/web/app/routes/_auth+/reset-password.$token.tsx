import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { resetPasswordSchema } from '@shequ/use-cases/schemas';
import { anonymousCaller, isResetLinkUsable, resetPassword } from '@shequ/use-cases';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { withAuthentication } from '~/lib/db.server.ts';
import { clearedSessionCookie } from '~/lib/session.server.ts';
import { readSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { parseForm } from '~/lib/parse-form.ts';

export const meta = pageTitle('reset.title');

const schema = resetPasswordSchema;

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await withAuthentication('reset link', (tx) => isResetLinkUsable(tx, anonymousCaller(), { token: params.token ?? '' })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = await readSubmission(request, schema);
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password', 'confirm'] }) }, { status: 400 });
  try {
    await withAuthentication('reset password', (tx) => resetPassword(tx, anonymousCaller(), { token: params.token ?? '', password: submission.value.password }));
  } catch (error) {
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      return data({ result: submission.reply({ formErrors: [refusal.message], hideFields: ['password', 'confirm'] }) }, { status: refusal.status });
    }
    throw error;
  }
  return redirect('/login?reset=1', { headers: { 'Set-Cookie': clearedSessionCookie() } });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseForm(formData, schema),
  });
  const tr = useErrorText();
  return (
    <main className="mx-auto max-w-sm px-4 pt-16">
      <h1 className="text-xl font-semibold text-slate-900">{t('reset.title')}</h1>
      {!usable ? (
        <Alert tone="error" className="mt-4">
          {t('reset.errors.linkInvalid')}
          <Link to="/login" className="ml-2 underline">
            {t('common.signIn')}
          </Link>
        </Alert>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <p className="text-sm text-slate-500">{t('reset.hint')}</p>
          {form.errors?.length ? <Alert tone="error">{tr(form.errors[0])}</Alert> : null}
          <Field id={fields.password.id} label={t('reset.password')} error={tr(fields.password.errors?.[0])}>
            <Input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" />
          </Field>
          <Field id={fields.confirm.id} label={t('reset.confirm')} error={tr(fields.confirm.errors?.[0])}>
            <Input {...getInputProps(fields.confirm, { type: 'password' })} autoComplete="new-password" />
          </Field>
          <Button type="submit" className="w-full" size="lg">
            {t('reset.submit')}
          </Button>
        </Form>
      )}
    </main>
  );
}
