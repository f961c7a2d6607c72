import { isRouteErrorResponse, Link, useLocation, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { workspaceKindOf, type WorkspaceKind } from '@shequ/domain';
import { AppShell, useAllowedNav, workspaceLabel, type NavItem, type ShellWorkspace } from './app-shell.tsx';
import { consoleNav, type ConsoleShell } from './console-nav.ts';
import { PostForm } from './ui/post-form.tsx';
import { isShellData, useShellMatchData } from '~/lib/ability.tsx';
import { isNetworkFailure } from './offline-guard.tsx';
import { queryYears } from '~/lib/query-years.ts';

/**
 * What a refusal thrown with a console's shell says (lib/shell.server.ts, routes/_staff+/refused.tsx): a page of
 * another console (`otherConsole`, which console), or a file or photo refused (`refusedResource`, the message the
 * resource route would have answered with).
 */
type ShellRefusal =
  | { code: 'otherConsole'; console: WorkspaceKind; shell: ConsoleShell | null }
  | { code: 'refusedResource'; key: string; params: Record<string, string | number>; title: string; shell: ConsoleShell | null };

function shellRefusalOf(error: unknown): ShellRefusal | null {
  if (!isRouteErrorResponse(error) || !error.data || typeof error.data !== 'object') return null;
  const d = error.data as { code?: unknown };
  return d.code === 'otherConsole' || d.code === 'refusedResource' ? (error.data as ShellRefusal) : null;
}

/** One error page for every boundary: translated, no stack trace, a way back. */
export function ErrorPage({ alternatives, switchTo }: { alternatives?: NavItem[]; switchTo?: ShellWorkspace[] }) {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const code = isRouteErrorResponse(error) && error.data && typeof error.data === 'object' ? (error.data as { code?: string }).code : undefined;
  const refusal = shellRefusalOf(error);
  const say = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  // A day or month in the address that is not a real one (~/lib/query-params.ts): said with what was asked, and a
  // way to the same page without it (today, this month).
  const badQuery = status === 400 && code === 'badQuery' ? (error as { data: { kind: 'day' | 'month' | 'year'; name: string; value: string; filter?: boolean; min?: number; max?: number } }).data : null;
  const location = useLocation();
  // The browser's request failed (no network): nothing reached the server, so nothing was logged there either.
  if (!isRouteErrorResponse(error) && isNetworkFailure(error)) return <NetworkErrorPage care={location.pathname.startsWith('/community/care')} />;
  const [title, body] = refusal?.code === 'otherConsole'
    ? [t('errors.forbiddenTitle'), refusal.shell ? t('errors.otherConsole', { console: t(`workspace.kinds.${refusal.console}`), workspace: workspaceLabel(say, refusal.shell.workspace) }) : t('errors.forbidden')]
    : refusal?.code === 'refusedResource'
      ? [say(refusal.title), say(refusal.key, refusal.params)]
      : badQuery
    ? [t('errors.badQueryTitle'), t(badQuery.kind === 'day' ? 'errors.badDay' : badQuery.kind === 'month' ? 'errors.badMonth' : 'errors.badYear', { value: badQuery.value, ...queryYears(badQuery.kind), ...(badQuery.min ? { min: badQuery.min } : {}), ...(badQuery.max ? { max: badQuery.max } : {}) })]
    : status === 403
      ? code === 'csrf'
        ? [t('errors.forbiddenTitle'), t('auth.errors.csrf')]
        : code === 'accountOutOfReach'
          ? [t('errors.forbiddenTitle'), t('staff.resetOutOfReach')]
          : code === 'accountSelf'
            ? [t('errors.forbiddenTitle'), t('staff.resetSelf')]
            : [t('errors.forbiddenTitle'), t('errors.forbidden')]
      : status === 404
        ? [t('errors.notFoundTitle'), t('errors.notFound')]
        : status === 400
          ? [t('errors.serverTitle'), t('errors.badRequest')]
          : status === 413
            ? [t('errors.tooLargeTitle'), t('errors.tooLarge')]
            : [t('errors.serverTitle'), t('errors.server')];
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center" data-status={status} data-testid="error-page">
      <p className="text-5xl font-bold text-slate-300">{status}</p>
      <h1 className="mt-4 text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 break-words text-slate-600" data-testid="error-message">
        {body}
      </p>
      {badQuery ? (
        <Link to={withoutParam(location.pathname, location.search, badQuery.name)} className="mt-4 inline-block text-brand-700 underline" data-testid="error-reset-period">
          {badQuery.filter ? t('errors.badQueryResetFilter') : badQuery.kind === 'day' ? t('errors.badQueryReset') : t('errors.badQueryResetMonth')}
        </Link>
      ) : null}
      {switchTo && switchTo.length > 0 ? (
        <div className="mt-6" data-testid="switch-workspace">
          <p className="text-sm text-slate-600">{t('errors.otherConsoleSwitch')}</p>
          <ul className="mt-2 flex flex-wrap justify-center gap-2">
            {switchTo.map((w) => (
              <li key={w.membershipId}>
                <PostForm action="/workspaces" reloadDocument hiddenFields={{ redirectTo: location.pathname + location.search }}>
                  <button name="membershipId" value={w.membershipId} className="inline-block rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                    {workspaceLabel(say, w)}
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {alternatives && alternatives.length > 0 ? (
        <div className="mt-6" data-testid="may-instead">
          <p className="text-sm text-slate-600">{t('ui.mayInstead')}</p>
          <ul className="mt-2 flex flex-wrap justify-center gap-2">
            {alternatives.map((item) => (
              <li key={item.to}>
                <Link to={item.to} className="inline-block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Link to="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t('errors.home')}
        </Link>
      )}
    </div>
  );
}

/** A request the browser could not make: said as such, with a way back to the page (and, for care, the offline app). */
function NetworkErrorPage({ care }: { care: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center" data-status="network" data-testid="error-page">
      <h1 className="text-xl font-semibold text-slate-900">{t('errors.networkTitle')}</h1>
      <p className="mt-2 break-words text-slate-600" data-testid="error-message">
        {t('errors.network')}
      </p>
      {care ? (
        <p className="mt-2 break-words text-slate-600">
          {t('errors.offlineCare')}{' '}
          <a href="/community/care/app" className="text-brand-700 underline" data-testid="offline-care-app">
            {t('errors.offlineCareLink')}
          </a>
        </p>
      ) : null}
      <button type="button" onClick={() => history.back()} className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="error-back">
        {t('errors.networkBack')}
      </button>
    </div>
  );
}

/** The same address without one query parameter. */
function withoutParam(pathname: string, search: string, name: string): string {
  const q = new URLSearchParams(search);
  q.delete(name);
  const rest = q.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}

function AllowedAlternatives({ nav, switchTo }: { nav: NavItem[]; switchTo?: ShellWorkspace[] }) {
  return <ErrorPage alternatives={useAllowedNav(nav)} switchTo={switchTo} />;
}

/**
 * A console layout's error boundary (and the refused file's page, routes/_staff+/refused.tsx). When the layout
 * itself loaded (the user is signed in and in the right console, and a page inside refused or failed), the error
 * shows inside the app shell, with the places the user may go instead. When the layout refused because the page
 * belongs to another console (OtherConsoleRefusal, lib/shell.server.ts), the refusal carries the caller's own
 * console's shell: the error shows inside that console, says which console the page belongs to, offers the caller's
 * workspaces that open it, and the places the caller may go. Otherwise (signed out, no shell): the bare error page.
 */
export function ConsoleErrorBoundary() {
  const { t } = useTranslation();
  const refusal = shellRefusalOf(useRouteError());
  const matched = useShellMatchData<ConsoleShell & { rules: NonNullable<ConsoleShell['rules']> }>();
  const data = matched ?? (refusal?.shell && isShellData(refusal.shell) ? refusal.shell : null);
  if (!data) return <ErrorPage />;
  const items = consoleNav(t, data);
  const wanted = refusal?.code === 'otherConsole' ? refusal.console : null;
  const switchTo = wanted ? data.workspaces.filter((w) => w.membershipId !== data.workspace.membershipId && workspaceKindOf(w.role) === wanted) : undefined;
  return (
    <AppShell data={data} nav={items}>
      <AllowedAlternatives nav={items} switchTo={switchTo} />
    </AppShell>
  );
}
