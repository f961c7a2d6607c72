import { useTranslation } from 'react-i18next';
import { isMessageKey, useLooseT } from '~/lib/i18n.ts';
import { splitMessage } from '~/lib/validation.ts';

/**
 * The text shown for a form or field error: a message key translated (with the bound a validator's message carries,
 * `validation.tooLongMax?max=200`: splitMessage; a refusal code read under `refusals.`), and anything that is not a key (a validator's or a library's own
 * English) replaced by a general Chinese-first "please check this field", never shown raw. `options` fill every
 * message; `params` one message's own (a refused record of the phone app's queue carries its refusal's params).
 */
export function useErrorText(options?: Record<string, unknown>) {
  const { t, i18n } = useTranslation();
  const tk = useLooseT();
  return (message: string | null | undefined, params?: Record<string, unknown>): string | null => {
    if (!message) return null;
    const { key, values } = splitMessage(message);
    // A schema may name a refusal code (care.need.required), whose message lives under `refusals.`: the same words
    // whether the browser or the server found it.
    const found = isMessageKey(i18n, key) ? key : isMessageKey(i18n, `refusals.${key}`) ? `refusals.${key}` : null;
    return found ? tk(found, { ...options, ...params, ...values }) : t('validation.invalid');
  };
}
