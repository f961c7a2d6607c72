import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '~/components/ui/button.tsx';
import { DateInput, MonthInput } from '~/components/ui/date-input.tsx';
import { Field } from '~/components/ui/field.tsx';

/**
 * The GET form at the top of a meal page: one day (`?day=YYYY-MM-DD`) or month (`?month=YYYY-MM`) and 查看. `children`
 * carries what the page keeps across the change (hidden inputs such as the search).
 */
export function PeriodForm({ period, value, label, className, children }: { period: 'day' | 'month'; value: string; label: string; className?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const Picker = period === 'day' ? DateInput : MonthInput;
  return (
    <Form method="get" noValidate className={`flex flex-wrap items-end gap-2 ${className ?? ''}`}>
      <Field id={period} label={label}>
        <Picker name={period} size="sm" defaultValue={value} />
      </Field>
      {children}
      <Button type="submit" variant="secondary" size="sm">
        {t('meals.bookings.show')}
      </Button>
    </Form>
  );
}
