import * as AlertDialogPrimitive from '@radix-ui/react-alert-dialog';
import * as DialogPrimitive from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '~/lib/utils.ts';
import { useLargeText } from '~/lib/large-text.ts';
import { Button } from './button.tsx';

const overlay = 'fixed inset-0 z-40 bg-slate-900/40';
const panel =
  'fixed inset-x-0 bottom-0 z-50 max-h-[90dvh] overflow-y-auto rounded-t-xl bg-white p-5 pb-[max(1.25rem,env(safe-area-inset-bottom))] shadow-xl sm:inset-auto sm:left-1/2 sm:top-1/2 sm:w-full sm:max-w-lg sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-xl';

/**
 * A modal dialog (Radix: focus trapped and restored, Escape closes, title and description announced).
 * On a phone it rises from the bottom as a sheet; on wider screens it sits in the middle.
 */
export function Dialog({
  trigger,
  title,
  description,
  children,
  open,
  onOpenChange,
}: {
  trigger?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <DialogPrimitive.Trigger asChild>{trigger}</DialogPrimitive.Trigger> : null}
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={overlay} />
        <DialogPrimitive.Content className={panel}>
          <div className="flex items-start justify-between gap-4">
            <DialogPrimitive.Title className="text-base font-semibold text-slate-900">{title}</DialogPrimitive.Title>
            <DialogPrimitive.Close className="rounded p-1 text-slate-500 hover:bg-slate-100" aria-label={t('ui.close')}>
              <X aria-hidden className="h-4 w-4" />
            </DialogPrimitive.Close>
          </div>
          {description ? <DialogPrimitive.Description className="mt-1 text-sm text-slate-600">{description}</DialogPrimitive.Description> : <DialogPrimitive.Description className="sr-only">{title}</DialogPrimitive.Description>}
          <div className="mt-4">{children}</div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

/**
 * A button that asks before it submits its form: "确认…?" in an alert dialog, then submits the form the
 * trigger sits in (with the trigger's name/value, so `intent` reaches the action). Without JavaScript the
 * button submits directly, as a plain form would. In the residents' large-text mode (and beside a large trigger)
 * the question is as large as the page that asked it: larger title and text, large full-width buttons (issue 19: an
 * elder tapped 取消预订 in large text and was asked in small print).
 */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  cancelLabel,
  variant = 'primary',
  name,
  value,
  disabled,
  className,
  size,
  'data-testid': testId,
}: {
  children: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel?: ReactNode;
  /** The button that closes the dialog without acting (取消 by default; say 不取消，返回 when the act is itself a 取消…). */
  cancelLabel?: ReactNode;
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  name?: string;
  value?: string;
  disabled?: boolean;
  className?: string;
  size?: 'sm' | 'md' | 'lg';
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const largeText = useLargeText();
  const large = largeText || size === 'lg';
  return (
    <AlertDialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <Button
        ref={button}
        type="submit"
        name={name}
        value={value}
        variant={variant}
        size={size}
        disabled={disabled}
        className={className}
        data-testid={testId}
        onClick={(event) => {
          // Ask first; the confirm button below submits with this button as the submitter. A form the browser
          // would refuse (a required field left empty) is not asked about: the form shows what is missing.
          event.preventDefault();
          const form = event.currentTarget.form;
          if (form && !form.checkValidity()) {
            // Bring the first field that is missing into sight and focus it, so its message is next to it (the
            // bubble alone can be off screen on a phone, and nothing seemed to happen).
            const first = Array.from(form.elements).find((el): el is HTMLInputElement => 'willValidate' in el && (el as HTMLInputElement).willValidate && !(el as HTMLInputElement).validity.valid);
            first?.scrollIntoView({ block: 'center' });
            first?.focus({ preventScroll: true });
            // A form that speaks for itself (noValidate: the schema's Chinese messages next to the fields) is sent as
            // is, so those messages appear; only a form left to the browser gets the browser's own bubble.
            if (form.noValidate) form.requestSubmit(event.currentTarget);
            else form.reportValidity();
            return;
          }
          setOpen(true);
        }}
      >
        {children}
      </Button>
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className={overlay} />
        <AlertDialogPrimitive.Content className={panel} data-large={large ? 'true' : undefined}>
          <AlertDialogPrimitive.Title className={cn('font-semibold text-slate-900', largeText ? 'text-2xl' : large ? 'text-xl' : 'text-base')}>{title}</AlertDialogPrimitive.Title>
          <AlertDialogPrimitive.Description className={cn('mt-1 text-slate-600', largeText ? 'text-xl' : large ? 'text-lg' : 'text-sm', !description && 'sr-only')}>{description ?? title}</AlertDialogPrimitive.Description>
          <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialogPrimitive.Cancel asChild>
              <Button variant="secondary" size={large ? 'lg' : undefined} className={largeText ? 'text-lg' : undefined} data-testid={testId ? `${testId}-keep` : undefined}>
                {cancelLabel ?? t('ui.cancel')}
              </Button>
            </AlertDialogPrimitive.Cancel>
            <AlertDialogPrimitive.Action asChild>
              <Button
                variant={variant === 'danger' ? 'danger' : 'primary'}
                size={large ? 'lg' : undefined}
                className={largeText ? 'text-lg' : undefined}
                data-testid={testId ? `${testId}-confirm` : undefined}
                onClick={() => {
                  const trigger = button.current;
                  trigger?.form?.requestSubmit(trigger);
                }}
              >
                {confirmLabel ?? t('ui.confirm')}
              </Button>
            </AlertDialogPrimitive.Action>
          </div>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
