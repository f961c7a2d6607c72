import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_KINDS, VISIT_FAMILY, VISIT_HEALTH, VISIT_LIVING, VISIT_NEEDS, VISIT_SAFETY, VISIT_SEEN } from '@shequ/domain';
import { Checkbox, CheckboxGroup } from '~/components/ui/checkbox-group.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { useLooseT } from '~/lib/i18n.ts';

type Errors = (field: string) => string | null;

/** One choice of several as large tap targets (radio buttons, wrapping at 360 px). */
export function ChoiceGroup({ name, legend, options, defaultValue, error }: { name: string; legend: string; options: { value: string; label: string }[]; defaultValue?: string; error?: string | null }) {
  return (
    <fieldset className="space-y-1" aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} className="h-4 w-4" />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error ? <p className="text-sm text-red-600">{error}</p> : null}
    </fieldset>
  );
}

/**
 * The quick visit form's fields (issue 20): choices first (contact, who was seen, living, health, safety, family
 * care, needs), free text second, then the need that becomes a case. Shared by the online form and the phone app
 * (which posts the same fields later), so both send what careVisitFormSchema reads. `defaults`: what a kept record
 * of the phone says, when a refused one is opened to fix (decision 076).
 */
export function VisitChoiceFields({ categories, error, defaults }: { categories: { id: string; name: string }[]; error: Errors; defaults?: Record<string, string | string[]> }) {
  const { t } = useTranslation();
  const tt = useLooseT();
  const one = (k: string) => (typeof defaults?.[k] === 'string' ? (defaults[k] as string) : undefined);
  const many = (k: string) => (Array.isArray(defaults?.[k]) ? (defaults[k] as string[]) : typeof defaults?.[k] === 'string' ? [defaults[k] as string] : []);
  const opts = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: tt(`care.visit.choices.${group}.${v}`) }));
  return (
    <>
      <ChoiceGroup name="kind" legend={t('care.visit.kind')} defaultValue={one('kind') ?? 'home'} options={CONTACT_KINDS.map((k) => ({ value: k, label: tt(`care.kind.${k}`) }))} error={error('kind')} />
      <ChoiceGroup name="seen" defaultValue={one('seen')} legend={t('care.visit.seen')} options={opts('seen', VISIT_SEEN)} error={error('seen')} />
      <ChoiceGroup name="living" defaultValue={one('living')} legend={t('care.visit.living')} options={opts('living', VISIT_LIVING)} error={error('living')} />
      <ChoiceGroup name="health" defaultValue={one('health')} legend={t('care.visit.health')} options={opts('health', VISIT_HEALTH)} error={error('health')} />
      <CheckboxGroup name="safety" defaultValue={many('safety')} legend={t('care.visit.safety')} options={opts('safety', VISIT_SAFETY)} error={error('safety')} />
      <ChoiceGroup name="familyCare" defaultValue={one('familyCare')} legend={t('care.visit.family')} options={opts('family', VISIT_FAMILY)} error={error('familyCare')} />
      <CheckboxGroup name="needs" defaultValue={many('needs')} legend={t('care.visit.needs')} options={opts('needs', VISIT_NEEDS)} error={error('needs')} />
      <Field id="care-visit-note" label={t('care.visit.note')} error={error('note')}>
        <Textarea name="note" maxLength={500} rows={3} defaultValue={one('note')} />
      </Field>
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">{t('care.visit.needCase')}</legend>
        <p className="text-xs text-slate-500">{t('care.visit.needCaseHint')}</p>
        <Field id="care-visit-need-category" label={t('care.visit.needCategory')} error={error('needCategoryId')}>
          <Select name="needCategoryId" placeholder="—" defaultValue={one('needCategoryId')} options={categories.map((c) => ({ value: c.id, label: c.name }))} data-testid="care-need-category" />
        </Field>
        <Field id="care-visit-need-content" label={t('care.visit.needContent')} error={error('needContent')}>
          <Textarea name="needContent" maxLength={500} rows={2} defaultValue={one('needContent')} data-testid="care-need-content" />
        </Field>
      </fieldset>
    </>
  );
}

/** "Attach my location": asks the browser once when ticked and fills two hidden fields; optional, never required. */
export function LocationField() {
  const { t } = useTranslation();
  const [where, setWhere] = useState<{ lat: string; lng: string } | null>(null);
  const [failed, setFailed] = useState(false);
  return (
    <div className="space-y-1">
      <Checkbox
        label={t('care.visit.location')}
        onChange={(e) => {
          if (!e.currentTarget.checked) return setWhere(null);
          setFailed(false);
          if (!('geolocation' in navigator)) return setFailed(true);
          navigator.geolocation.getCurrentPosition(
            (pos) => setWhere({ lat: pos.coords.latitude.toFixed(6), lng: pos.coords.longitude.toFixed(6) }),
            () => setFailed(true),
            { timeout: 10_000, maximumAge: 60_000 },
          );
        }}
      />
      {where ? (
        <>
          <input type="hidden" name="latitude" value={where.lat} />
          <input type="hidden" name="longitude" value={where.lng} />
          <p className="text-xs text-emerald-700">{t('care.visit.locationFound')}</p>
        </>
      ) : null}
      {failed ? <p className="text-xs text-amber-700">{t('care.visit.locationFailed')}</p> : null}
    </div>
  );
}
