import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '@shequ/domain';
import { withTenant } from '@shequ/db';
import { anonymousCaller, checkInOccurrenceAtPost } from '@shequ/use-cases';
import { unitCheckInPageFormSchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
import { OneTimeCodeField } from '~/components/committee/one-time-code.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db } from '~/lib/db.server.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { readSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { qrSvg } from '~/lib/qr.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { ballotCodeKey, recordUnitCheckInFailure, unitCheckInThrottle } from '~/lib/throttle.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';

export const meta = pageTitle('unitCheckIn.title');

/**
 * The page a service post's QR opens (issue 18, decision 057): a partner unit's representative checks the unit in on
 * a phone, with no account. The address may carry the code (`?code=`), which only fills the box: nothing is looked up
 * before the form is sent, so the page shows nobody anything but the community's name.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const code = (new URL(request.url).searchParams.get('code') ?? '').trim().slice(0, 20);
  return { community: { name: community.name }, code };
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * Checks the occurrence in (checkInOccurrenceAtPost, inside the community of the address). Wrong or spent codes are
 * limited per IP and per code (UNIT_CHECK_IN_THROTTLE); a code outside its time is told the window and not counted.
 * Junk answers a Chinese message beside its field, never a 500. Success names the post, the unit and the time, and
 * gives the rating page's QR for the residents served.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const submission = await readSubmission(request, unitCheckInPageFormSchema);
  const typed = String(submission.payload.code ?? '').slice(0, 20);
  const served = String(submission.payload.peopleServed ?? '').slice(0, 8);
  const refuse = (status: number, field: 'code' | 'peopleServed' | null, message: string | null, params: Record<string, string | number> = {}) =>
    data({ ok: false as const, field, message, params, typed, served }, { status });
  if (submission.status !== 'success') {
    const field = submission.error?.code ? 'code' : 'peopleServed';
    // An empty code is asked for (请填写签到码), a malformed one is told it is wrong: the schema's own words.
    return refuse(400, field, field === 'code' ? (submission.error?.code?.[0] ?? 'refusals.partner.code.invalid') : 'unitCheckIn.servedInvalid');
  }
  const key = ballotCodeKey(community.id, submission.value.code);
  const throttle = await unitCheckInThrottle(context.ip, key);
  if (throttle.blocked) return refuse(429, null, 'unitCheckIn.limited', { minutes: minutes(throttle.retryAfterSeconds) });
  try {
    const done = await withTenant(db, community.id, (tx) => checkInOccurrenceAtPost(tx, anonymousCaller(), { ...submission.value, tenantId: community.id }));
    const base = process.env.PUBLIC_URL?.replace(/\/$/, '') || new URL(request.url).origin;
    const rateQr = `data:image/svg+xml;base64,${Buffer.from(await qrSvg(`${base}/c/${params.slug}/rate/${done.occurrenceId}`)).toString('base64')}`;
    return {
      ok: true as const,
      done: { post: done.post, unit: done.unit, startsAt: chinaDateTime(done.startsAt).slice(0, 16), peopleServed: done.peopleServed, rateUrl: `/c/${params.slug}/rate/${done.occurrenceId}`, rateQr },
    };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const refusal = describeRefusal(error);
    // A right code told its window or a count of people over the post's bound is no guess: not counted.
    const aboutServed = refusal.field === 'peopleServed';
    if (error.code !== 'partner.code.outsideWindow' && !aboutServed) await recordUnitCheckInFailure(context.ip, key);
    return refuse(refusal.status, aboutServed ? 'peopleServed' : 'code', refusal.message, refusal.params);
  }
}

export default function UnitCheckInPage() {
  const { t } = useTranslation();
  const { community, code } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const failed = answer && !answer.ok ? answer : null;
  const tr = useErrorText(failed?.params ?? {});
  // Checked in the browser with the action's schema: a form it refuses is not sent, every field's message beside it.
  const { err, check, sent } = useReply(answer, unitCheckInPageFormSchema);
  const local = sent === 'checkIn';
  // A count the schema refuses is said in the page's own words, as the action says it.
  const localError = (field: 'code' | 'peopleServed') => (field === 'peopleServed' && err('checkIn', field) ? t('unitCheckIn.servedInvalid') : err('checkIn', field));
  const fieldError = (field: 'code' | 'peopleServed') => (local ? localError(field) : failed?.field === field ? tr(failed.message) : null);
  if (answer?.ok) {
    const d = answer.done;
    return (
      <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="unit-check-in-done">
        <h1 className="text-xl font-semibold text-slate-900">{t('unitCheckIn.doneTitle')}</h1>
        <p className="break-words text-slate-800">
          {d.post} · {d.unit}
        </p>
        <p className="text-sm text-slate-600">{t('unitCheckIn.when', { at: d.startsAt })}</p>
        {d.peopleServed != null ? <p className="text-sm text-slate-600">{t('unitCheckIn.served', { n: d.peopleServed })}</p> : null}
        <div className="space-y-1 rounded-md bg-slate-50 p-3">
          <p className="text-sm text-slate-700">{t('unitCheckIn.rateHint')}</p>
          <img src={d.rateQr} alt={t('unitCheckIn.rateQrAlt')} className="h-40 w-40" />
          <a href={d.rateUrl} className="break-all text-sm text-blue-700 underline">
            {t('unitCheckIn.rateLink')}
          </a>
        </div>
      </section>
    );
  }
  return (
    <Form {...check('checkIn')} method="post" noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="unit-check-in-form">
      <h1 className="text-xl font-semibold text-slate-900">{t('unitCheckIn.title')}</h1>
      <p className="text-sm text-slate-600">{t('unitCheckIn.intro', { community: community.name })}</p>
      <OneTimeCodeField label={t('unitCheckIn.code')} hint={t('unitCheckIn.codeHint')} error={fieldError('code')} limited={!local && failed && !failed.field && failed.message ? tr(failed.message) : null} limitedTestId="unit-check-in-limited" defaultValue={failed ? failed.typed : code} />
      <Field id="peopleServed" label={t('unitCheckIn.peopleServed')} optional={t('unitCheckIn.optional')} error={fieldError('peopleServed')}>
        <Input name="peopleServed" inputMode="numeric" maxLength={8} defaultValue={failed?.served ?? ''} />
      </Field>
      <Button type="submit" size="lg" className="w-full" disabled={busy}>
        {t('unitCheckIn.submit')}
      </Button>
    </Form>
  );
}
