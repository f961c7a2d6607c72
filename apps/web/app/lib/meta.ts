import type { MetaFunction } from '@remix-run/node';
import { formatTrackingCode } from '@shequ/domain';
import { DEFAULT_LOCALE, isLocale, resources } from '@shequ/i18n';

/** The value at a dotted path of an object (`'meeting.topic'`), or undefined. */
function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** Looks a dotted key up in a locale's messages (meta runs outside React, so there is no i18next instance). */
function lookup(locale: string, key: string, values?: Record<string, string | number>): string {
  const node = valueAt(resources[isLocale(locale) ? locale : DEFAULT_LOCALE].translation, key);
  const text = typeof node === 'string' ? node : key;
  return values ? text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? '')) : text;
}

/** The locale the root loader chose, from any route's meta arguments. */
export function metaLocale(matches: readonly { id: string; data?: unknown }[]): string {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined;
  return root?.locale ?? DEFAULT_LOCALE;
}

/**
 * A page's own <title>: "页面名 · 社区治理云", in the user's language. `key` is an i18n key; `detail` may add a
 * part from the page's data (a tracking code, a community's name); `values` fill the key's own blanks from the page's
 * data ('console.org.title': "{{unit}}工作台"; a blank without a value is left empty).
 */
export function pageTitle<Loader = unknown>(key: string, detail?: ((data: unknown) => string | null | undefined) | null, values?: (data: unknown) => Record<string, string | number>): MetaFunction<Loader> {
  return ({ matches, data }) => {
    const locale = metaLocale(matches);
    const extra = detail && data ? detail(data) : null;
    const parts = [extra, lookup(locale, key, (values && data ? values(data) : null) ?? {}), lookup(locale, 'app.name')].filter((p): p is string => Boolean(p));
    return [{ title: parts.join(' · ') }];
  };
}

/** The page title text itself (for tests and for titles built from two keys). */
export function titleText(locale: string, key: string, values?: Record<string, string | number>): string {
  return lookup(locale, key, values);
}

/**
 * A name read from a page's loader data by a dotted path (`'meeting.topic'`, `'course.title'`), for `pageTitle`'s
 * `detail`: an entity page's title then names its item ("议题 · 协商会议 · 社区治理云"), so two meetings' tabs differ.
 * Nothing there (the data is an error's, or the field is empty): no extra part.
 */
export function dataField(path: string): (data: unknown) => string | null {
  return (data) => {
    const node = valueAt(data, path);
    return typeof node === 'string' && node.trim() ? node.trim() : null;
  };
}

/** The tracking code of a case page's data (`{ case: { trackingCode } }`), formatted as residents see it. */
export function caseCode(data: unknown): string | null {
  const code = (data as { case?: { trackingCode?: unknown } } | null)?.case?.trackingCode;
  return typeof code === 'string' ? formatTrackingCode(code) : null;
}

/**
 * The title of a layout's (or the root's) error boundary: "无权访问 · 社区治理云" for a 403, "页面不存在 · …" for a
 * 404, "出了点问题 · …" otherwise; without an error, the app name (a page's own meta replaces it).
 */
export const errorTitle: MetaFunction = ({ matches, error }) => {
  const locale = metaLocale(matches);
  const app = lookup(locale, 'app.name');
  if (!error) return [{ title: app }];
  const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : 500;
  // A refusal that names its own title (a refused file's page, routes/_staff+/refused.tsx).
  const own = (error as { data?: { title?: unknown } } | null)?.data?.title;
  if (typeof own === 'string' && own.startsWith('errors.')) return [{ title: `${lookup(locale, own)} · ${app}` }];
  const key = status === 403 ? 'errors.forbiddenTitle' : status === 404 ? 'errors.notFoundTitle' : 'errors.serverTitle';
  return [{ title: `${lookup(locale, key)} · ${app}` }];
};
