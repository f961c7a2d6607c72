import { WifiOff, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The window event a post that lost its network on the way sends (keepPageOnNetworkLoss, lib/network-loss.ts): the
 * guard says so with the same notice as for a post it stopped.
 */
export const NETWORK_LOST_EVENT = 'shequ:network-lost';

/** The offline app's address: its page opens without a network once the service worker keeps it. */
const CARE_APP = '/community/care/app';

/**
 * Without a network, a form posted or a link followed inside the app could only fail: the router's request throws
 * "Failed to fetch", the root boundary replaced the page with "500 出了点问题 … 我们已记录" and what was typed was lost
 * (issue 20, an outside tester at 360 px). While the browser says it is offline, this stops such a submit or click
 * before the router sees it, so the page and its typing stay, and says so in an alert at the top (with the care
 * pages, where the offline app is). Forms and links that work offline opt out with `data-offline-ok` (the care app
 * keeps its records on the phone). A post already on its way when the network drops is kept by its route's
 * clientAction (keepPageOnNetworkLoss), which tells the guard (NETWORK_LOST_EVENT): the same notice, saying no answer
 * came. Any other request that fails while the browser still thinks it is online reaches the boundary, which says the
 * network was lost (ErrorPage), never that something was logged.
 */
export function OfflineGuard() {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ care: boolean; lost?: boolean } | null>(null);

  useEffect(() => {
    const say = () => setShown({ care: location.pathname.startsWith('/community/care') });
    const stop = (e: Event) => {
      e.preventDefault();
      e.stopPropagation();
      say();
    };
    const onSubmit = (e: SubmitEvent) => {
      // Capture phase on window: this runs before any other handler, so nothing has prevented the event yet.
      if (navigator.onLine) return;
      const form = e.target instanceof HTMLFormElement ? e.target : null;
      if (!form || form.closest('[data-offline-ok]')) return;
      stop(e);
    };
    const onClick = (e: MouseEvent) => {
      if (navigator.onLine || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a[href]') : null;
      if (!a || a.closest('[data-offline-ok]') || a.hasAttribute('download') || (a.target && a.target !== '_self')) return;
      const to = new URL(a.href, location.href);
      if (to.origin !== location.origin) return;
      // A jump within the page needs no network.
      if (to.pathname === location.pathname && to.search === location.search && to.hash) return;
      stop(e);
    };
    const online = () => setShown(null);
    const lost = () => setShown({ care: location.pathname.startsWith('/community/care'), lost: true });
    window.addEventListener(NETWORK_LOST_EVENT, lost);
    window.addEventListener('submit', onSubmit, true);
    window.addEventListener('click', onClick, true);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('submit', onSubmit, true);
      window.removeEventListener('click', onClick, true);
      window.removeEventListener('online', online);
      window.removeEventListener(NETWORK_LOST_EVENT, lost);
    };
  }, []);

  if (!shown) return null;
  return (
    <div className="fixed inset-x-0 top-16 z-50 flex justify-center px-4" data-offline-ok>
      <div role="alert" className="flex max-w-md items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 shadow-lg" data-testid="offline-notice">
        <WifiOff aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
        <div className="min-w-0 space-y-1 break-words">
          <p>{t(shown.lost ? 'errors.networkLostAction' : 'errors.offlineAction')}</p>
          {shown.care ? (
            <p>
              {t('errors.offlineCare')}{' '}
              {/* A whole-page load: offline, the service worker answers it with the app it keeps. */}
              <a href={CARE_APP} className="font-medium underline" data-testid="offline-care-app">
                {t('errors.offlineCareLink')}
              </a>
            </p>
          ) : null}
        </div>
        <button type="button" className="-mr-1 rounded p-0.5 text-amber-800 hover:text-amber-950" aria-label={t('ui.close')} onClick={() => setShown(null)}>
          <X aria-hidden className="h-4 w-4" />
        </button>
      </div>
    </div>
  );
}

/**
 * Whether a route error is the browser's failed request (no network), not an answer of the server: a fetch's
 * TypeError, offline or with the browsers' network wording. Anything else (a page's own bug while offline too) is
 * not called a lost network.
 */
export function isNetworkFailure(error: unknown): boolean {
  if (typeof window === 'undefined' || !(error instanceof TypeError)) return false;
  return (typeof navigator !== 'undefined' && navigator.onLine === false) || /fetch|network|load failed/i.test(error.message);
}
