import { ImagePlus } from 'lucide-react';
import { forwardRef, type InputHTMLAttributes, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sniffImageType } from '@shequ/domain';
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
 *
 * A file it cannot take is refused where it was chosen, never dropped without a word: a picker that takes only
 * images (`accept` lists image types only) reads the file's first bytes and refuses what is no JPEG, PNG or WebP
 * whatever its name says, and a file over `maxBytes` that cannot be made to fit is refused too. The refusal is said
 * beside the picker (the input marked invalid) and, until another file is chosen or the refusal removed, the form
 * is not sent: an 8 MB file that was no photo was taken out in silence and the visit saved without it (issue 20, an
 * outside tester). What was typed in the form stays (decision 070).
 */
export const FileInput = forwardRef<HTMLInputElement, Props>(({ id, className, chooseLabel, noneLabel, removeLabel, onChange, maxBytes, shrink = true, ...props }, ref) => {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => input.current!, []);
  const [chosen, setChosen] = useState<{ name: string; kb: number } | null>(null);
  const [state, setState] = useState<'idle' | 'fitting' | 'tooLarge' | 'notImage'>('idle');
  const [refusedName, setRefusedName] = useState('');
  const refused = state === 'tooLarge' || state === 'notImage';
  const imagesOnly = Boolean(props.accept) && props.accept!.split(',').every((a) => a.trim().startsWith('image/'));
  // While a chosen file stands refused, its form is not sent (read by the submit listener below, set at render).
  const blocking = useRef(false);
  blocking.current = refused || state === 'fitting';
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    // On the form itself, before the router's handler (React listens at the root): the post never starts.
    const onSubmit = (e: SubmitEvent) => {
      if (!blocking.current) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      input.current?.focus();
      input.current?.parentElement?.scrollIntoView({ block: 'center' });
    };
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, []);
  /** Takes out a file it cannot send, saying why beside the picker. */
  function refuse(el: HTMLInputElement, file: File, why: 'tooLarge' | 'notImage') {
    el.value = '';
    setChosen(null);
    setRefusedName(file.name);
    setState(why);
  }
  /** A chosen file: refused when it is no image an image picker takes; made to fit when over `maxBytes`. */
  async function check(el: HTMLInputElement, file: File) {
    if (imagesOnly) {
      const head = new Uint8Array(await file.slice(0, 16).arrayBuffer().catch(() => new ArrayBuffer(0)));
      if (!sniffImageType(head)) return refuse(el, file, 'notImage');
    }
    await fit(el, file);
  }
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
      refuse(el, file, 'tooLarge');
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
        aria-invalid={refused ? true : props['aria-invalid']}
        data-refused={refused ? state : undefined}
        data-fitting={state === 'fitting' ? 'true' : undefined}
        onChange={(e) => {
          const el = e.currentTarget;
          const file = el.files?.[0];
          setChosen(file ? { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) } : null);
          setState('idle');
          if (file) void check(el, file);
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
            ? <span className="text-red-700" data-testid="file-input-too-large">{t('ui.file.tooLarge', { mb: Math.floor((maxBytes ?? 0) / 1024 / 1024), name: refusedName })}</span>
            : state === 'notImage'
              ? <span className="text-red-700" data-testid="file-input-not-image">{t('ui.file.notImage', { name: refusedName })}</span>
              : chosen
              ? t('ui.file.chosen', { name: chosen.name, kb: chosen.kb })
              : (noneLabel ?? t('ui.file.none'))}
      </span>
      {chosen || refused ? (
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
