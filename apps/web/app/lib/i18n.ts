import i18next, { type i18n, type ParseKeys } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, type Locale, type Messages, resources } from '@shequ/i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Messages };
  }
}

/** One instance per render tree; resources are bundled, so it initialises synchronously on server and client alike. */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** A message key of the bundled messages (zh-CN's shape; en has the same keys). */
export type MessageKey = ParseKeys;

/**
 * Whether a key built at run time (a timeline event, an audit action, a validator's message) has a message: a type
 * guard, so the key reaches `t` typed instead of cast, and an unknown one can be shown another way.
 */
export function isMessageKey(i18n: Pick<i18n, 'exists'>, key: string): key is MessageKey {
  return i18n.exists(key);
}

/**
 * The translator for keys built from data (a status, a tier or a kind of a row; a refusal's key sent by the server):
 * the typed t() cannot check them, the i18n test keeps both languages equal. The one place of this cast.
 */
export function useLooseT(): (key: string, values?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  return t as unknown as (key: string, values?: Record<string, unknown>) => string;
}
