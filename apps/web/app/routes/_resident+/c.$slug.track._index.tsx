import { type ActionFunctionArgs, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatTrackingCode, normalizeTrackingCode } from '@shequ/domain';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { trackLookupSchema } from '@shequ/use-cases/schemas';
import { readSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { ResidentPage } from '~/components/resident-page.tsx';

export const meta = pageTitle('resident.trackTitle');

export async function action({ request, params }: ActionFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const submission = await readSubmission(request, trackLookupSchema);
  const code = submission.status === 'success' ? normalizeTrackingCode(submission.value.code) : null;
  // What was typed comes back in the field, with the message under it.
  const typed = String(submission.payload.code ?? '').slice(0, 40);
  if (!code) return data({ error: (submission.status === 'error' ? submission.error?.code?.[0] : null) ?? 'resident.trackNotFound', typed }, { status: 400 });
  return redirect(`/c/${community.slug}/track/${formatTrackingCode(code)}`);
}

export default function TrackLookup() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const tr = useErrorText();
  // Checked in the browser with the action's schema: a code it refuses is not sent, its message beside the field.
  const { err, check, sent } = useReply(actionData, trackLookupSchema);
  const { slug } = useParams();
  return (
    <ResidentPage title={t('resident.trackTitle')}>
      <Form {...check('lookup')} method="post" noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <Field id="code" label={t('resident.trackCode')} error={sent === 'lookup' ? err('lookup', 'code') : tr(actionData?.error)}>
          <Input id="code" name="code" required maxLength={20} autoCapitalize="characters" autoComplete="off" placeholder={t('resident.trackCodePlaceholder')} defaultValue={actionData?.typed} className="font-mono text-lg tracking-wider" />
        </Field>
        <Button type="submit" size="lg" className="w-full">
          {t('resident.trackSubmit')}
        </Button>
      </Form>
      <Link to={`/c/${slug}/me`} className="block text-center text-brand-700 underline" data-testid="lookup-by-mobile">
        {t('me.lookupByMobile')}
      </Link>
    </ResidentPage>
  );
}
