import { useRouteLoaderData } from '@remix-run/react';
import { CheckCircle2, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { loader as rootLoader } from '~/root.tsx';

/** What an action leaves for the next page: an i18n key (under `toast.`) and its values. */
export type ToastMessage = { id: string; key: string; values?: Record<string, string | number> };

/**
 * The success message after every action. Actions set it with `withToast`/`redirectWithToast`
 * (lib/toast.server.ts, a one-shot cookie); the root loader reads and clears it; this shows it in a polite live
 * region for eight seconds, or until closed. On a phone it sits at the top, under the header: at the bottom it lay
 * over the thumb zone, where a case page's next action button is, and a tap on that button (上报街道 right after 受理)
 * landed on the message and did nothing. Only its close button takes taps; the text lets them through.
 */
export function Toaster() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const incoming = root?.toast ?? null;
  const [shown, setShown] = useState<ToastMessage | null>(incoming);

  useEffect(() => {
    if (incoming) setShown(incoming);
  }, [incoming?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), 8000);
    return () => clearTimeout(timer);
  }, [shown]);

  // A plain signature: the typed `t` of the full message tree is too deep for TypeScript to instantiate here.
  const translate = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  return (
    <div aria-live="polite" role="status" className="pointer-events-none fixed inset-x-0 top-16 z-50 flex justify-center px-4 sm:bottom-4 sm:top-auto">
      {shown ? (
        <div className="flex max-w-md items-start gap-2 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg" data-testid="toast">
          <CheckCircle2 aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-emerald-400" />
          <span className="min-w-0 break-words">{translate(`toast.${shown.key}`, shown.values)}</span>
          <button type="button" className="pointer-events-auto -mr-1 rounded p-0.5 text-slate-300 hover:text-white" aria-label={t('ui.close')} onClick={() => setShown(null)}>
            <X aria-hidden className="h-4 w-4" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
