import { forwardRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { cn } from '~/lib/utils.ts';
import { FieldError } from './field.tsx';

/**
 * One checkbox with its label beside it (the whole row is the click target, at least 44 px high on a phone); with
 * `error`, the message under it, announced with the box (`aria-invalid`, `aria-describedby`; give an `id`).
 */
export const Checkbox = forwardRef<HTMLInputElement, Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { label: ReactNode; error?: string | null }>(
  ({ label, error, className, ...props }, ref) => {
    const errorId = error ? `${props.id ?? props.name ?? 'checkbox'}-error` : undefined;
    const box = (
      <label className={cn('flex min-h-11 cursor-pointer items-center gap-2 text-sm text-slate-700 sm:min-h-0', error ? null : className)}>
        <input ref={ref} type="checkbox" className="h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600" aria-invalid={error ? true : undefined} aria-describedby={errorId} {...props} />
        <span>{label}</span>
      </label>
    );
    return error ? (
      <div className={className}>
        {box}
        <FieldError id={errorId}>{error}</FieldError>
      </div>
    ) : (
      box
    );
  },
);
Checkbox.displayName = 'Checkbox';

/**
 * Several checkboxes under one name (a form posts every checked value), in a fieldset whose legend names the
 * group for screen readers; an error is announced with the group.
 */
export function CheckboxGroup({
  name,
  legend,
  options,
  defaultValue = [],
  error,
  className,
}: {
  name: string;
  legend: ReactNode;
  options: { value: string; label: ReactNode; disabled?: boolean }[];
  defaultValue?: readonly string[];
  error?: string | null;
  className?: string;
}) {
  const errorId = error ? `${name}-error` : undefined;
  return (
    <fieldset className={cn('space-y-1', className)} aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4">
        {options.map((o) => (
          <Checkbox key={o.value} name={name} value={o.value} label={o.label} disabled={o.disabled} defaultChecked={defaultValue.includes(o.value)} />
        ))}
      </div>
      <FieldError id={errorId}>{error}</FieldError>
    </fieldset>
  );
}
