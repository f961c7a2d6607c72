import { data, redirect } from '@remix-run/node';
import type { ToastMessage } from '~/components/ui/toast.tsx';
import { readCookie, serializeCookie } from './cookies.server.ts';

const COOKIE = 'toast';

/**
 * The success message an action leaves for the page the user sees next (Epic Stack's flash-toast pattern): a
 * one-minute cookie holding an i18n key under `toast.` and its values; the root loader reads and clears it, the
 * Toaster shows it. No personal data goes in (values are counts, years, action names).
 */
export function toastCookie(key: string, values?: Record<string, string | number>): string {
  const message: ToastMessage = { id: crypto.randomUUID(), key, values };
  return serializeCookie(COOKIE, JSON.stringify(message), { maxAgeSeconds: 60 });
}

/** An action's result, with a success message for the next render. */
export function withToast<T>(value: T, key: string, values?: Record<string, string | number>, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append('Set-Cookie', toastCookie(key, values));
  return data(value, { ...init, headers });
}

/** A redirect after a successful action, with its success message. */
export function redirectWithToast(url: string, key: string, values?: Record<string, string | number>, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append('Set-Cookie', toastCookie(key, values));
  return redirect(url, { ...init, headers });
}

/** Reads the pending message (if any) and the header that clears it. A malformed cookie reads as none. */
export function takeToast(request: Request): { toast: ToastMessage | null; clear: string | null } {
  const raw = readCookie(request, COOKIE);
  if (raw === null) return { toast: null, clear: null };
  const clear = serializeCookie(COOKIE, '', { maxAgeSeconds: 0 });
  try {
    const parsed = JSON.parse(raw) as Partial<ToastMessage>;
    if (typeof parsed.id !== 'string' || typeof parsed.key !== 'string' || !/^[A-Za-z0-9_.]+$/.test(parsed.key)) return { toast: null, clear };
    const values = parsed.values && typeof parsed.values === 'object' ? Object.fromEntries(Object.entries(parsed.values).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) : undefined;
    return { toast: { id: parsed.id, key: parsed.key, values }, clear };
  } catch {
    return { toast: null, clear };
  }
}
