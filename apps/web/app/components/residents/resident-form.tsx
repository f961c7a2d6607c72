import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react';
import { useNavigation } from '@remix-run/react';
// One bound for a unit or room everywhere (the register's rule, addressPartProblem; the care app uses it too).
import { UNIT_ROOM_MAX } from '@shequ/domain';
import { useTranslation } from 'react-i18next';
import type { z } from '~/lib/validation.ts';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Checkbox, CheckboxGroup } from '~/components/ui/checkbox-group.tsx';
import { Field, FieldError } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { useErrorText } from '~/lib/error-text.ts';
import { isMessageKey, useLooseT } from '~/lib/i18n.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

/** `wholeRegister` false: a grid worker, who must place the person in a building of their grids (no 未填写). */
export type ResidentFormChoices = { tags: { id: string; name: string }[]; buildings: { id: string; name: string }[]; wholeRegister?: boolean };
type ResidentFormShape = Partial<
  Record<'name' | 'mobile' | 'idNumber' | 'gender' | 'birth' | 'buildingId' | 'unit' | 'room' | 'note' | 'consent' | 'consentChannel' | 'sharedMobile' | 'residentId', string>
> & { tagIds?: string[] };

export type ResidentFormDefaults = Partial<Record<'name' | 'gender' | 'birth' | 'buildingId' | 'unit' | 'room' | 'note', string | null>> & { tagIds?: string[] };

/**
 * The new-person and edit forms of the register (decision 034): one Zod schema (from the use case) checks it in the
 * browser and on the server (Conform); refusals of the use case come back beside their field. Name, mobile and ID
 * number are never pre-filled (they are sealed): editing asks for them again, or keeps them when left… as typed.
 */
export function ResidentForm({
  schema,
  answer,
  choices,
  defaults,
  mode,
  hidden,
}: {
  schema: z.ZodTypeAny;
  /**
   * The action's answer: `result` (Conform's), with `params` the values a refusal's message names (e.g. `max` of
   * 姓名最多 {{max}} 个字) and `fieldParams` each field's own, where refusals of several fields name different ones
   * (姓名最多 20 个字, 房号最多 10 个字).
   */
  answer: { result?: SubmissionResult<string[]> | null; params?: unknown; fieldParams?: unknown } | undefined;
  choices: ResidentFormChoices;
  defaults?: ResidentFormDefaults;
  mode: 'new' | 'edit';
  hidden?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const tk = useLooseT();
  const fieldParams = answer?.fieldParams as Record<string, Record<string, unknown>> | undefined;
  const tr = useErrorText(answer?.params as Record<string, unknown> | undefined);
  const submitting = useNavigation().state === 'submitting';
  const [form, fields] = useSchemaForm(schema as z.ZodType<ResidentFormShape>, { id: 'resident', lastResult: answer?.result });
  // Every problem of a field, each message with that field's values (the use case reports all of a form's at once).
  const err = (name: keyof ResidentFormShape) => {
    const messages = fields[name].errors ?? [];
    if (!messages.length) return null;
    const own = fieldParams?.[name];
    return messages.map((m) => (own && isMessageKey(i18n, m) ? tk(m, own) : tr(m))).join('；');
  };
  const optional = t('residents.fields.optional');
  // A grid worker places everyone in a building of their grids: the choice is required, not 未填写 (issue 16).
  const gridOnly = choices.wholeRegister === false;
  return (
    <PostForm hiddenFields={hidden} {...getFormProps(form)} className="space-y-4" data-testid="resident-form">
      {form.errors?.length ? <Alert tone="error">{tr(form.errors[0])}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={fields.name.id} label={t('residents.fields.name')} error={err('name')}>
          <Input {...getInputProps(fields.name, { type: 'text' })} defaultValue={defaults?.name ?? undefined} autoComplete="off" />
        </Field>
        <Field id={fields.mobile.id} label={t('residents.fields.mobile')} optional={optional} error={err('mobile')}>
          <Input {...getInputProps(fields.mobile, { type: 'tel' })} autoComplete="off" inputMode="tel" />
        </Field>
        <Field id={fields.idNumber.id} label={t('residents.fields.idNumber')} optional={optional} hint={t('residents.fields.idNumberHint')} error={err('idNumber')}>
          <Input {...getInputProps(fields.idNumber, { type: 'text' })} autoComplete="off" />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id={fields.gender.id} label={t('residents.fields.gender')} optional={optional} error={err('gender')}>
            <Select
              {...getSelectProps(fields.gender)}
              defaultValue={defaults?.gender ?? ''}
              placeholder="—"
              options={[
                { value: 'male', label: t('residents.gender.male') },
                { value: 'female', label: t('residents.gender.female') },
              ]}
            />
          </Field>
          <Field id={fields.birth.id} label={t('residents.fields.birth')} optional={optional} hint={t('residents.fields.birthHint')} error={err('birth')}>
            <Input {...getInputProps(fields.birth, { type: 'text' })} defaultValue={defaults?.birth ?? undefined} placeholder="1948-03" />
          </Field>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={fields.buildingId.id} label={t('residents.fields.building')} optional={gridOnly ? undefined : optional} error={err('buildingId')}>
          <Select
            {...getSelectProps(fields.buildingId)}
            required={gridOnly}
            defaultValue={defaults?.buildingId ?? ''}
            placeholder={t(gridOnly ? 'residents.fields.buildingChoose' : 'residents.fields.buildingNone')}
            options={optionsOf(choices.buildings)}
          />
        </Field>
        <Field id={fields.unit.id} label={t('residents.fields.unit')} optional={optional} error={err('unit')}>
          <Input {...getInputProps(fields.unit, { type: 'text' })} maxLength={UNIT_ROOM_MAX} defaultValue={defaults?.unit ?? undefined} />
        </Field>
        <Field id={fields.room.id} label={t('residents.fields.room')} optional={optional} error={err('room')}>
          <Input {...getInputProps(fields.room, { type: 'text' })} maxLength={UNIT_ROOM_MAX} defaultValue={defaults?.room ?? undefined} />
        </Field>
      </div>
      <CheckboxGroup name={fields.tagIds.name} legend={t('residents.fields.tags')} options={choices.tags.map((tag) => ({ value: tag.id, label: tag.name }))} defaultValue={defaults?.tagIds ?? []} error={err('tagIds')} />
      <Field id={fields.note.id} label={t('residents.fields.note')} optional={optional} error={err('note')}>
        <Textarea {...getTextareaProps(fields.note)} defaultValue={defaults?.note ?? undefined} rows={2} />
      </Field>
      <Checkbox name={fields.sharedMobile.name} label={t('residents.fields.sharedMobile')} />
      {mode === 'new' ? (
        <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
          <Field id={fields.consentChannel.id} label={t('residents.fields.consentChannel')} error={err('consentChannel')}>
            <Select
              {...getSelectProps(fields.consentChannel)}
              defaultValue="in_person"
              options={(['in_person', 'phone', 'paper'] as const).map((c) => ({ value: c, label: t(`residents.consentChannels.${c}`) }))}
            />
          </Field>
          <Checkbox name={fields.consent.name} label={t('residents.fields.consent')} data-testid="consent" />
          <FieldError>{err('consent')}</FieldError>
        </div>
      ) : null}
      <Button type="submit" disabled={submitting} data-testid="resident-submit">
        {mode === 'new' ? t('residents.new') : t('common.save')}
      </Button>
    </PostForm>
  );
}
