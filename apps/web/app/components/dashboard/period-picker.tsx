import { Form, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS } from '@shequ/domain';
import { Button } from '../ui/button.tsx';

/** Month, quarter, year or custom range; keeps the other query parameters (sort). */
export function PeriodPicker({ kind, value }: { kind: string; value: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [from, to] = kind === 'custom' ? value.split('~') : ['', ''];
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2 text-sm" data-testid="period-picker">
      {params.get('sort') ? <input type="hidden" name="sort" value={params.get('sort')!} /> : null}
      <label className="text-slate-600">
        {t('dashboard.period')}
        <select name="kind" defaultValue={kind} className="mt-1 block h-9 rounded-md border border-slate-300 bg-white px-2">
          {PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`dashboard.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-slate-600">
        {t('dashboard.from')}
        <input name="value" defaultValue={kind === 'custom' ? from : value} placeholder="2026 / 2026-Q1 / 2026-03 / 2026-03-01" className="mt-1 block h-9 w-44 rounded-md border border-slate-300 px-2" />
      </label>
      <label className="text-slate-600">
        {t('dashboard.to')}
        <input name="to" type="date" defaultValue={to} className="mt-1 block h-9 rounded-md border border-slate-300 px-2" />
      </label>
      <Button size="sm">{t('dashboard.show')}</Button>
    </Form>
  );
}
