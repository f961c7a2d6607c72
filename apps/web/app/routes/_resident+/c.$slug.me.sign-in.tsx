import { getFormProps, getInputProps } from '@conform-to/react';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLocation, useNavigation, useParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { maskMobile, normalizeMobile } from '@shequ/domain';
import { withTenant } from '@shequ/db';
import { anonymousCaller, requestResidentSignInCode, signInResidentWithCode, UseCaseError } from '@shequ/use-cases';
import { requestResidentSignInCodeSchema, residentSignInFormSchema, signInResidentWithCodeSchema } from '@shequ/use-cases/schemas';
import { Alert, FormError } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { readSubmission } from '~/lib/forms.server.ts';
import { safeRedirect } from '~/lib/http.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { getResident, residentSessionCookie } from '~/lib/resident-session.server.ts';
import { recordResidentCodeFailure, residentCodeSendThrottle, residentCodeThrottle } from '~/lib/throttle.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { ResidentPage } from '~/components/resident-page.tsx';

export const meta = pageTitle('me.signInTitle');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  if (await getResident(request, community.id)) throw redirect(nextPage(request, community.slug) ?? `/c/${community.slug}/me`);
  return null;
}

/**
 * Where to go once signed in, when a page of this community sent the resident here (`?next=`, e.g. the scan page a
 * shift's QR code opens): only a path under `/c/<slug>/`, never another site or community.
 */
function nextPage(request: Request, slug: string): string | null {
  const next = new URL(request.url).searchParams.get('next');
  const safe = safeRedirect(next, '');
  return safe.startsWith(`/c/${slug}/`) ? safe : null;
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

// A resident signs in with a six-digit code sent by text message (decision 035): a mobile, then the code. Limits per
// IP, per number and per community answer in Chinese with how long to wait.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const submission = await readSubmission(request, residentSignInFormSchema);
  const anon = anonymousCaller();
  const intent = submission.payload.intent === 'verify' ? 'verify' : 'send';
  const typedMobile = normalizeMobile(String(submission.payload.mobile ?? '')) ?? '';
  const answer = (step: 'mobile' | 'code', status: number, formError?: string, retryMinutes = 0, notice?: string) =>
    data(
      { step, notice: notice ?? null, mobile: step === 'code' ? typedMobile : '', mobileHint: typedMobile ? maskMobile(typedMobile) : '', retryMinutes, result: submission.reply(formError ? { formErrors: [formError], hideFields: ['code'] } : { hideFields: ['code'] }) },
      { status },
    );
  if (submission.status !== 'success') return answer(intent === 'verify' ? 'code' : 'mobile', 400);
  const v = submission.value;
  const mobile = normalizeMobile(v.mobile)!;
  const numberIndex = caseDeps.cipher.blindIndex('mobile', mobile);

  if (v.intent === 'send') {
    // A number (or address) locked by wrong codes is told so now, before a text message is spent on a code that
    // could not be used (found from outside: the new code was sent, then refused with 尝试次数过多).
    const locked = await residentCodeThrottle(context.ip, numberIndex);
    if (locked.blocked) return answer('mobile', 429, 'me.errors.throttled', minutes(locked.retryAfterSeconds));
    const throttle = await residentCodeSendThrottle(context.ip, numberIndex, community.id);
    if (throttle.blocked) return answer('mobile', 429, throttle.limit === 'community' ? 'refusals.residentSignIn.communityBusy' : 'me.errors.sendThrottled', minutes(throttle.retryAfterSeconds));
    try {
      await withTenant(db, community.id, (tx) => requestResidentSignInCode(tx, anon, { tenantId: community.id, mobile, cipher: caseDeps.cipher }));
    } catch (error) {
      // A code went to this number less than a minute ago: the box to type it, not a dead end (a phone that reloaded
      // the page while its owner read the message had no way back to it for a minute).
      if (error instanceof UseCaseError && error.code === 'residentSignIn.tooSoon') return answer('code', 429, undefined, 0, 'me.errors.codeAlreadySent'); // not an error: told as a note
      if (error instanceof UseCaseError && error.code.startsWith('residentSignIn.')) return answer('mobile', 429, `refusals.${error.code}`);
      throw error;
    }
    return answer('code', 200);
  }

  const throttle = await residentCodeThrottle(context.ip, numberIndex);
  if (throttle.blocked) return answer('code', 429, 'me.errors.throttled', minutes(throttle.retryAfterSeconds));
  const outcome = await withTenant(db, community.id, (tx) => signInResidentWithCode(tx, anon, { tenantId: community.id, mobile, code: v.code, cipher: caseDeps.cipher }));
  if (!outcome.ok) {
    await recordResidentCodeFailure(context.ip, numberIndex);
    return answer('code', 400, `me.errors.${outcome.reason}`);
  }
  context.log.info({ community: community.slug, pending: outcome.pending }, 'resident signed in by text-message code');
  const next = nextPage(request, community.slug) ?? (outcome.otherCommunities.length ? `/c/${community.slug}/me/choose` : `/c/${community.slug}/me`);
  return redirect(next, { headers: { 'Set-Cookie': residentSessionCookie(outcome.token, outcome.expiresAt) } });
}

