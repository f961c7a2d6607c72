import { Link, NavLink, useLocation, useSubmit } from '@remix-run/react';
import type { PackRule } from '@casl/ability/extra';
import { Bell, Building2, ChevronDown, Menu, X } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@shequ/domain';
import type { Action, AppRule, SubjectName, TaggedSubject } from '@shequ/permissions';
import { SignOutForm } from './sign-out-form.tsx';
import { noteSignedIn } from './care/offline-queue.ts';
import { LanguageSwitcher } from './language-switcher.tsx';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from './ui/dropdown-menu.tsx';
import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '~/root.tsx';
import { AbilityProvider, useAbility } from '~/lib/ability.tsx';
import { useScripted } from '~/lib/scripted.ts';
import { cn } from '~/lib/utils.ts';

export type ShellWorkspace = { membershipId: string; role: Role; orgUnitName: string };
/** `servedAt`: when the server rendered the page (ms), for noteSignedIn to tell a fresh page from a cached one. */
export type ShellData = { user: { displayName: string }; workspace: ShellWorkspace; workspaces: ShellWorkspace[]; unread?: number; rules?: PackRule<AppRule>[]; servedAt?: number };
/** A link in a console's navigation; `can` is the check its page makes on the server, so the link shows only when it would answer 200. */
export type NavItem = { to: string; label: string; end?: boolean; can?: [Action, SubjectName | TaggedSubject] };

// A plain signature: the typed `t` of the full message tree is too deep for TypeScript to instantiate here.
export function workspaceLabel(t: (key: string) => string, w: ShellWorkspace): string {
  const role = t(`roles.${w.role}`);
  return w.orgUnitName ? `${w.orgUnitName} · ${role}` : role;
}

/** The navigation links the user's ability allows (the rules the server sent, read in the browser). */
export function useAllowedNav(nav: NavItem[]): NavItem[] {
  const ability = useAbility();
  return nav.filter((item) => !item.can || ability.can(item.can[0], item.can[1]));
}

/**
 * The frame of every signed-in page: who you are, where you act, where you can go, and the way out. Links are
 * filtered by the CASL rules the layout sent. Below the `md` breakpoint the navigation, language and sign-out fold
 * into a menu button so the header fits 360 px.
 */
export function AppShell({ data, nav, children }: { data: ShellData; nav: NavItem[]; children: ReactNode }) {
  return (
    <AbilityProvider rules={data.rules}>
      <Shell data={data} nav={nav}>
        {children}
      </Shell>
    </AbilityProvider>
  );
}

