import { forwardRef, type TextareaHTMLAttributes } from 'react';
import { cn } from '~/lib/utils.ts';

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(({ className, rows = 3, ...props }, ref) => (
  <textarea
    ref={ref}
    rows={rows}
    className={cn(
      'block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 placeholder:text-slate-400 focus-visible:border-brand-500 aria-[invalid=true]:border-red-500',
      className,
    )}
    {...props}
  />
));
Textarea.displayName = 'Textarea';
