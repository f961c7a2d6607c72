import { forwardRef, type InputHTMLAttributes } from 'react';
import { cn } from '~/lib/utils.ts';

/** What every text field looks like (Input, Textarea): its border, text and the red border of a field in error. */
export const fieldClass = 'block w-full rounded-md border border-slate-300 bg-white px-3 text-base text-slate-900 placeholder:text-slate-400 focus-visible:border-brand-500 aria-[invalid=true]:border-red-500';

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(({ className, ...props }, ref) => <input ref={ref} className={cn(fieldClass, 'h-11', className)} {...props} />);
Input.displayName = 'Input';
