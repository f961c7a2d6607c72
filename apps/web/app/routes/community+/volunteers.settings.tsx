import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getVolunteerSettings, setCertificateSeal, updateVolunteerSettings } from '@shequ/use-cases';
import { volunteerSettingsPageSchema } from '@shequ/use-cases/schemas';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card } from '~/components/ui/card.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FileInput } from '~/components/ui/file-input.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyInvalid, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { type FormReply, useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { bodyTooLarge, MB, takesBodyUpTo } from '~/lib/body-limit.ts';
import { pageTitle } from '~/lib/meta.ts';
import { requireActor } from '~/lib/session.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('volunteers.settings.title');

// The community's volunteer settings (issue 17): rounding, grace, the QR's early window, the second-approval
// threshold, the cancellation cut-off, the day-before confirmation and the reminder, star thresholds and the
// certificate's person in charge and contact, and the seal image printed on certificates. Staff read them; the
// community admin changes them.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  return runAsStaff(caller, (tx) => getVolunteerSettings(tx, caller));
}

/** Bodies above this are answered without reading the form (decision 060): a seal image of 2 MB plus the fields, with room for multipart overhead. */
export const handle = takesBodyUpTo(3 * MB);

export async function action({ request }: ActionFunctionArgs) {
  if (bodyTooLarge(request, handle)) return data<FormReply>({ form: 'seal', errors: { seal: ['refusals.intake.photos.tooLarge'] }, error: null, params: { maxMb: 2 } }, { status: 413 });
  const { actor, ability, submission } = await requireSubmission(request, volunteerSettingsPageSchema, 'community');
  if (submission.status !== 'success') return replyInvalid(String(submission.payload.intent ?? 'settings') === 'seal' ? 'seal' : 'settings', submission.error, submission.payload);
  const caller = { actor, ability };
  const v = submission.value;
  if (v.intent === 'seal') {
    const image = v.seal ? new Uint8Array(await v.seal.arrayBuffer()) : null;
    const sealed = await actAsStaff(caller, (tx) => setCertificateSeal(tx, caller, { image, remove: Boolean(v.remove), storage: caseDeps.storage }));
    if (!sealed.ok) return replyRefused('seal', sealed.error);
    return withToast(replySaved('seal'), 'volunteers.sealSaved');
  }
  const { intent: _intent, ...fields } = v;
  const done = await actAsStaff(caller, (tx) => updateVolunteerSettings(tx, caller, fields));
  if (!done.ok) return replyRefused('settings', done.error, submission.payload);
  return withToast(replySaved('settings'), 'volunteers.settingsSaved');
}

const NUMBERS = ['roundingMinutes', 'graceMinutes', 'earlyMinutes', 'secondApprovalMinutes', 'cancelCutoffHours', 'confirmAskHours', 'confirmCloseHours', 'reminderMinutes'] as const;

export default function VolunteerSettingsPage() {
  const { t } = useTranslation();
  const s = useLoaderData<typeof loader>();
  const { err, alert, submit, value, check } = useReply(useActionData<typeof action>(), volunteerSettingsPageSchema);
  const busy = useNavigation().state !== 'idle';
  const fieldError = (name: string) => err('settings', name);
  // A refused form shows what was typed, the saved settings otherwise (also without JavaScript).
  const typed = (name: string, saved: string) => value('settings', name, saved) ?? saved;
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.settings.title')} description={t('volunteers.settings.intro')} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      {!s.canEdit ? <Alert tone="info">{t('volunteers.settings.readOnly')}</Alert> : null}
      <Card className="p-4">
        <PostForm {...check('settings')} hiddenFields={{ intent: 'settings' }} className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {NUMBERS.map((name) => (
            <Field key={name} id={`vs-${name}`} label={t(`volunteers.settings.${name}`)} error={fieldError(name)}>
              <Input name={name} type="number" inputMode="numeric" defaultValue={typed(name, String(s[name]))} disabled={!s.canEdit} />
            </Field>
          ))}
          <Field id="vs-roundingMode" label={t('volunteers.settings.roundingMode')} error={fieldError('roundingMode')}>
            <Select
              name="roundingMode"
              defaultValue={typed('roundingMode', s.roundingMode)}
              disabled={!s.canEdit}
              options={(['down', 'nearest', 'up'] as const).map((m) => ({ value: m, label: t(`volunteers.settings.mode.${m}`) }))}
            />
          </Field>
          <Field id="vs-starHours" label={t('volunteers.settings.starHours')} hint={t('volunteers.settings.starHint')} error={fieldError('starHours')}>
            <Input name="starHours" defaultValue={typed('starHours', s.starHours.join(', '))} disabled={!s.canEdit} />
          </Field>
          <Field id="vs-person" label={t('volunteers.settings.certificatePersonInCharge')} error={fieldError('certificatePersonInCharge')}>
            <Input name="certificatePersonInCharge" defaultValue={typed('certificatePersonInCharge', s.certificatePersonInCharge ?? '')} disabled={!s.canEdit} />
          </Field>
          <Field id="vs-contact" label={t('volunteers.settings.certificateContact')} error={fieldError('certificateContact')}>
            <Input name="certificateContact" defaultValue={typed('certificateContact', s.certificateContact ?? '')} disabled={!s.canEdit} />
          </Field>
          {s.canEdit ? submit('settings', t('volunteers.settings.save'), { className: 'md:col-span-2' }) : null}
        </PostForm>
      </Card>
      <Card className="space-y-3 p-4" data-testid="certificate-seal">
        <h2 className="text-base font-semibold">{t('volunteers.settings.seal')}</h2>
        <p className="text-sm text-slate-600">{s.sealed ? t('volunteers.settings.sealSet') : t('volunteers.settings.sealNone')}</p>
        {s.canEdit ? (
          <PostForm {...check('seal')} hiddenFields={{ intent: 'seal' }} encType="multipart/form-data" className="space-y-3">
            <Field id="vs-seal" label={t('volunteers.settings.seal')} hint={t('volunteers.settings.sealHint')} error={err('seal', 'seal')}>
              <FileInput maxBytes={2 * 1024 * 1024} shrink={false} name="seal" accept="image/png,image/jpeg" chooseLabel={t('care.visit.photoChoose')} noneLabel={t('care.visit.photoNone')} removeLabel={t('care.visit.photoRemove')} />
            </Field>
            {alert('seal')}
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={busy}>
                {t('volunteers.settings.sealUpload')}
              </Button>
              {s.sealed ? (
                <Button type="submit" name="remove" value="on" variant="secondary" disabled={busy}>
                  {t('volunteers.settings.sealRemove')}
                </Button>
              ) : null}
            </div>
          </PostForm>
        ) : null}
      </Card>
    </div>
  );
}
