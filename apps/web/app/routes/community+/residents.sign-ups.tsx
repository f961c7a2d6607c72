import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listResidentSignUps, resolveResidentSignUp } from '@shequ/use-cases';
import { resolveResidentSignUpSchema } from '@shequ/use-cases/schemas';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { FieldError } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { registerCaller } from './residents.server.ts';
import { PostButton, PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('me.signUps.title');

// Residents who signed in with a number the register does not know (decision 035): staff register them or dismiss.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await registerCaller(request);
  return { signUps: await runAsStaff(caller, (tx) => listResidentSignUps(tx, caller)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, resolveResidentSignUpSchema, 'community');
  if (submission.status !== 'success') {
    const first = Object.values(submission.error ?? {}).flat()[0] ?? 'errors.badRequest';
    return data({ error: first, signUpId: String(submission.payload.signUpId ?? '') }, { status: 400 });
  }
  const v = submission.value;
  // A sign-up no longer waiting (resolved or gone meanwhile) is said beside its row, not a 404 page.
  const caller = { actor, ability };
  const done = await actAsStaff(caller, (tx) => resolveResidentSignUp(tx, caller, { ...v, cipher: caseDeps.cipher }), { messages: ['residentSignUp.notFound'] });
  if (!done.ok) return data({ error: done.refusal.message as string, signUpId: v.signUpId }, { status: done.refusal.status });
  return withToast({ error: null, signUpId: v.signUpId }, v.intent === 'confirm' ? 'residents.signUpConfirmed' : 'residents.signUpDismissed');
}

export default function SignUpsPage() {
  const { t, i18n } = useTranslation();
  const { signUps } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const tr = useErrorText({ max: 20 });
  // Each confirm form is checked in the browser with the action's schema: one it refuses (no name) is not sent, its
  // message beside the name; otherwise the server's answer shows above the row's buttons.
  const { err, check, sent } = useReply(actionData, resolveResidentSignUpSchema);
  return (
    <div className="space-y-4">
      <PageHeader title={t('me.signUps.title')} description={t('me.signUps.intro')} actions={<Link to="/community/residents" className="text-brand-700 underline">{t('residents.back')}</Link>} />
      {signUps.length === 0 ? <p className="rounded-xl border border-slate-200 bg-white p-6 text-center text-slate-500">{t('me.signUps.empty')}</p> : null}
      <ul className="space-y-3" data-testid="sign-ups">
        {signUps.map((s) => (
          <li key={s.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <p className="font-mono text-slate-900">{s.mobileHint}</p>
            <p className="text-sm text-slate-500">
              {t('me.signUps.at')} {new Date(s.createdAt).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' })}
            </p>
            {!sent && actionData?.error && actionData.signUpId === s.id ? (
              <Alert tone="error" className="mt-2">
                {tr(actionData.error)}
              </Alert>
            ) : null}
            <div className="mt-3 flex flex-wrap items-end gap-2">
              <PostForm {...check(`confirm:${s.id}`)} hiddenFields={{ signUpId: s.id }} className="flex flex-wrap items-end gap-2">
                <div>
                  <Input name="name" aria-label={t('me.signUps.name')} placeholder={t('me.signUps.name')} maxLength={20} className="h-9 w-40" aria-invalid={err(`confirm:${s.id}`, 'name') ? true : undefined} aria-describedby={`sign-up-${s.id}-name-error`} />
                  <FieldError id={`sign-up-${s.id}-name-error`}>{err(`confirm:${s.id}`, 'name')}</FieldError>
                </div>
                <Button type="submit" name="intent" value="confirm" size="sm" disabled={busy}>
                  {t('me.signUps.confirm')}
                </Button>
              </PostForm>
              <PostButton intent="dismiss" hiddenFields={{ signUpId: s.id }} variant="secondary" busy={busy}>
                {t('me.signUps.dismiss')}
              </PostButton>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
