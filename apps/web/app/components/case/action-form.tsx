import { useActionData, useNavigation } from '@remix-run/react';
import { type ComponentProps, createContext, type ReactNode, useContext, useEffect, useId, useRef } from 'react';
import { caseActionSchema } from '@shequ/use-cases/schemas';
import { Button } from '../ui/button.tsx';
import { ConfirmButton } from '../ui/dialog.tsx';
import { Field } from '../ui/field.tsx';
import type { RowAction } from '~/components/ui/action-buttons.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';
import { useReply } from '~/lib/form-reply.tsx';

/** The message the case action's schema gives a field of the form around it (ActionField reads it). */
const FieldMessage = createContext<((field: string) => string | null) | null>(null);

/**
 * One case action as a small form. A form that worked starts empty again (the success message comes as a toast);
 * one that failed keeps what was typed. With `confirm`, the button asks first. It is checked in the browser with the
 * schema the case page's action parses with (caseActionSchema, decision 075): a form it refuses (an empty reply, no
 * reason chosen) is not sent, and its messages — the use case's own words — stand beside its fields (ActionField).
 */
export function ActionForm({
  intent,
  label,
  children,
  variant = 'secondary',
  confirm,
  className,
}: Pick<RowAction, 'intent' | 'confirm'> & { label: string; children?: ReactNode; variant?: 'primary' | 'secondary' | 'danger'; className?: string }) {
  const navigation = useNavigation();
  const actionData = useActionData<{ ok?: string | null }>();
  const ref = useRef<HTMLFormElement>(null);
  const { check, err, alert } = useReply(actionData, caseActionSchema);
  useEffect(() => {
    if (actionData?.ok === intent) ref.current?.reset();
  }, [actionData, intent]);
  const busy = navigation.state !== 'idle';
  return (
    <PostForm ref={ref} {...check(intent)} className={className ?? 'space-y-3'}>
      <FieldMessage.Provider value={(field) => err(intent, field)}>{children}</FieldMessage.Provider>
      {alert(intent)}
      {confirm ? (
        <ConfirmButton name="intent" value={intent} variant={variant} size="sm" disabled={busy} title={confirm.title} description={confirm.description} className="w-full sm:w-auto">
          {label}
        </ConfirmButton>
      ) : (
        <Button name="intent" value={intent} variant={variant === 'danger' ? 'danger' : variant} size="sm" disabled={busy} className="w-full sm:w-auto">
          {label}
        </Button>
      )}
    </PostForm>
  );
}

/** A field of a case action's form, with the message the action's schema gives it (`field`: its posted name). */
export function ActionField({ field, ...props }: { field: string } & ComponentProps<typeof Field>) {
  const message = useContext(FieldMessage);
  return <Field {...props} error={message?.(field) ?? props.error} />;
}

/**
 * A labelled panel around one action: a heading naming it, an optional line on what it does, then its form.
 * The case page is a column of these, so a grid worker on a phone reads what each button will do.
 */
export function ActionPanel({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId} data-action-panel>
      <h3 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}
