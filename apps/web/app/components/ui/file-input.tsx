import { ImagePlus } from 'lucide-react';
import { forwardRef, type InputHTMLAttributes, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fitPhoto } from '~/lib/fit-photo.ts';
import { cn } from '~/lib/utils.ts';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & {
  /** The button's words (default 选择文件); e.g. 拍照或选择照片. */
  chooseLabel?: string;
  /** What is said while nothing is chosen (default 未选择文件). */
  noneLabel?: string;
  /** The words of the control that removes the chosen file (default 移除). */
  removeLabel?: string;
  /**
   * The largest file the server takes. A larger image is redrawn smaller in the browser (fitPhoto) and put in the
   * input's place; a file that cannot be made to fit is taken out again, with a message in the page's words (a body
   * over the limit was the 500 page, and the typing was lost).
   */
  maxBytes?: number;
  /** Whether a larger image may be redrawn smaller (as a JPEG); false refuses it instead (a seal keeps its PNG transparency). */
  shrink?: boolean;
};

/**
 * A file picker in the page's own words instead of the browser's ("Choose File / No file chosen", in the browser's
 * language, not the page's): the native input stays in the form and in the tab order (visually hidden, so the
 * keyboard and screen readers reach it and a form posts it as before), a label styled as a button opens it, and the
 * chosen file's name and size are said beside it with a button to remove it. Wraps at 360 px. Put it inside a
 * `Field`: the field's label, hint and error are wired to the input.
 */
export const FileInput = forwardRef<HTMLInputElement, Props>(({ id, className, chooseLabel, noneLabel, removeLabel, onChange, maxBytes, shrink = true, ...props }, ref) => {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => input.current!, []);
  const [chosen, setChosen] = useState<{ name: string; kb: number } | null>(null);
  const [state, setState] = useState<'idle' | 'fitting' | 'tooLarge'>('idle');
  /** A file over `maxBytes`: made to fit and put in the input, or taken out with a message. */
  async function fit(el: HTMLInputElement, file: File) {
    if (!maxBytes || file.size <= maxBytes) return;
    setState('fitting');
    const fitted = shrink ? await fitPhoto(file, maxBytes) : null;
    if (fitted && typeof DataTransfer === 'function') {
      const dt = new DataTransfer();
      dt.items.add(fitted);
      el.files = dt.files;
      setChosen({ name: fitted.name, kb: Math.max(1, Math.round(fitted.size / 1024)) });
      setState('idle');
    } else {
      el.value = '';
      setChosen(null);
      setState('tooLarge');
    }
  }
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
        data-fitting={state === 'fitting' ? 'true' : undefined}
        onChange={(e) => {
          const el = e.currentTarget;
          const file = el.files?.[0];
          setChosen(file ? { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) } : null);
          setState('idle');
          if (file) void fit(el, file);
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
        {state === 'fitting'
          ? t('ui.file.fitting')
          : state === 'tooLarge'
            ? <span className="text-red-700" data-testid="file-input-too-large">{t('ui.file.tooLarge', { mb: Math.floor((maxBytes ?? 0) / 1024 / 1024) })}</span>
            : chosen
              ? t('ui.file.chosen', { name: chosen.name, kb: chosen.kb })
              : (noneLabel ?? t('ui.file.none'))}
      </span>
      {chosen ? (
        <button
          type="button"
          className="min-h-11 rounded-md px-2 text-sm text-slate-600 underline hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          onClick={() => {
            if (input.current) input.current.value = '';
            setChosen(null);
            setState('idle');
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
