import { useActionData, useNavigation } from '@remix-run/react';
import { useErrorText } from '~/lib/error-text.ts';
import { useTranslation } from 'react-i18next';
import { formatTimeOfDay } from '@shequ/domain';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { PostForm } from '~/components/ui/post-form.tsx';
import { districtSlaFormSchema, slaFormSchema } from '@shequ/use-cases/schemas';
import { FieldError } from '../ui/field.tsx';
import { useReply } from '~/lib/form-reply.tsx';

type Row = {
  categoryName: string | null;
  acceptHours: number | null;
  resolveDays: number | null;
  streetDays: number | null;
  departmentDays: number | null;
  reminderFractions: number[] | null;
  workStartMinute: number | null;
  workEndMinute: number | null;
};
type Policy = { acceptHours: number; resolveDays: number; streetDays: number; departmentDays: number; reminderFractions: number[]; hours: { startMinute: number; endMinute: number } };
const hhmm = (m: number | null) => (m === null ? '' : formatTimeOfDay(m));
const percents = (fractions: number[]) => fractions.map((f) => Math.round(f * 100)).join(', ');
const cell = 'h-9 w-20 rounded-md border border-slate-300 px-2 text-sm';
// A time of day, 00:00–23:59 or 24:00 (a time input cannot say 24:00, which an office working all day needs).
const TIME_PATTERN = '([01]?[0-9]|2[0-3])[:：][0-5][0-9]|24[:：]00';

/**
 * Time limits of a district (defaults for its communities, and working hours) or of a community (its own): one
 * row for everything and one per category; empty fields inherit from the level above.
 */
/** The limits set as whole numbers, in the order shown: hours to accept, days to resolve at each level. */
const NUMBERS = [
  { key: 'acceptHours', max: 200 },
  { key: 'resolveDays', max: 60 },
  { key: 'streetDays', max: 60 },
  { key: 'departmentDays', max: 60 },
] as const;

