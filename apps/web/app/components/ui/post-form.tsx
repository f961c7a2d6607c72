import { Form, type FormProps } from '@remix-run/react';
import { forwardRef } from 'react';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Button, type ButtonProps } from '~/components/ui/button.tsx';

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

/** One button in a form of its own: posts `intent=<intent>` with the row's hidden fields (a row's single step). */
export function PostButton({
  intent,
  hiddenFields,
  busy,
  formClassName,
  size = 'sm',
  children,
  ...button
}: Omit<ButtonProps, 'name' | 'value' | 'type'> & { intent: string; hiddenFields?: HiddenFields; busy?: boolean; formClassName?: string }) {
  return (
    <PostForm hiddenFields={hiddenFields} className={formClassName}>
      <Button {...button} type="submit" name="intent" value={intent} size={size} disabled={busy || button.disabled}>
        {children}
      </Button>
    </PostForm>
  );
}
