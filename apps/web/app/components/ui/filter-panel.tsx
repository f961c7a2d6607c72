import { Form, Link } from '@remix-run/react';
import { SlidersHorizontal } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '~/components/ui/button.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Select, type SelectOption } from '~/components/ui/select.tsx';
import { cn } from '~/lib/utils.ts';

/**
 * A GET form of filters that folds away on a phone (a 筛选条件 button opens it) and is always open from the
 * `md` breakpoint up. It starts open on a phone when a filter is already applied, so the user sees why the list
 * is short. `submit`: its button after the fields (with `reset`, a link that lifts every filter), in `className`'s cell.
 */
export function FilterPanel({
  children,
  active = false,
  className,
  submit,
}: {
  children: ReactNode;
  active?: boolean;
  className?: string;
  submit?: { label: ReactNode; reset?: ReactNode; className?: string; testId?: string };
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(active);
  const id = useId();
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <button
        type="button"
        className="flex w-full items-center justify-between gap-2 px-3 py-2.5 text-sm font-medium text-slate-700 md:hidden"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        data-testid="filter-toggle"
      >
        <span className="flex items-center gap-2">
          <SlidersHorizontal aria-hidden className="h-4 w-4" />
          {t('ui.filters')}
        </span>
        <span className="text-xs text-slate-500">{open ? t('ui.hideFilters') : t('ui.showFilters')}</span>
      </button>
      <Form noValidate method="get" role="search" id={id} className={cn(open ? 'grid' : 'hidden', 'gap-3 border-t border-slate-100 p-3 md:grid md:border-t-0', className)}>
        {children}
        {submit ? (
          <div className={cn('flex items-end gap-3', submit.className)}>
            <Button type="submit" size="sm" data-testid={submit.testId}>
              {submit.label}
            </Button>
            {submit.reset ? (
              <Link to="?" className="text-sm text-slate-500 underline">
                {submit.reset}
              </Link>
            ) : null}
          </div>
        ) : null}
      </Form>
    </div>
  );
}

/**
 * One choice among a filter panel's fields: the value now in force (`value`, '' for none) and, with `all`, an
 * empty first option (全部) that lifts the filter.
 */
export function FilterSelect({ id, name, label, value, all, options, className }: { id: string; name: string; label: ReactNode; value: string | null | undefined; all?: string; options: SelectOption[]; className?: string }) {
  return (
    <Field id={id} label={label} className={className}>
      <Select name={name} size="sm" defaultValue={value ?? ''} placeholder={all} options={options} />
    </Field>
  );
}
