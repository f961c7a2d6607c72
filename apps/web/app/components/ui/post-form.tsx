import { Form, type FormProps } from '@remix-run/react';
import { forwardRef, type ReactNode } from 'react';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Button, type ButtonProps } from '~/components/ui/button.tsx';
import { ConfirmButton } from '~/components/ui/dialog.tsx';

export type HiddenFields = Record<string, string | number | null | undefined>;

/**
 * A form posted to a page's action (its own unless `action` says another): the CSRF token, the row's hidden fields
 * (`hiddenFields`; null/undefined ones are left out) and no browser-native validation bubbles (messages come from
 * the schema, next to the fields).
 */
export const PostForm = forwardRef<HTMLFormElement, Omit<FormProps, 'method'> & { hiddenFields?: HiddenFields }>(({ hiddenFields = {}, children, ...props }, ref) => (
  <Form ref={ref} method="post" noValidate {...props}>
    <CsrfInput />
    {Object.entries(hiddenFields).map(([name, value]) => (value === null || value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
    {children}
  </Form>
));
PostForm.displayName = 'PostForm';

/** What a step asks before it is posted (ConfirmButton's dialog): its title, what happens, the two buttons' words. */
export type StepConfirm = { title: ReactNode; description?: ReactNode; confirmLabel?: ReactNode; cancelLabel?: ReactNode };

type StepProps = Omit<ButtonProps, 'name' | 'value' | 'type' | 'size'> & {
  intent: string;
  confirm?: StepConfirm;
  busy?: boolean;
  size?: 'sm' | 'md' | 'lg';
  'data-testid'?: string;
};

/** A step's send button in the form around it: posts `intent=<intent>`, asking first (a dialog) when `confirm` is given; disabled while anything is being sent. */
export function StepButton({ intent, confirm, busy, size, ...button }: StepProps) {
  const off = Boolean(busy || button.disabled);
  if (confirm)
    return (
      <ConfirmButton name="intent" value={intent} variant={button.variant === 'link' ? undefined : (button.variant ?? undefined)} size={size} className={button.className} title={confirm.title} description={confirm.description} confirmLabel={confirm.confirmLabel} cancelLabel={confirm.cancelLabel} disabled={off} data-testid={button['data-testid']}>
        {button.children}
      </ConfirmButton>
    );
  return <Button {...button} type="submit" name="intent" value={intent} size={size} disabled={off} />;
}

/**
 * One step in a form of its own (a row's single step): posts `intent=<intent>` with the row's hidden fields to the
 * page's action (or `action`), asking first when `confirm` is given.
 */
export function PostButton({ hiddenFields, formClassName, action, size = 'sm', ...step }: StepProps & { hiddenFields?: HiddenFields; formClassName?: string; action?: string }) {
  return (
    <PostForm action={action} hiddenFields={hiddenFields} className={formClassName}>
      <StepButton {...step} size={size} />
    </PostForm>
  );
}
