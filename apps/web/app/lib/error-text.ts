import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
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
    const found = messageKeyFor(i18n, key);
    return found ? tk(found, { ...options, ...params, ...values }) : t('validation.invalid');
  };
}

/**
 * The key whose words say a validator's message `key`, or null when none does. A schema may name a refusal code
 * (care.rules.dueSoon), whose message lives under `refusals.`: read there first, as the server's answer does
 * (schemaMessage) — the bare key may be another text of the page (care.rules.dueSoon is also the rules page's hint,
 * which the browser showed with its {{days}} blank). Only a key holding words is a message (a group of keys is not:
 * i18next answers an English "returned an object" for it).
 */
export function messageKeyFor(i18n: Pick<I18n, 'exists' | 't'>, key: string): string | null {
  const words = (k: string) => isMessageKey(i18n, k) && typeof i18n.t(k, { returnObjects: true }) === 'string';
  return words(`refusals.${key}`) ? `refusals.${key}` : words(key) ? key : null;
}