export function SlaSettings({ rows, kind, categories, inherited }: { rows: Row[]; kind: 'district' | 'community'; categories: string[]; inherited: { categoryName: string | null; policy: Policy }[] }) {
  const { t } = useTranslation();
  // The schema's messages may carry their bound (validation.tooLongMax?max=40) or be refusal codes: said in words.
  const tr = useErrorText();
  const result = useActionData<{ ok: boolean; error: RefusalMessage | null; params?: Record<string, string | number>; typed: Record<string, string> | null; form?: string }>();
  const busy = useNavigation().state !== 'idle';
  // Each row's form is checked in the browser with the schema its page's action parses with: one it refuses is not
  // sent, each field's message beside it. The server answers a row the same way (every problem beside its field of
  // that row: slaFormRefused, saveSlaFromForm); only a problem naming no field of the row shows above the rows.
  const { err, check, sent } = useReply(result, kind === 'district' ? districtSlaFormSchema : slaFormSchema);
  const aboveRows = result?.error && (!sent || sent === result.form) ? result.error : null;
  const names = [null, ...new Set([...categories, ...rows.map((r) => r.categoryName).filter((n): n is string => n !== null)])];
  const rowFor = (name: string | null) => rows.find((r) => r.categoryName === name);
  const generalInForce = inherited.find((i) => i.categoryName === null)?.policy;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('slaAdmin.title')}</CardTitle>
        <p className="mt-1 text-sm text-slate-500">{kind === 'district' ? t('slaAdmin.introDistrict') : t('slaAdmin.introCommunity')}</p>
      </CardHeader>
      <CardBody className="space-y-3">
        {aboveRows ? <Alert tone="error">{tr(aboveRows, result?.params)}</Alert> : result?.ok ? <Alert tone="success">{t('slaAdmin.saved')}</Alert> : null}
        {names.map((name) => {
          const r = rowFor(name);
          const typed = result?.typed && (result.typed.categoryName || null) === name ? result.typed : null;
          const value = (key: keyof Row, fallback: string) => typed?.[key as string] ?? fallback;
          const from = inherited.find((i) => i.categoryName === name)?.policy ?? generalInForce;
          // What applies when the field is left empty: shown beside it and as its placeholder.
          const inForce = (text: string | undefined) =>
            text === undefined ? null : (
              <span className="mt-0.5 block text-xs text-slate-500" data-testid="sla-inherited">
                {t('slaAdmin.inherited', { value: text })}
              </span>
            );
          const form = `sla:${name ?? '*'}`;
          const fieldError = (field: string) => <FieldError id={`${form}-${field}-error`}>{err(form, field)}</FieldError>;
          return (
            <PostForm {...check(form)} hiddenFields={{ intent: 'sla', categoryName: name ?? '' }} key={name ?? '*'} className="flex flex-wrap items-end gap-2 border-b border-slate-100 pb-3 text-sm" data-testid={`sla-${name ?? 'all'}`}>
              <span className="w-28 font-medium text-slate-800">{name ?? t('slaAdmin.all')}</span>
              {NUMBERS.map(({ key, max }) => (
                <label key={key} className="text-slate-600">
                  {t(`slaAdmin.${key}`)}
                  <input name={key} type="number" min={1} max={max} defaultValue={value(key, r?.[key]?.toString() ?? '')} placeholder={from?.[key].toString()} className={`mt-1 block ${cell}`} />
                  {inForce(from?.[key].toString())}
                  {fieldError(key)}
                </label>
              ))}
              <label className="text-slate-600">
                {t('slaAdmin.reminders')}
                <input name="reminders" defaultValue={typed?.reminders ?? r?.reminderFractions?.map((f) => Math.round(f * 100)).join(', ') ?? ''} placeholder={from ? percents(from.reminderFractions) : '50, 80'} className={`mt-1 block ${cell} w-24`} />
                {inForce(from ? percents(from.reminderFractions) || t('slaAdmin.noReminders') : undefined)}
                {fieldError('reminders')}
              </label>
              {kind === 'district' && name === null ? (
                <>
                  <label className="text-slate-600">
                    {t('slaAdmin.workStart')}
                    <input name="workStart" inputMode="numeric" pattern={TIME_PATTERN} title={t('slaAdmin.timeFormat')} defaultValue={typed?.workStart ?? hhmm(r?.workStartMinute ?? null)} placeholder={from ? hhmm(from.hours.startMinute) : '09:00'} className={`mt-1 block ${cell} w-28`} />
                    {inForce(from ? hhmm(from.hours.startMinute) : undefined)}
                    {fieldError('workStart')}
                  </label>
                  <label className="text-slate-600">
                    {t('slaAdmin.workEnd')}
                    <input name="workEnd" inputMode="numeric" pattern={TIME_PATTERN} title={t('slaAdmin.timeFormat')} defaultValue={typed?.workEnd ?? hhmm(r?.workEndMinute ?? null)} placeholder={from ? hhmm(from.hours.endMinute) : '17:30'} className={`mt-1 block ${cell} w-28`} />
                    {inForce(from ? hhmm(from.hours.endMinute) : undefined)}
                    {fieldError('workEnd')}
                  </label>
                </>
              ) : null}
              <Button size="sm" variant="secondary" disabled={busy} aria-label={`${t('slaAdmin.save')}：${name ?? t('slaAdmin.all')}`}>
                {t('slaAdmin.save')}
              </Button>
            </PostForm>
          );
        })}
        {kind === 'community' && generalInForce ? (
          <p className="text-sm text-slate-600" data-testid="sla-hours-in-force">
            {t('slaAdmin.hoursInForce', { start: hhmm(generalInForce.hours.startMinute), end: hhmm(generalInForce.hours.endMinute) })}
          </p>
        ) : null}
        <p className="text-xs text-slate-500">{t('slaAdmin.hint')}</p>
      </CardBody>
    </Card>
  );
}
