import { ImagePlus } from 'lucide-react';
import { forwardRef, type InputHTMLAttributes, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '~/lib/utils.ts';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & {
  /** The button's words (default 选择文件); e.g. 拍照或选择照片. */
  chooseLabel?: string;
  /** What is said while nothing is chosen (default 未选择文件). */
  noneLabel?: string;
  /** The words of the control that removes the chosen file (default 移除). */
  removeLabel?: string;
};

/**
 * A file picker in the page's own words instead of the browser's ("Choose File / No file chosen", in the browser's
 * language, not the page's): the native input stays in the form and in the tab order (visually hidden, so the
 * keyboard and screen readers reach it and a form posts it as before), a label styled as a button opens it, and the
 * chosen file's name and size are said beside it with a button to remove it. Wraps at 360 px. Put it inside a
 * `Field`: the field's label, hint and error are wired to the input.
 */
export const FileInput = forwardRef<HTMLInputElement, Props>(({ id, className, chooseLabel, noneLabel, removeLabel, onChange, ...props }, ref) => {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => input.current!, []);
  const [chosen, setChosen] = useState<{ name: string; kb: number } | null>(null);
  const statusId = `${id ?? props.name}-file-status`;
  const describedBy = [props['aria-describedby'], statusId].filter(Boolean).join(' ');
  return (
    <div className={cn('flex min-w-0 flex-wrap items-center gap-2', className)} data-testid="file-input">
      <input
        ref={input}
        id={id}
        type="file"
        className="peer sr-only"
        {...props}
        aria-describedby={describedBy}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          setChosen(file ? { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) } : null);
          onChange?.(e);
        }}
      />
      <label
        htmlFor={id}
        className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-focus-visible:ring-offset-2 peer-aria-[invalid=true]:border-red-500"
        data-testid="file-input-choose"
      >
        <ImagePlus aria-hidden className="h-4 w-4" />
        {chosen ? t('ui.file.change') : (chooseLabel ?? t('ui.file.choose'))}
      </label>
      <span id={statusId} className="min-w-0 break-all text-sm text-slate-600" aria-live="polite" data-testid="file-input-status">
        {chosen ? t('ui.file.chosen', { name: chosen.name, kb: chosen.kb }) : (noneLabel ?? t('ui.file.none'))}
      </span>
      {chosen ? (
        <button
          type="button"
          className="min-h-11 rounded-md px-2 text-sm text-slate-600 underline hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          onClick={() => {
            if (input.current) input.current.value = '';
            setChosen(null);
            input.current?.focus();
          }}
          data-testid="file-input-remove"
        >
          {removeLabel ?? t('ui.file.remove')}
        </button>
      ) : null}
    </div>
  );
});
FileInput.displayName = 'FileInput';
