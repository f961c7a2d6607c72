import { forwardRef, type TextareaHTMLAttributes } from 'react';
import { cn } from '~/lib/utils.ts';
import { fieldClass } from './input.tsx';

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(({ className, rows = 3, ...props }, ref) => (
  <textarea ref={ref} rows={rows} className={cn(fieldClass, 'min-w-0 py-2', className)} {...props} />
));
Textarea.displayName = 'Textarea';