export default function ResidentSignIn() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const { search } = useLocation();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const tr = useErrorText({ minutes: actionData?.retryMinutes ?? 15 });
  const step = actionData?.step ?? 'mobile';
  const [sendForm, sendFields] = useSchemaForm(requestResidentSignInCodeSchema, { id: 'me-send', lastResult: step === 'mobile' ? actionData?.result : undefined });
  const [codeForm, codeFields] = useSchemaForm(signInResidentWithCodeSchema, { id: 'me-code', lastResult: step === 'code' ? actionData?.result : undefined });
  return (
    <ResidentPage title={t('me.signInTitle')}>
      {/* Keyed by step: the two forms sit in the same place, and without a key React kept the mobile's input (and the
          number typed in it) as the code's. */}
      {step === 'mobile' ? (
        <Form key="send" method="post" {...getFormProps(sendForm)} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <p className="text-slate-600">{t('me.signInIntro')}</p>
          <FormError errors={sendForm.errors} tr={tr} data-testid="form-error" />
          <Field id={sendFields.mobile.id} label={t('me.mobile')} error={tr(sendFields.mobile.errors?.[0])}>
            <Input {...getInputProps(sendFields.mobile, { type: 'tel' })} inputMode="tel" autoComplete="tel" className="text-lg" />
          </Field>
          <Button type="submit" name="intent" value="send" size="lg" className="w-full" disabled={busy}>
            {t('me.send')}
          </Button>
        </Form>
      ) : (
        <Form key="code" method="post" {...getFormProps(codeForm)} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          {codeForm.errors?.length ? (
            <Alert tone="error" data-testid="form-error">
              {tr(codeForm.errors[0])}
            </Alert>
          ) : actionData?.notice ? (
            <Alert tone="info" data-testid="code-notice">
              {tr(actionData.notice)}
            </Alert>
          ) : (
            <Alert tone="success" data-testid="code-sent">
              {t('me.sent', { mobile: actionData?.mobileHint ?? '' })}
            </Alert>
          )}
          <input type="hidden" name="mobile" value={actionData?.mobile ?? ''} />
          <Field id={codeFields.code.id} label={t('me.code')} error={tr(codeFields.code.errors?.[0])}>
            <Input {...getInputProps(codeFields.code, { type: 'text' })} inputMode="numeric" autoComplete="one-time-code" maxLength={12} autoFocus className="font-mono text-2xl tracking-widest" />
          </Field>
          <Button type="submit" name="intent" value="verify" size="lg" className="w-full" disabled={busy}>
            {t('me.submit')}
          </Button>
          <Link to={`/c/${slug}/me/sign-in${search}`} reloadDocument className="block text-center text-brand-700 underline">
            {t('me.resend')}
          </Link>
        </Form>
      )}
    </ResidentPage>
  );
}
