import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { cn } from '~/lib/utils.ts';
import { Label } from './label.tsx';

/**
 * Label, hint, control and error message wired together for screen readers: the single child control gets the
 * id, `aria-describedby` (hint and error) and `aria-invalid` when there is an error, so a page never wires them
 * by hand. A control that is not a single element (a group) is rendered as it is.
 */
export function Field({
  id,
  label,
  hint,
  error,
  optional,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Shown after the label, e.g. 选填. */
  optional?: string;
  className?: string;
  children: ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const only = Children.count(children) === 1 && isValidElement(children) ? (children as ReactElement<Record<string, unknown>>) : null;
  const control = only
    ? cloneElement(only, {
        id: (only.props.id as string | undefined) ?? id,
        'aria-describedby': [only.props['aria-describedby'], describedBy].filter(Boolean).join(' ') || undefined,
        'aria-invalid': error ? true : only.props['aria-invalid'],
      })
    : children;
  return (
    <div className={cn('space-y-1.5', className)}>
      <Label htmlFor={id}>
        {label}
        {optional ? <span className="ml-1 font-normal text-slate-400">{optional}</span> : null}
      </Label>
      {control}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId}>{error}</FieldError>
    </div>
  );
}

/** A field's message (Chinese first), tied to its control by `id` (the control's aria-describedby); nothing without one. */
export function FieldError({ id, children, role, 'data-testid': testId }: { id?: string; children?: ReactNode; role?: 'alert'; 'data-testid'?: string }) {
  if (!children) return null;
  return (
    <p id={id} className="text-sm text-red-600" role={role} data-testid={testId}>
      {children}
    </p>
  );
}
