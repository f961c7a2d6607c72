import { Form, useActionData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CsrfInput } from '../csrf-input.tsx';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';

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
const hhmm = (m: number | null) => (m === null ? '' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
const cell = 'h-9 w-20 rounded-md border border-slate-300 px-2 text-sm';

/**
 * Time limits of a district (defaults for its communities, and working hours) or of a community (its own): one
 * row for everything and one per category; empty fields inherit from the level above.
 */
export function SlaSettings({ rows, kind, categories }: { rows: Row[]; kind: 'district' | 'community'; categories: string[] }) {
  const { t } = useTranslation();
  const result = useActionData<{ ok: boolean; error: string | null; typed: Record<string, string> | null }>();
  const busy = useNavigation().state !== 'idle';
  const names = [null, ...new Set([...categories, ...rows.map((r) => r.categoryName).filter((n): n is string => n !== null)])];
  const rowFor = (name: string | null) => rows.find((r) => r.categoryName === name);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('slaAdmin.title')}</CardTitle>
        <p className="mt-1 text-sm text-slate-500">{kind === 'district' ? t('slaAdmin.introDistrict') : t('slaAdmin.introCommunity')}</p>
      </CardHeader>
      <CardBody className="space-y-3">
        {result?.error ? <Alert tone="error">{t(result.error as never)}</Alert> : result?.ok ? <Alert tone="success">{t('slaAdmin.saved')}</Alert> : null}
        {names.map((name) => {
          const r = rowFor(name);
          const typed = result?.typed && (result.typed.categoryName || null) === name ? result.typed : null;
          const value = (key: keyof Row, fallback: string) => typed?.[key as string] ?? fallback;
          return (
            <Form key={name ?? '*'} method="post" className="flex flex-wrap items-end gap-2 border-b border-slate-100 pb-3 text-sm" data-testid={`sla-${name ?? 'all'}`}>
              <CsrfInput />
              <input type="hidden" name="intent" value="sla" />
              <input type="hidden" name="categoryName" value={name ?? ''} />
              <span className="w-28 font-medium text-slate-800">{name ?? t('slaAdmin.all')}</span>
              <label className="text-slate-600">
                {t('slaAdmin.acceptHours')}
                <input name="acceptHours" type="number" min={1} max={200} defaultValue={value('acceptHours', r?.acceptHours?.toString() ?? '')} className={`mt-1 block ${cell}`} />
              </label>
              <label className="text-slate-600">
                {t('slaAdmin.resolveDays')}
                <input name="resolveDays" type="number" min={1} max={60} defaultValue={value('resolveDays', r?.resolveDays?.toString() ?? '')} className={`mt-1 block ${cell}`} />
              </label>
              <label className="text-slate-600">
                {t('slaAdmin.streetDays')}
                <input name="streetDays" type="number" min={1} max={60} defaultValue={value('streetDays', r?.streetDays?.toString() ?? '')} className={`mt-1 block ${cell}`} />
              </label>
              <label className="text-slate-600">
                {t('slaAdmin.departmentDays')}
                <input name="departmentDays" type="number" min={1} max={60} defaultValue={value('departmentDays', r?.departmentDays?.toString() ?? '')} className={`mt-1 block ${cell}`} />
              </label>
              <label className="text-slate-600">
                {t('slaAdmin.reminders')}
                <input name="reminders" defaultValue={typed?.reminders ?? r?.reminderFractions?.map((f) => Math.round(f * 100)).join(', ') ?? ''} placeholder="50, 80" className={`mt-1 block ${cell} w-24`} />
              </label>
              {kind === 'district' && name === null ? (
                <>
                  <label className="text-slate-600">
                    {t('slaAdmin.workStart')}
                    <input name="workStart" type="time" defaultValue={typed?.workStart ?? hhmm(r?.workStartMinute ?? null)} className={`mt-1 block ${cell} w-28`} />
                  </label>
                  <label className="text-slate-600">
                    {t('slaAdmin.workEnd')}
                    <input name="workEnd" type="time" defaultValue={typed?.workEnd ?? hhmm(r?.workEndMinute ?? null)} className={`mt-1 block ${cell} w-28`} />
                  </label>
                </>
              ) : null}
              <Button size="sm" variant="secondary" disabled={busy} aria-label={`${t('slaAdmin.save')}：${name ?? t('slaAdmin.all')}`}>
                {t('slaAdmin.save')}
              </Button>
            </Form>
          );
        })}
        <p className="text-xs text-slate-500">{t('slaAdmin.hint')}</p>
      </CardBody>
    </Card>
  );
}
