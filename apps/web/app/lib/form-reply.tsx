import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/ui/alert.tsx';
import { useErrorText } from '~/lib/error-text.ts';

/** What a page's action answers for one of its forms: which form, errors by field, a refusal naming no field. */
export type FormReply = { form: string; errors: Record<string, string[] | undefined>; error: string | null; params: Record<string, string | number> };

/**
 * The messages of the form that was sent (a page holds several forms, told apart by `form`): `err(form, field)`
 * beside a field (Chinese first; raw validator text never shown), `alert(form)` above the form for a refusal that
 * names no field, or a "check the fields marked" line when only fields are wrong. `sent`: the form answered.
 * Input: the page's action data (anything; a reply without `form` counts as none).
 */
export function useReply(reply: unknown) {
  const { t } = useTranslation();
  const r = reply && typeof reply === 'object' && 'form' in reply ? (reply as FormReply) : null;
  const tr = useErrorText(r?.params);
  const err = (form: string, field: string) => (r?.form === form ? tr(r.errors[field]?.[0]) : null);
  const alert = (form: string) =>
    r?.form === form && (r.error || Object.keys(r.errors).length) ? (
      <Alert tone="error" data-testid={`${form}-error`}>
        {r.error ? (t as unknown as (key: string, values?: Record<string, unknown>) => string)(r.error, r.params) : t('validation.checkFields')}
      </Alert>
    ) : null;
  return { err, alert, sent: r?.form ?? null };
}
