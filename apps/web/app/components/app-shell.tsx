import { Form, Link, NavLink, useSubmit } from '@remix-run/react';
import { Bell, Building2, ChevronDown, LogOut } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@shequ/domain';
import { CsrfInput } from './csrf-input.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from './ui/dropdown-menu.tsx';
import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '~/root.tsx';
import { cn } from '~/lib/utils.ts';

export type ShellWorkspace = { membershipId: string; role: Role; orgUnitName: string };
export type ShellData = { user: { displayName: string }; workspace: ShellWorkspace; workspaces: ShellWorkspace[]; unread?: number };
export type NavItem = { to: string; label: string; end?: boolean };

// A plain signature: the typed `t` of the full message tree is too deep for TypeScript to instantiate here.
function workspaceLabel(t: (key: string) => string, w: ShellWorkspace): string {
  const role = t(`roles.${w.role}`);
  return w.orgUnitName ? `${w.orgUnitName} · ${role}` : role;
}

/** The frame of every signed-in page: who you are, where you act, where you can go, and the way out. */
export function AppShell({ data, nav, children }: { data: ShellData; nav: NavItem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const others = data.workspaces.filter((w) => w.membershipId !== data.workspace.membershipId);

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t('common.skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
          <span className="flex items-center gap-2 font-semibold text-brand-700">
            <Building2 aria-hidden className="h-5 w-5" />
            {t('app.name')}
          </span>
          <DropdownMenu>
            <DropdownMenuTrigger
              className="flex items-center gap-1 rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
              aria-label={t('common.switchWorkspace')}
              data-testid="workspace-switcher"
            >
              <span className="max-w-[16rem] truncate">{workspaceLabel(t as unknown as (key: string) => string, data.workspace)}</span>
              <ChevronDown aria-hidden className="h-4 w-4" />
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start">
              <DropdownMenuLabel>{t('common.currentWorkspace')}</DropdownMenuLabel>
              <DropdownMenuItem disabled>{workspaceLabel(t as unknown as (key: string) => string, data.workspace)}</DropdownMenuItem>
              {others.length > 0 ? (
                <>
                  <DropdownMenuSeparator />
                  <DropdownMenuLabel>{t('common.switchWorkspace')}</DropdownMenuLabel>
                  {others.map((w) => (
                    <DropdownMenuItem
                      key={w.membershipId}
                      onSelect={() => submit({ membershipId: w.membershipId, csrf: root?.csrf ?? '' }, { method: 'post', action: '/workspaces' })}
                    >
                      {workspaceLabel(t as unknown as (key: string) => string, w)}
                    </DropdownMenuItem>
                  ))}
                </>
              ) : null}
            </DropdownMenuContent>
          </DropdownMenu>
          <div className="ml-auto flex items-center gap-3">
            <LanguageSwitcher className="hidden sm:flex" />
            <Link to="/notifications" className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100" aria-label={t('bell.label', { count: data.unread ?? 0 })} data-testid="bell">
              <Bell aria-hidden className="h-5 w-5" />
              {data.unread ? (
                <span className="absolute -right-1 -top-1 min-w-[1.25rem] rounded-full bg-red-600 px-1 text-center text-xs font-medium text-white tabular-nums" data-testid="bell-count">
                  {data.unread > 99 ? '99+' : data.unread}
                </span>
              ) : null}
            </Link>
            <span className="text-sm text-slate-700" data-testid="user-name">
              {data.user.displayName}
            </span>
            <Form method="post" action="/logout">
              <CsrfInput />
              <button className="flex items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
                <LogOut aria-hidden className="h-4 w-4" />
                {t('common.signOut')}
              </button>
            </Form>
          </div>
        </div>
        <nav aria-label="main" className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-4">
          {nav.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              end={item.end}
              className={({ isActive }) =>
                cn('whitespace-nowrap border-b-2 px-3 py-2 text-sm', isActive ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900')
              }
            >
              {item.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
