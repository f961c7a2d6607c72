import { Link } from '@remix-run/react';
import { LogOut } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetCareDevice, unsentOnDevice } from '~/components/care/offline-queue.ts';
import { Button } from './ui/button.tsx';
import { Dialog } from './ui/dialog.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';

/**
 * The staff's sign-out button (every console, including the grid worker's offline app). Before the session ends it
 * removes what the visit helper (/community/care/app, issue 20) keeps on this phone — the roster and the queue in
 * IndexedDB, the service worker's cached pages, the service worker — so the next person using the phone finds none
 * of it. Records the server has not accepted (waiting to be sent, or refused and kept to fix) are never dropped silently: the dialog says how many, and offers to send
 * them first or to sign out and delete them. Offline, signing out is refused (the server must end the session) and
 * nothing is deleted. The form is posted as a full page load, so nothing stays in the page's memory either.
 * Without JavaScript it is a plain form post (nothing was stored on the phone without it). `owner` is the account
 * signing out (its membership id): records another account left waiting on a shared phone are not its to delete and
 * stay (decision 053).
 */
export function SignOutForm({ className, testId, owner }: { className?: string; testId?: string; owner: string }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [ask, setAsk] = useState<null | { kind: 'waiting'; count: number; waiting: number; refused: number } | { kind: 'offline' }>(null);
  const [busy, setBusy] = useState(false);

  async function leave() {
    setBusy(true);
    await forgetCareDevice(owner);
    form.current?.submit();
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    // Every record the server has not accepted — waiting or refused — is asked about before it is deleted.
    const unsent = await unsentOnDevice(owner).catch(() => ({ waiting: 0, refused: 0 }));
    if (!navigator.onLine) return setAsk({ kind: 'offline' });
    const count = unsent.waiting + unsent.refused;
    if (count > 0) return setAsk({ kind: 'waiting', count, ...unsent });
    await leave();
  }

  return (
    <>
      <PostForm ref={form} action="/logout" reloadDocument data-offline-ok className={className} onSubmit={(e) => void onSubmit(e)}>
        <button className="flex items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100" disabled={busy} data-testid={testId}>
          <LogOut aria-hidden className="h-4 w-4" />
          {t('common.signOut')}
        </button>
      </PostForm>
      <Dialog open={ask !== null} onOpenChange={(open) => (open ? undefined : setAsk(null))} title={ask?.kind === 'waiting' ? t('care.signOut.title') : t('common.signOut')}>
        <div className="space-y-4" data-testid="sign-out-dialog">
          <p className="text-sm text-slate-700">{ask?.kind === 'waiting' ? t('care.signOut.waiting', { count: ask.count, waiting: ask.waiting, refused: ask.refused }) : t('care.signOut.offline')}</p>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => setAsk(null)} data-testid="sign-out-cancel">
              {t('ui.cancel')}
            </Button>
            {ask?.kind === 'waiting' ? (
              <>
                <Button variant="secondary" asChild>
                  <Link to="/community/care/app" onClick={() => setAsk(null)} data-testid="sign-out-send">
                    {t('care.signOut.send')}
                  </Link>
                </Button>
                <Button variant="danger" disabled={busy} onClick={() => void leave()} data-testid="sign-out-anyway">
                  {t('care.signOut.confirm')}
                </Button>
              </>
            ) : null}
          </div>
        </div>
      </Dialog>
    </>
  );
}
