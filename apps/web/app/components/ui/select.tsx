import { forwardRef, type SelectHTMLAttributes } from 'react';
import { cn } from '~/lib/utils.ts';

export type SelectOption = { value: string; label: string; disabled?: boolean };

/**
 * A styled native select. Native on purpose: on a phone it opens the system picker (large, accessible, works
 * before hydration and in plain form posts), which no custom listbox matches. `placeholder` adds an empty
 * first option (e.g. 全部 in a filter).
 */
export const Select = forwardRef<
  HTMLSelectElement,
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children' | 'size'> & { options: SelectOption[]; placeholder?: string; size?: 'sm' | 'md' }
>(({ options, placeholder, className, size = 'md', ...props }, ref) => (
  <select
    ref={ref}
    className={cn(
      'block w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 text-slate-900 focus-visible:border-brand-500 aria-[invalid=true]:border-red-500 disabled:opacity-60',
      size === 'sm' ? 'h-9 text-sm' : 'h-11 text-base',
      className,
    )}
    {...props}
  >
    {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
    {options.map((o) => (
      <option key={o.value} value={o.value} disabled={o.disabled}>
        {o.label}
      </option>
    ))}
  </select>
));
Select.displayName = 'Select';

/** Options from rows that have an id and a name (categories, grids, buildings, staff). */
export function optionsOf(rows: readonly { id: string; name: string }[]): SelectOption[] {
  return rows.map((r) => ({ value: r.id, label: r.name }));
}