function Shell({ data, nav, children }: { data: ShellData; nav: NavItem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const others = data.workspaces.filter((w) => w.membershipId !== data.workspace.membershipId);
  const links = useAllowedNav(nav);
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // A shared phone (decision 053): when another account signs in, the earlier one's care roster leaves the phone
  // (its queued records stay for it).
  const owner = data.workspace.membershipId;
  useEffect(() => {
    if (data.servedAt) void noteSignedIn(owner, data.servedAt);
  }, [owner, data.servedAt]);
  const label = t as unknown as (key: string) => string;
  // A page sent without scripts (lib/scripted.ts): the workspace menu is a link to the chooser, and the phone's menu
  // button a link to the navigation, which the address's #main-nav then shows (:target).
  const scripted = useScripted();

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t('common.skipToContent')}
      </a>
      {/* Not on paper: a printed page (the kitchen sheet, a list) is its content, not the console around it. */}
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:gap-4 sm:px-4">
          <span className="flex shrink-0 items-center gap-2 whitespace-nowrap font-semibold text-brand-700">
            <Building2 aria-hidden className="h-5 w-5" />
            <span className="hidden sm:inline">{t('app.name')}</span>
            <span className="sr-only sm:hidden">{t('app.name')}</span>
          </span>
          {scripted ? (
            <DropdownMenu>
              <DropdownMenuTrigger
                className="flex min-w-0 items-center gap-1 rounded-md border border-slate-200 px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50 sm:px-3"
                aria-label={t('common.switchWorkspace')}
                data-testid="workspace-switcher"
              >
                <span className="min-w-0 max-w-[16rem] truncate">{workspaceLabel(label, data.workspace)}</span>
                <ChevronDown aria-hidden className="h-4 w-4 shrink-0" />
              </DropdownMenuTrigger>
              <DropdownMenuContent align="start">
                <DropdownMenuLabel>{t('common.currentWorkspace')}</DropdownMenuLabel>
                <DropdownMenuItem disabled>{workspaceLabel(label, data.workspace)}</DropdownMenuItem>
                {others.length > 0 ? (
                  <>
                    <DropdownMenuSeparator />
                    <DropdownMenuLabel>{t('common.switchWorkspace')}</DropdownMenuLabel>
                    {others.map((w) => (
                      <DropdownMenuItem
                        key={w.membershipId}
                        onSelect={() => submit({ membershipId: w.membershipId, csrf: root?.csrf ?? '' }, { method: 'post', action: '/workspaces' })}
                      >
                        {workspaceLabel(label, w)}
                      </DropdownMenuItem>
                    ))}
                  </>
                ) : null}
              </DropdownMenuContent>
            </DropdownMenu>
          ) : (
            <a
              href={others.length > 0 ? '/workspaces' : undefined}
              className="flex min-w-0 items-center gap-1 rounded-md border border-slate-200 px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50 sm:px-3"
              data-testid="workspace-switcher"
            >
              <span className="min-w-0 max-w-[16rem] truncate">{workspaceLabel(label, data.workspace)}</span>
            </a>
          )}
          <div className="ml-auto flex shrink-0 items-center gap-1 sm:gap-3">
            <LanguageSwitcher className="hidden md:flex" />
            <Link to="/notifications" className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100" aria-label={t('bell.label', { count: data.unread ?? 0 })} data-testid="bell">
              <Bell aria-hidden className="h-5 w-5" />
              {data.unread ? (
                <span className="absolute -right-1 -top-1 min-w-[1.25rem] rounded-full bg-red-600 px-1 text-center text-xs font-medium text-white tabular-nums" data-testid="bell-count">
                  {data.unread > 99 ? '99+' : data.unread}
                </span>
              ) : null}
            </Link>
            <span className="hidden text-sm text-slate-700 md:inline" data-testid="user-name">
              {data.user.displayName}
            </span>
            <SignOutForm className="hidden md:block" testId="sign-out" owner={owner} />
            {scripted ? (
              <button
                type="button"
                className="rounded-md p-1.5 text-slate-700 hover:bg-slate-100 md:hidden"
                aria-expanded={menuOpen}
                aria-controls="main-nav"
                aria-label={menuOpen ? t('ui.closeMenu') : t('ui.openMenu')}
                onClick={() => setMenuOpen(!menuOpen)}
                data-testid="menu-button"
              >
                {menuOpen ? <X aria-hidden className="h-5 w-5" /> : <Menu aria-hidden className="h-5 w-5" />}
              </button>
            ) : (
              <a href="#main-nav" className="rounded-md p-1.5 text-slate-700 hover:bg-slate-100 md:hidden" aria-label={t('ui.openMenu')} data-testid="menu-button">
                <Menu aria-hidden className="h-5 w-5" />
              </a>
            )}
          </div>
        </div>
        <nav
          id="main-nav"
          aria-label="main"
          className={cn('mx-auto max-w-7xl px-2 pb-2 md:flex md:gap-1 md:overflow-x-auto md:px-4 md:pb-0', menuOpen ? 'flex flex-col' : 'hidden target:flex target:flex-col md:target:flex-row')}
        >
          {links.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              end={item.end}
              className={({ isActive }) =>
                cn(
                  'whitespace-nowrap px-3 py-2.5 text-sm md:border-b-2 md:py-2',
                  isActive ? 'bg-brand-50 font-medium text-brand-700 md:border-brand-600 md:bg-transparent' : 'text-slate-600 hover:text-slate-900 md:border-transparent',
                )
              }
            >
              {item.label}
            </NavLink>
          ))}
          <div className="mt-2 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-3 pt-2 md:hidden">
            <span className="text-sm text-slate-700">{data.user.displayName}</span>
            <LanguageSwitcher />
            <SignOutForm testId="sign-out-menu" owner={owner} />
          </div>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-3 py-4 sm:px-4 sm:py-6">
        {children}
      </main>
    </div>
  );
}
