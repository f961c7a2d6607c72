import { Form, useActionData, useNavigation } from '@remix-run/react';
import { type ReactNode, useEffect, useRef } from 'react';
import { CsrfInput } from '../csrf-input.tsx';
import { Button } from '../ui/button.tsx';

/** One case action as a small form. A form that worked starts empty again; one that failed keeps what was typed. */
export function ActionForm({ intent, label, children, variant = 'secondary' }: { intent: string; label: string; children?: ReactNode; variant?: 'primary' | 'secondary' }) {
  const navigation = useNavigation();
  const actionData = useActionData<{ ok?: string | null }>();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (actionData?.ok === intent) ref.current?.reset();
  }, [actionData, intent]);
  return (
    <Form method="post" ref={ref} className="space-y-2">
      <CsrfInput />
      {children}
      <Button name="intent" value={intent} variant={variant} size="sm" disabled={navigation.state !== 'idle'}>
        {label}
      </Button>
    </Form>
  );
}

export const textareaClass = 'block w-full rounded-md border border-slate-300 px-3 py-2 text-sm';
export const selectClass = 'mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm';
