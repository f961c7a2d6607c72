import { forwardRef, type InputHTMLAttributes } from 'react';
import { Input } from './input.tsx';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'size'> & { size?: 'sm' | 'md' };

/**
 * Day and month pickers: the browser's own (a phone shows its native wheel or calendar, a keyboard user types).
 * Values are ISO strings: YYYY-MM-DD and YYYY-MM, the shapes `queryFilterDay`, `queryDay` and the period schemas parse.
 */
export const DateInput = forwardRef<HTMLInputElement, Props>(({ size = 'md', className, ...props }, ref) => (
  <Input ref={ref} type="date" className={size === 'sm' ? `h-9 text-sm ${className ?? ''}` : className} {...props} />
));
DateInput.displayName = 'DateInput';

export const MonthInput = forwardRef<HTMLInputElement, Props>(({ size = 'md', className, ...props }, ref) => (
  <Input ref={ref} type="month" className={size === 'sm' ? `h-9 text-sm ${className ?? ''}` : className} {...props} />
));
MonthInput.displayName = 'MonthInput';
