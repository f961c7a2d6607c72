import { Form, useSearchParams } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS, type PeriodKind } from '@shequ/domain';
import { Button } from '../ui/button.tsx';
import { DateInput, MonthInput } from '../ui/date-input.tsx';
import { Select } from '../ui/select.tsx';
import { cn } from '~/lib/utils.ts';

const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The value a kind starts from when it is chosen: the period shown now, seen as a month, quarter, year or range
 * (today's month or quarter when today falls in it, else its first).
 */
function startValue(kind: PeriodKind, first: string, last: string, today: string): { value: string; to: string } {
  const anchor = today >= first && today <= last ? today : first;
  if (kind === 'month') return { value: anchor.slice(0, 7), to: '' };
  if (kind === 'quarter') return { value: quarterOf(anchor), to: '' };
  if (kind === 'year') return { value: anchor.slice(0, 4), to: '' };
  return { value: first, to: last };
}

/**
 * 统计期间: a month picker, a quarter list, a year list, or two dates (first and last day, inclusive). Choosing a
 * kind puts a value of that kind in its field (never a year under 月); a refused period comes back with its message
 * and the kind that was chosen. Other query parameters (sort, street filter) are kept.
 */
export function PeriodPicker({
  kind,
  value,
  to,
  first,
  last,
  today,
  error,
}: {
  kind: string;
  value: string;
  to?: string;
  /** The period shown now (or today, when none is), first and last day: where a newly chosen kind starts. */
  first: string;
  last: string;
  /** Today in China time (from the server, so both renders agree). */
  today: string;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const initialKind: PeriodKind = (PERIOD_KINDS as readonly string[]).includes(kind) ? (kind as PeriodKind) : 'year';
  const [chosen, setChosen] = useState<PeriodKind>(initialKind);
  const [fields, setFields] = useState(() => (kind === 'custom' ? { value: value.split('~')[0] ?? '', to: to || value.split('~')[1] || '' } : { value, to: '' }));
  const choose = (next: PeriodKind) => {
    setChosen(next);
    setFields(startValue(next, first, last, today));
  };
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 10 }, (_, i) => String(thisYear - i));
  const withCurrent = (options: string[], current: string) => (current && !options.includes(current) ? [current, ...options] : options);
  const invalid = error ? true : undefined;
  const described = error ? 'period-error' : undefined;
  const kept = [...params.entries()].filter(([k]) => !['kind', 'value', 'to'].includes(k));
  // The one value field of every kind (two dates for a range): same name, test id and error wiring.
  const valueProps = {
    name: 'value',
    value: fields.value,
    onChange: (e: { target: { value: string } }) => setFields({ value: e.target.value, to: '' }),
    'aria-invalid': invalid,
    'aria-describedby': described,
    'data-testid': 'period-value',
  };
  const listed =
    chosen === 'quarter'
      ? withCurrent(
          years.flatMap((y) => ['4', '3', '2', '1'].map((q) => `${y}-Q${q}`)),
          fields.value,
        ).map((v) => ({ value: v, label: /^\d{4}-Q[1-4]$/.test(v) ? t('dashboard.quarterOption', { year: v.slice(0, 4), q: v.slice(6) }) : v }))
      : withCurrent(years, fields.value).map((y) => ({ value: y, label: /^\d{4}$/.test(y) ? t('dashboard.yearOption', { year: y }) : y }));
  return (
    <Form noValidate method="get" className="space-y-2 text-sm print:hidden" data-testid="period-picker">
      {kept.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-slate-600">
          {t('dashboard.period')}
          <Select
            name="kind"
            value={chosen}
            onChange={(e) => choose(e.target.value as PeriodKind)}
            className="mt-1 h-9 text-sm w-28"
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`dashboard.kinds.${k}`) }))}
            data-testid="period-kind"
          />
        </label>
        {chosen === 'month' ? (
          <label className="text-slate-600">
            {t('dashboard.month')}
            <MonthInput {...valueProps} required min="2000-01" max="2100-12" className="mt-1 h-9 w-44 text-sm" />
          </label>
        ) : chosen === 'quarter' || chosen === 'year' ? (
          <label className="text-slate-600">
            {t(`dashboard.${chosen}`)}
            <Select {...valueProps} className={cn('mt-1 h-9 text-sm', chosen === 'quarter' ? 'w-44' : 'w-32')} options={listed} />
          </label>
        ) : (
          <>
            <label className="text-slate-600">
              {t('dashboard.from')}
              <DateInput {...valueProps} onChange={(e) => setFields({ ...fields, value: e.target.value })} required min="2000-01-01" max="2100-12-31" className="mt-1 h-9 w-40 text-sm" />
            </label>
            <label className="text-slate-600">
              {t('dashboard.to')}
              <DateInput {...valueProps} name="to" value={fields.to} onChange={(e) => setFields({ ...fields, to: e.target.value })} required min="2000-01-01" max="2100-12-31" className="mt-1 h-9 w-40 text-sm" data-testid="period-to" />
            </label>
          </>
        )}
        <Button size="sm">{t('dashboard.show')}</Button>
      </div>
      {error ? (
        <p id="period-error" role="alert" className="text-sm text-red-700" data-testid="period-error">
          {error}
        </p>
      ) : null}
    </Form>
  );
}
