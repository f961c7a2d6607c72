import { useTranslation } from 'react-i18next';
import { isMessageKey } from '~/lib/i18n.ts';

/**
 * The text shown for a form or field error: a message key translated, and anything that is not a key (a validator's
 * or a library's own English) replaced by a general Chinese-first "please check this field", never shown raw.
 */
export function useErrorText(options?: Record<string, unknown>) {
  const { t, i18n } = useTranslation();
  return (message: string | null | undefined): string | null => {
    if (!message) return null;
    return isMessageKey(i18n, message) ? String(t(message, options)) : t('validation.invalid');
  };
}
