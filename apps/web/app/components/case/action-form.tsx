import { useActionData, useNavigation } from '@remix-run/react';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button } from '../ui/button.tsx';
import { ConfirmButton } from '../ui/dialog.tsx';
import type { RowAction } from '~/components/ui/action-buttons.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';

/**
 * One case action as a small form. A form that worked starts empty again (the success message comes as a toast);
 * one that failed keeps what was typed. With `confirm`, the button asks first.
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
  useEffect(() => {
    if (actionData?.ok === intent) ref.current?.reset();
  }, [actionData, intent]);
  const busy = navigation.state !== 'idle';
  return (
    <PostForm ref={ref} className={className ?? 'space-y-3'}>
      {children}
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
