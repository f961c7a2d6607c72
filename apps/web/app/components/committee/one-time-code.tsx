import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';

/**
 * A one-time code typed without signing in (a secret ballot's, a partner unit's check-in at its post; decision 037):
 * a refusal that names no field (too many wrong codes: `limited`, with `limitedTestId`) above it, then the code field
 * (`name="code"`, capitals, no autocorrect) with its own message beside it (`error`).
 */
export function OneTimeCodeField({ label, hint, error, limited, limitedTestId, defaultValue }: { label: string; hint: string; error: string | null; limited: string | null; limitedTestId: string; defaultValue: string }) {
  return (
    <>
      {limited ? (
        <p className="rounded-md bg-red-50 p-3 text-red-800" role="alert" data-testid={limitedTestId}>
          {limited}
        </p>
      ) : null}
      <Field id="code" label={label} hint={hint} error={error}>
        <Input name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={20} defaultValue={defaultValue} className="font-mono tracking-widest" />
      </Field>
    </>
  );
}
