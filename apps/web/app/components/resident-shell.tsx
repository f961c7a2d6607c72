import { Form, Link, useLocation, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { loader as rootLoader } from '~/root.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';

/** The frame of resident pages: phone-first, one column, with large-text mode one tap away. */
export function ResidentShell({ community, slug, children }: { community: string; slug: string; children: ReactNode }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const location = useLocation();
  const large = Boolean(root?.largeText);
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="bg-brand-700 text-white">
        <div className="mx-auto flex max-w-xl items-center gap-1 px-3 py-3">
          <div className="min-w-0 flex-1">
            <p className="truncate text-lg font-semibold" data-testid="community-name">
              {community}
            </p>
            <p className="text-xs text-brand-100">{t('app.name')}</p>
          </div>
          <Link to={`/c/${slug}/track`} className="rounded-md px-2 py-2 text-sm hover:bg-brand-600">
            {t('resident.track')}
          </Link>
          <Link to={`/c/${slug}/me`} className="rounded-md px-2 py-2 text-sm hover:bg-brand-600" data-testid="me-link">
            {t('me.signInLink')}
          </Link>
          <Form noValidate method="post" action="/display">
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button name="largeText" value={large ? '0' : '1'} aria-pressed={large} className="rounded-md border border-white/40 px-2 py-1.5 text-sm hover:bg-brand-600">
              {large ? t('resident.normalText') : t('resident.largeText')}
            </button>
          </Form>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-xl px-4 py-5">
        {children}
      </main>
      <footer className="mx-auto max-w-xl px-4 pb-8">
        <LanguageSwitcher className="justify-center" />
      </footer>
    </div>
  );
}

export function Notice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm" role="status">
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      {children ? <div className="mt-2 text-slate-600">{children}</div> : null}
    </div>
  );
}
