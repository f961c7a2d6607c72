import { NavLink } from '@remix-run/react';
import { cn } from '~/lib/utils.ts';

export type SectionTab = { to: string; label: string; end?: boolean; show?: boolean };

/**
 * The tabs of a section's pages (meals, care, the committee …): links, the current one marked; tabs with
 * `show: false` (the server would refuse them) are left out. Wraps on a phone; hidden when printing.
 */
export function SectionTabs({ label, tabs }: { label: string; tabs: SectionTab[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200 pb-2 print:hidden">
      {tabs
        .filter((x) => x.show !== false)
        .map((x) => (
          <NavLink
            key={x.to}
            to={x.to}
            end={x.end}
            className={({ isActive }) => cn('rounded-md px-3 py-1.5 text-sm', isActive ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-600 hover:bg-slate-100')}
          >
            {x.label}
          </NavLink>
        ))}
    </nav>
  );
}
