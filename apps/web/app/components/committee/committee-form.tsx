import { Form } from '@remix-run/react';
import type { FormEvent, ReactNode } from 'react';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { cn } from '~/lib/utils.ts';

/**
 * One form of a committee page (issue 18): posted with its CSRF token and its `intent`, its fields, the refusal
 * that names no field (`alert`) above the button, and the button. `resetKey` (useReply's `resetKey(intent)`)
 * changes only when this form was saved, so a saved form comes back empty and a refused one keeps what was typed.
 */
export function CommitteeForm({
  intent,
  submitLabel,
  busy,
  alert,
  resetKey,
  grid = false,
  className,
  children,
  ...rest
}: {
  intent: string;
  submitLabel: string;
  busy: boolean;
  alert: ReactNode;
  resetKey?: string;
  /** Two columns from the `sm` width up (fields that should span both take `sm:col-span-2`). */
  grid?: boolean;
  className?: string;
  children: ReactNode;
  'data-testid'?: string;
  /** useReply's `check(form)`: the page's schema checks the form in the browser before it is sent. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  onInput?: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const wide = grid ? 'sm:col-span-2' : undefined;
  return (
    <Form key={resetKey} method="post" noValidate className={cn(grid ? 'grid gap-3 sm:grid-cols-2' : 'space-y-3', className)} {...rest}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {children}
      {alert ? <div className={wide}>{alert}</div> : null}
      <div className={wide}>
        <Button type="submit" disabled={busy}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}

/** A committee page's section: a card with its title, an empty state when there is nothing to list, and its body. */
export function CommitteeCard({ title, empty, className, children }: { title: string; empty?: string | null; className?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardBody className={cn('space-y-3', className)}>
        {empty ? <EmptyState title={empty} /> : null}
        {children}
      </CardBody>
    </Card>
  );
}
