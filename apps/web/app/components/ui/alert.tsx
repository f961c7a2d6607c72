import type { HTMLAttributes } from 'react';
import { cn } from '~/lib/utils.ts';

const tones = {
  error: 'border-red-200 bg-red-50 text-red-800',
  info: 'border-sky-200 bg-sky-50 text-sky-800',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  warning: 'border-amber-200 bg-amber-50 text-amber-900',
};

export function Alert({ tone = 'info', className, ...props }: HTMLAttributes<HTMLDivElement> & { tone?: keyof typeof tones }) {
  return <div role={tone === 'error' ? 'alert' : 'status'} className={cn('rounded-md border px-4 py-3 text-sm', tones[tone], className)} {...props} />;
}

/**
 * A Conform form's own refusal, above its fields: the first of `errors` (the form's `errors`) in words (`tr`, the
 * page's useErrorText, with the values its messages name); nothing when there is none.
 */
export function FormError({ errors, tr, ...props }: HTMLAttributes<HTMLDivElement> & { errors?: string[]; tr: (message: string | null | undefined) => string | null }) {
  if (!errors?.length) return null;
  return (
    <Alert tone="error" {...props}>
      {tr(errors[0])}
    </Alert>
  );
}
