import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';

/** A person of the register as a finder lists them (masked name, age, address, tags). */
export type FoundResident = { id: string; nameHint: string; age: number | null; address: string | null; tags?: string[] };

/**
 * Finding someone of the register to act for (book a meal or a service, enrol in a course): a search by name, mobile
 * or ID number (a GET form that keeps the day of the page's day picker), then the people found, each with the page's `choose` (a
 * link or a button). Used by the meal bookings, the service desk and a course's page.
 */
export function ResidentFinder({ q, day, found, testId, choose }: { q: string; day: string; found: FoundResident[]; testId?: string; choose: (r: FoundResident) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <Form
        method="get"
        noValidate
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          // The day shown in the page's day picker (PeriodForm, id "day"), even if 查看 was not pressed: a day picked
          // and then a search went back to the page's day (an outside trial: 选择 "reset the day to today").
          const picked = (document.getElementById('day') as HTMLInputElement | null)?.value;
          const hidden = event.currentTarget.elements.namedItem('day') as HTMLInputElement | null;
          if (picked && hidden) hidden.value = picked;
        }}
      >
        <input type="hidden" name="day" value={day} />
        <Field id="q" label={t('residents.filters.q')} className="min-w-0 flex-1">
          <Input name="q" defaultValue={q} maxLength={40} className="h-9 text-sm" />
        </Field>
        <Button type="submit" variant="secondary" size="sm">
          {t('residents.filters.search')}
        </Button>
      </Form>
      {found.length ? (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" data-testid={testId}>
          {found.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-2">
              <span>
                {r.nameHint}
                {r.age !== null ? ` · ${r.age}` : ''} {r.address ? `· ${r.address}` : ''}
                {r.tags ? ` ${r.tags.length ? `· ${r.tags.join(' ')}` : ''}` : ''}
              </span>
              {choose(r)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
